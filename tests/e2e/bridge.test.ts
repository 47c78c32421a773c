import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { connect } from '@nats-io/transport-node'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startNatsServer, type NatsServer } from '../../scripts/nats-server.mjs'

// The bridges in a real browser, on the example app served by the Vite dev server: two tabs kept
// in sync by BroadcastChannel, the CSV export job in a Web Worker through connectPort, and pages
// connected to a local nats-server through wsconnect.

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']

let browser: Browser | undefined
let server: ViteDevServer | undefined
let base = ''

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}; install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`)
  }
  server = await createServer({
    configFile: fromRoot('examples/vite.config.ts'),
    // A dependency cache of its own: other e2e files run dev servers at the same time.
    cacheDir: fromRoot('node_modules/.vite-e2e-bridge'),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  await server.listen()
  base = server.resolvedUrls!.local[0]!
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Opens the app in `context`, failing the test on any console error or warning. */
async function open(context: BrowserContext, query = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`))
  // A slow monitor: its alerts would only crowd the page here.
  await page.goto(new URL(`/?monitorInterval=60000${query}`, base).href)
  await page.getByTestId('bridges').waitFor()
  return { page, problems }
}

const bannerOf = (page: Page) => () => page.getByRole('banner').textContent()

async function logIn(page: Page, userId: string): Promise<void> {
  await page.getByLabel('User ID').fill(userId)
  await page.getByRole('button', { name: 'Log in' }).click()
}

describe('Bridges in Chromium: the example app', () => {
  test('two tabs stay in sync through BroadcastChannel, and a tab opened later catches up (replay)', async () => {
    const context = await browser!.newContext()
    try {
      const first = await open(context)
      const second = await open(context)
      expect(await first.page.getByTestId('bridges').textContent()).toContain(
        'Open this page in a second tab: sign-ins and data updates stay in sync through BroadcastChannel.',
      )
      await logIn(first.page, 'ada')
      await expect.poll(bannerOf(second.page)).toContain('Signed in as ada')
      await logIn(second.page, 'grace')
      await expect.poll(bannerOf(first.page)).toContain('Signed in as grace')

      await second.page.getByRole('button', { name: 'Push update' }).click()
      const updates = first.page.getByRole('list', { name: 'Received updates' })
      await expect.poll(() => updates.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('{"revision":1}')])

      const late = await open(context)
      await expect.poll(bannerOf(late.page)).toContain('Signed in as grace')
      // Alerts are per tab: the monitor's and the buttons' alerts are not in types.
      await first.page.getByRole('button', { name: 'Send warning' }).click()
      await first.page.getByRole('log', { name: 'Alerts' }).getByText('Disk usage at 85% on db-1').waitFor()
      await second.page.waitForTimeout(200)
      expect(await second.page.getByRole('log', { name: 'Alerts' }).getByText('Disk usage at 85% on db-1').count()).toBe(0)
      expect([...first.problems, ...second.problems, ...late.problems]).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('the CSV export runs in a Web Worker that posts its progress through connectPort', async () => {
    const context = await browser!.newContext()
    try {
      const { page, problems } = await open(context)
      await page.getByRole('button', { name: 'Export as CSV' }).click()
      await expect.poll(() => page.getByText(/CSV export in a Web Worker: \d+%/).textContent(), { timeout: 10_000 }).toContain('100%')
      const log = page.getByRole('list', { name: 'Event log' })
      await expect.poll(() => log.textContent()).toContain('export report-42: 100%')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe('Bridges in Chromium: pages connected through wsconnect to a local nats-server', () => {
  let nats: NatsServer | undefined
  beforeAll(async () => {
    nats = await startNatsServer()
  })
  afterAll(async () => {
    await nats?.stop()
  })

  test("two pages see each other's events and those of a Node publisher", async () => {
    // Two contexts: no BroadcastChannel between them, so NATS is the only path.
    const contexts = [await browser!.newContext(), await browser!.newContext()]
    const nc = await connect({ servers: nats!.url })
    try {
      const query = `&nats=${encodeURIComponent(nats!.wsUrl)}`
      const [a, b] = await Promise.all(contexts.map((context) => open(context, query)))
      for (const { page } of [a!, b!]) {
        await expect.poll(() => page.getByTestId('bridges').textContent()).toContain(`NATS: connected to ${nats!.wsUrl}`)
      }
      await logIn(a!.page, 'linus')
      await expect.poll(bannerOf(b!.page)).toContain('Signed in as linus')

      // A service that is not busway: plain JSON on the subject, no headers.
      nc.publish('busway.example.system:alert', JSON.stringify({ severity: 'critical', message: 'Node publisher: disk full' }))
      for (const { page } of [a!, b!]) {
        await page.getByRole('alert').filter({ hasText: 'Node publisher: disk full' }).waitFor()
      }
      expect([...a!.problems, ...b!.problems]).toEqual([])
    } finally {
      await nc.close()
      for (const context of contexts) await context.close()
    }
  })
})
