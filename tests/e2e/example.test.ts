import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// Builds examples/, serves it, and drives it in headless Chromium: the built app through
// `vite preview`, then the dev server too, where React's development build would print any
// warning (StrictMode checks, keys, …) that the production build keeps quiet.

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const examplesConfig = fromRoot('examples/vite.config.ts')
const screenshotPath = fromRoot('examples/screenshot.png')
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]
// The monitor checks every 200 ms instead of 5 s, so its first alert comes quickly.
const appPath = '/?monitorInterval=200'

let browser: Browser | undefined

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; ` +
        'install it with `apt-get install -y chromium` or set CHROMIUM_PATH',
    )
  }
  buildExample()
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

afterAll(async () => {
  await browser?.close()
})

describe('the example app, built and served by vite preview', () => {
  let server: PreviewServer | undefined
  beforeAll(async () => {
    server = await preview({
      configFile: examplesConfig,
      logLevel: 'silent',
      preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    })
  })
  afterAll(async () => {
    await server?.close()
  })

  test('plays the event bus scenario without a console error or warning', async () => {
    await runScenario(urlOf(server), { screenshot: true })
  })
})

describe('the example app on the vite dev server (React development build)', () => {
  let server: ViteDevServer | undefined
  beforeAll(async () => {
    server = await createServer({
      configFile: examplesConfig,
      // Its own dependency cache: this process's NODE_ENV=test would otherwise invalidate the
      // one `npm run example` uses, and the other way round.
      cacheDir: fromRoot('node_modules/.vite-e2e'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    })
    await server.listen()
  })
  afterAll(async () => {
    await server?.close()
  })

  test('plays the event bus scenario without a console error or warning', async () => {
    await runScenario(urlOf(server), { screenshot: false })
  })
})

/** Builds examples/ to examples/dist in a child process, for a true production build. */
function buildExample(): void {
  const viteDir = dirname(createRequire(import.meta.url).resolve('vite/package.json'))
  const viteBin = join(viteDir, 'bin/vite.js')
  // Vitest sets NODE_ENV=test, which Vite would inline, giving React's development build.
  const env = { ...process.env }
  delete env.NODE_ENV
  const result = spawnSync(
    process.execPath,
    [viteBin, 'build', '--config', examplesConfig, '--logLevel', 'warn'],
    { env, encoding: 'utf8' },
  )
  if (result.status !== 0) {
    throw new Error(`vite build of the example failed:\n${result.stdout}\n${result.stderr}`)
  }
}

function urlOf(server: { resolvedUrls: { local: string[] } | null } | undefined): string {
  const url = server?.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('the server did not report its URL')
  return new URL(appPath, url).href
}

/** Collects console errors and warnings, and uncaught exceptions, of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console.${message.type()}: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`))
  return problems
}

const textOf = (locator: Locator) => () => locator.textContent()

async function runScenario(url: string, { screenshot }: { screenshot: boolean }): Promise<void> {
  if (browser === undefined) throw new Error('the browser did not start')
  const context = await browser.newContext({ viewport: { width: 1280, height: 960 } })
  const page = await context.newPage()
  const problems = watchConsole(page)
  try {
    await page.goto(url)

    const banner = page.getByRole('banner')
    const alerts = page.getByRole('log', { name: 'Alerts' })
    const updates = page.getByRole('list', { name: 'Received updates' })
    const eventLog = page.getByRole('list', { name: 'Event log' })
    const allListeners = page.getByRole('status', { name: 'Bus listeners' })
    const updateListeners = page.getByRole('status', { name: 'Listeners on data:update' })

    await expect.poll(textOf(banner)).toContain('Not signed in')

    // The monitor, plain TypeScript outside React, emits into the bus the provider was given.
    await alerts.getByText(/Monitor: CPU load at \d+% on api-1/).first().waitFor()
    await page.getByRole('button', { name: 'Pause monitor' }).click()
    await expect.poll(textOf(page.getByRole('status', { name: 'Monitor status' }))).toBe('paused')

    // A form in one subtree emits user:login; the header, in another, shows it.
    await page.getByLabel('User ID').fill('ada')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(textOf(banner)).toContain('Signed in as ada')

    // The data panel emits data:update; the list elsewhere receives every one, newest first.
    const pushUpdate = page.getByRole('button', { name: 'Push update' })
    await pushUpdate.click()
    await pushUpdate.click()
    await expect.poll(() => updates.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('report-42 {"revision":2}'),
      expect.stringContaining('report-42 {"revision":1}'),
    ])

    // Alerts: a critical one interrupts (role="alert") and is styled apart; a warning does not.
    await page.getByRole('button', { name: 'Send warning' }).click()
    await page.getByRole('button', { name: 'Send critical alert' }).click()
    const critical = page.getByRole('alert').filter({ hasText: 'Database db-1 is not responding' })
    await critical.waitFor()
    expect(await critical.textContent()).toMatch(/^Critical Database db-1 is not responding/)
    expect(await critical.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(198, 40, 40)',
    )
    const warning = alerts.getByText('Disk usage at 85% on db-1')
    expect(await warning.getAttribute('role')).toBeNull()
    expect(await warning.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
      'rgb(198, 40, 40)',
    )

    // Hiding the panel unmounts the list and ends its subscription; showing it subscribes again.
    // The header, the alerts, the list and the event log hold one subscription each.
    await expect.poll(textOf(allListeners)).toBe('4')
    await expect.poll(textOf(updateListeners)).toBe('1')
    for (let cycle = 0; cycle < 3; cycle++) {
      await page.getByRole('button', { name: 'Hide panel' }).click()
      await expect.poll(textOf(allListeners)).toBe('3')
      await expect.poll(textOf(updateListeners)).toBe('0')
      expect(await updates.count()).toBe(0)
      await page.getByRole('button', { name: 'Show panel' }).click()
      await expect.poll(textOf(allListeners)).toBe('4')
      await expect.poll(textOf(updateListeners)).toBe('1')
    }
    // The remounted list starts empty and receives the next update exactly once.
    await pushUpdate.click()
    await expect.poll(() => updates.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('report-42 {"revision":3}'),
    ])

    // The event log (bus.onAny) shows the flow, newest first.
    const entries = await eventLog.getByRole('listitem').allTextContents()
    expect(entries.slice(0, 6)).toEqual([
      expect.stringMatching(/data:update\s*report-42 {"revision":3}$/),
      expect.stringMatching(/system:alert\s*critical: Database db-1 is not responding$/),
      expect.stringMatching(/system:alert\s*warning: Disk usage at 85% on db-1$/),
      expect.stringMatching(/data:update\s*report-42 {"revision":2}$/),
      expect.stringMatching(/data:update\s*report-42 {"revision":1}$/),
      expect.stringMatching(/user:login\s*user ada$/),
    ])

    if (screenshot) await page.screenshot({ path: screenshotPath, fullPage: true })

    // The log keeps the last 10 events only.
    for (let push = 0; push < 12; push++) await pushUpdate.click()
    await expect.poll(textOf(eventLog.getByRole('listitem').first())).toContain('{"revision":15}')
    expect(await eventLog.getByRole('listitem').count()).toBe(10)

    expect(problems).toEqual([])
  } catch (error) {
    // A step failed: say what the page printed too, which often explains why.
    if (problems.length > 0 && error instanceof Error) {
      error.message += `\n\nThe page printed:\n${problems.join('\n')}`
    }
    throw error
  } finally {
    await context.close()
  }
}
