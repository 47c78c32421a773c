import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fromRoot, launchBrowser, onPage, textOf } from './support'

// Vite hot updates of the module that makes a module-level bus: the README's recipe
// (tests/e2e/vite-recipe, the README's Vite section verbatim) and the example app's src/bus.ts.
// Each runs from a copy under .tmp/, whose bus module the test edits three times; the sources
// are never modified.

declare global {
  interface Window {
    /** The live intervals of the page, by id: what setInterval started and clearInterval did not end. */
    liveIntervals: Map<number, { handler: () => void; delay: number }>
    sameDocument?: boolean
  }
}

/** Counts live intervals: installed before the page's scripts run. */
function trackIntervals(): void {
  const live = new Map<number, { handler: () => void; delay: number }>()
  const { setInterval: set, clearInterval: clear } = window
  window.liveIntervals = live
  window.setInterval = ((handler: () => void, delay: number, ...args: unknown[]) => {
    const id = set(handler, delay, ...args)
    live.set(id, { handler, delay })
    return id
  }) as typeof window.setInterval
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.delete(id)
    clear(id)
  }) as typeof window.clearInterval
}

const intervalsOf = (page: Page, delay: number) =>
  page.evaluate((ms) => [...window.liveIntervals.values()].filter((entry) => entry.delay === ms).length, delay)

/** Copies `files` of `from` into a fresh folder under .tmp/ (inside the repository, so that its
 * imports resolve from the repository's node_modules). */
function copyApp(from: string, files: string[]): string {
  mkdirSync(fromRoot('.tmp'), { recursive: true })
  const dir = mkdtempSync(join(fromRoot('.tmp'), 'hot-reload-'))
  for (const file of files) cpSync(join(from, file), join(dir, file), { recursive: true })
  return dir
}

/**
 * Appends a comment to `file` and waits until the page has applied Vite's hot update of it.
 * The file watcher may still be starting at the first edit, so a write that brings no update
 * within a few seconds is made again.
 */
async function edit(page: Page, file: string, url: string, count: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const updated = page.waitForEvent('console', {
      predicate: (message) => message.text().includes(`hot updated: ${url}`),
      timeout: 5_000,
    })
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edit ${count}\n`)
    try {
      await updated
      return
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

let browser: Browser | undefined
const copies: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

async function startVite(root: string, configFile: string | false): Promise<ViteDevServer> {
  const server = await createServer({
    root,
    configFile,
    ...(configFile === false && {
      plugins: [react()],
      resolve: {
        alias: [
          { find: /^busway\/devtools$/, replacement: fromRoot('src/devtools/index.ts') },
          { find: /^busway$/, replacement: fromRoot('src/index.ts') },
        ],
      },
    }),
    // Its own dependency cache, apart from the one `npm run example` uses.
    cacheDir: fromRoot('node_modules/.vite-e2e-hot'),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  await server.listen()
  return server
}

function urlOf(server: ViteDevServer, path = '/'): string {
  const base = server.resolvedUrls?.local[0]
  if (base === undefined) throw new Error('the server did not report its URL')
  return new URL(path, base).href
}

describe("the README's Vite recipe (a module-level bus with a timer) on the Vite dev server", () => {
  let server: ViteDevServer | undefined
  let dir = ''
  beforeAll(async () => {
    dir = copyApp(fromRoot('tests/e2e/vite-recipe'), ['index.html', 'src'])
    copies.push(dir)
    server = await startVite(dir, false)
  })
  afterAll(async () => {
    await server?.close()
  })

  test('three edits of bus.ts leave one bus, one timer, and the latest payloads', async () => {
    await onPage(
      browser,
      urlOf(server!),
      async (page) => {
        const status = page.getByRole('status')
        await page.getByRole('button', { name: 'Log in' }).click()
        await page.getByText('Signed in as ada').waitFor()
        expect(await intervalsOf(page, 60_000)).toBe(1)
        await page.evaluate(() => (window.sameDocument = true))

        for (let count = 1; count <= 3; count++) {
          await edit(page, join(dir, 'src/bus.ts'), '/src/bus.ts', count)
          expect(await intervalsOf(page, 60_000)).toBe(1)
        }

        // No full reload, and the UI kept the latest login of the bus it had.
        expect(await page.evaluate(() => window.sameDocument)).toBe(true)
        await page.getByText('Signed in as ada').waitFor()
        // The one timer left emits into the bus the components read: the same bus.
        expect(await textOf(status)()).toBe('No alert yet')
        await page.evaluate(() => {
          for (const entry of window.liveIntervals.values()) if (entry.delay === 60_000) entry.handler()
        })
        await expect.poll(textOf(status)).toBe('still here')
      },
      { init: trackIntervals },
    )
  })
})

describe('the example app on the Vite dev server, its bus module edited', () => {
  let server: ViteDevServer | undefined
  let dir = ''
  beforeAll(async () => {
    dir = copyApp(fromRoot('examples'), ['index.html', 'src'])
    copies.push(dir)
    server = await startVite(dir, fromRoot('examples/vite.config.ts'))
  })
  afterAll(async () => {
    await server?.close()
  })

  test('three edits of src/bus.ts leave one bus, one monitor timer, and the latest payloads', async () => {
    await onPage(
      browser,
      urlOf(server!, '/?monitorInterval=200'),
      async (page) => {
        const banner = page.getByRole('banner')
        const alerts = page.getByRole('log', { name: 'Alerts' })
        const allListeners = page.getByRole('status', { name: 'Bus listeners' })
        await page.getByLabel('User ID').fill('ada')
        await page.getByRole('button', { name: 'Log in' }).click()
        await expect.poll(textOf(banner)).toContain('Signed in as ada')
        await alerts.getByText(/Monitor: CPU load/).first().waitFor()
        const listeners = await allListeners.textContent()
        expect(await intervalsOf(page, 200)).toBe(1)
        await page.evaluate(() => (window.sameDocument = true))

        for (let count = 1; count <= 3; count++) {
          await edit(page, join(dir, 'src/bus.ts'), '/src/bus.ts', count)
          expect(await intervalsOf(page, 200)).toBe(1)
        }

        expect(await page.evaluate(() => window.sameDocument)).toBe(true)
        expect(await banner.textContent()).toContain('Signed in as ada')
        expect(await allListeners.textContent()).toBe(listeners)
        // The monitor, outside React, still emits into the bus the components listen to.
        const newestAlertTime = () => alerts.locator('p.alert').first().locator('time').getAttribute('datetime')
        const before = await newestAlertTime()
        await expect.poll(newestAlertTime).not.toBe(before)
        expect(await alerts.locator('p.alert').first().textContent()).toMatch(/Monitor: CPU load/)
      },
      { init: trackIntervals },
    )
  })
})
