import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fromRoot, launchBrowser, onPage, textOf } from './support'

// Builds examples/, serves it, and drives it in headless Chromium: the built app through
// `vite preview`, then the dev server too, where React's development build would print any
// warning (StrictMode checks, keys, …) that the production build keeps quiet.

const examplesConfig = fromRoot('examples/vite.config.ts')
const screenshotPath = fromRoot('examples/screenshot.png')
const devtoolsScreenshotPath = fromRoot('docs/devtools.png')
const devtoolsDarkScreenshotPath = fromRoot('docs/devtools-dark.png')
// The monitor checks every 200 ms instead of 5 s, so its first alert comes quickly.
const appPath = '/?monitorInterval=200'

let browser: Browser | undefined

beforeAll(async () => {
  buildExample()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

// `npm run test:e2e` plays this file a second time with REACT_COMPILER=on, which makes
// examples/vite.config.ts compile the app with babel-plugin-react-compiler.
const reactCompiler = process.env.REACT_COMPILER === 'on'

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

  test('the devtools render nothing in the production build, and none of their code is in it', async () => {
    const assets = fromRoot('examples/dist/assets')
    const code = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(assets, file), 'utf8'))
      .join('\n')
    // Strings of the panel's code (the dev server test below finds the panel itself).
    for (const marker of ['Listeners per event type', 'Filter by event type']) expect(code).not.toContain(marker)
    await onPage(browser, urlOf(server), async (page) => {
      await expect.poll(textOf(page.getByRole('banner'))).toContain('Not signed in')
      expect(await page.getByRole('button', { name: /^busway/ }).count()).toBe(0)
    })
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

  test(`the app's components are ${reactCompiler ? '' : 'not '}compiled by the React Compiler`, async () => {
    const header = await (await fetch(new URL('/src/components/Header.tsx', urlOf(server)))).text()
    // Compiled modules import react/compiler-runtime (a pre-bundled dependency on the dev server).
    expect(/react_compiler-runtime|react\/compiler-runtime/.test(header)).toBe(reactCompiler)
  })

  test('plays the event bus scenario without a console error or warning', async () => {
    await runScenario(urlOf(server), { screenshot: false })
  })

  test('the devtools panel shows events, their causes and errors; filters, pauses and closes', async () => {
    await runDevtoolsScenario(urlOf(server), { screenshot: !reactCompiler })
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


async function runScenario(url: string, { screenshot }: { screenshot: boolean }): Promise<void> {
  await onPage(browser, url, async (page) => {

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
    // The header, the alerts, the list and the event log hold one subscription each, and the
    // reports card four (three handlers and the CSV export's progress).
    await expect.poll(textOf(allListeners)).toBe('8')
    await expect.poll(textOf(updateListeners)).toBe('1')
    for (let cycle = 0; cycle < 3; cycle++) {
      await page.getByRole('button', { name: 'Hide panel' }).click()
      await expect.poll(textOf(allListeners)).toBe('7')
      await expect.poll(textOf(updateListeners)).toBe('0')
      expect(await updates.count()).toBe(0)
      await page.getByRole('button', { name: 'Show panel' }).click()
      await expect.poll(textOf(allListeners)).toBe('8')
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

  }, { viewport: { width: 1280, height: 960 } })
}

/** The event types of the panel's rows, in order, nested rows indented under their parent. */
async function panelRows(page: Page): Promise<string[]> {
  return page.locator('li.event').evaluateAll((rows) =>
    rows.map((row) => {
      let depth = 0
      for (let parent = row.parentElement; parent !== null; parent = parent.parentElement) {
        if (parent.classList.contains('nested')) depth++
      }
      return `${'  '.repeat(depth)}${(row as HTMLElement).dataset.eventType}`
    }),
  )
}

async function runDevtoolsScenario(url: string, { screenshot }: { screenshot: boolean }): Promise<void> {
  await onPage(browser, url, async (page) => {
    await page.getByRole('button', { name: 'Pause monitor' }).click()
    await expect.poll(textOf(page.getByRole('status', { name: 'Monitor status' }))).toBe('paused')

    // Playwright's locators pierce open shadow roots, as a user's eyes do.
    const toggle = page.getByRole('button', { name: /^busway/ })
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    const panel = page.getByRole('region', { name: 'busway devtools' })
    await panel.waitFor()
    await panel.getByRole('button', { name: 'Clear' }).click()

    await page.getByLabel('User ID').fill('ada')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('button', { name: 'Save report' }).click()
    await page.getByRole('button', { name: 'Export as PDF' }).click()

    // Newest first; an event emitted by a handler sits under the event it was handling.
    await expect.poll(() => panelRows(page)).toEqual([
      'report:export',
      '  system:alert',
      'report:save',
      '  report:saved',
      '    system:alert',
      'user:login',
    ])
    const save = page.locator('li.event[data-event-type="report:save"]').first()
    // Its handlers: the reports card's (labelled) and the event log's onAny (labelled too).
    expect(await save.locator(':scope > details .handlers').textContent()).toBe('2 handlers')
    expect(await save.locator(':scope > details .handlers').getAttribute('title')).toBe('report storage, EventLog')
    expect(await save.locator(':scope > details .preview').textContent()).toBe('{reportId: "report-42"}')

    // The failed export is red, names the handler by its label, and shows the error.
    const failed = page.locator('li.event[data-event-type="report:export"]')
    expect(await failed.getAttribute('class')).toContain('failed')
    const errors = failed.locator(':scope > details .errors')
    expect(await errors.textContent()).toBe('1 error')
    expect(await errors.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(198, 40, 40)')
    await failed.locator(':scope > details > summary').click()
    expect(await failed.locator('.error-line').textContent()).toBe(
      '"exporter" threw Error: The PDF export service is unavailable',
    )

    // A payload expands to a tree, by keyboard too.
    await save.locator(':scope > details > summary').focus()
    await page.keyboard.press('Enter')
    await save.locator(':scope > details .tree .leaf').filter({ hasText: 'reportId: "report-42"' }).waitFor()

    // Light and dark colour schemes, following prefers-color-scheme.
    const panelBackground = () => panel.evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(await panelBackground()).toBe('rgb(255, 255, 255)')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const box = await panel.boundingBox()
    if (box === null) throw new Error('the panel has no box')
    const margin = 16
    const clip = { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 60 + margin }
    if (screenshot) await page.screenshot({ path: devtoolsScreenshotPath, clip })
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await panelBackground()).toBe('rgb(27, 30, 36)')
    if (screenshot) await page.screenshot({ path: devtoolsDarkScreenshotPath, clip })
    await page.emulateMedia({ colorScheme: 'light' })

    // Filter by text, then by one of the seen types.
    const filter = page.getByRole('searchbox', { name: 'Filter by event type' })
    await filter.fill('report:s')
    await expect.poll(() => panelRows(page)).toEqual(['report:save', '  report:saved'])
    await filter.fill('')
    await page.getByRole('combobox', { name: 'Show one type' }).selectOption('system:alert')
    await expect.poll(() => panelRows(page)).toEqual([
      'report:export',
      '  system:alert',
      'report:save',
      '  report:saved',
      '    system:alert',
    ])
    expect(await failed.getAttribute('class')).toContain('context')
    await page.getByRole('combobox', { name: 'Show one type' }).selectOption('')

    // Paused, new events are counted but not listed; resumed, they are listed again.
    await panel.getByRole('button', { name: 'Pause' }).click()
    await page.getByRole('button', { name: 'Save report' }).click()
    await expect.poll(textOf(panel.getByRole('status'))).toBe(
      'Paused: new events are not recorded (3 so far).',
    )
    expect(await panelRows(page)).toHaveLength(6)
    await panel.getByRole('button', { name: 'Resume' }).click()
    await page.getByRole('button', { name: 'Save report' }).click()
    await expect.poll(async () => (await panelRows(page)).slice(0, 3)).toEqual([
      'report:save',
      '  report:saved',
      '    system:alert',
    ])

    // The listeners view counts subscriptions per type.
    await page.getByRole('tab', { name: 'Listeners' }).click()
    const table = page.getByRole('table', { name: 'Listeners per event type' })
    await expect.poll(textOf(table.locator('tr[data-listener-type="report:save"] .count'))).toBe('1')
    await expect.poll(textOf(table.locator('tr[data-listener-type="*"] .count'))).toBe('1')

    // The host app's CSS does not reach into the panel's shadow root (inherited properties
    // included), and the panel's CSS does not reach the app.
    const panelRulesInDocument = await page.evaluate(() =>
      [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('.panel'))),
    )
    expect(panelRulesInDocument).toBe(false)
    await page.addStyleTag({
      content: 'body { color: rgb(255, 0, 255) !important; } button { background: rgb(255, 0, 255) !important; }',
    })
    expect(await toggle.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgb(255, 0, 255)')
    expect(await panel.evaluate((element) => getComputedStyle(element).color)).not.toBe('rgb(255, 0, 255)')

    // Escape closes the panel and gives focus back to the toggle; Enter opens it again.
    await panel.getByRole('tab', { name: 'Listeners' }).focus()
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(await toggle.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await panel.waitFor()

  })
}
