import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort, fromRoot, launchBrowser, onPage, startServer, textOf, type ChildServer } from './support'

// The Next.js example (examples/nextjs) as a user's app: busway packed and installed from its
// tarball, `next build` then `next start`, driven in Chromium; then `next dev` once, where
// React's development build prints its warnings and hydration errors.

const example = fromRoot('examples/nextjs')
const nextBin = join(example, 'node_modules/next/dist/bin/next')
// Strings of the devtools panel's code: none of them may reach a production client chunk.
const panelMarkers = ['Listeners per event type', 'Filter by event type', 'Events, newest first']

/** The environment of the example's commands: Vitest's NODE_ENV=test would confuse Next. */
function exampleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
  delete env.NODE_ENV
  return env
}

function runInExample(args: string[], what: string): void {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { cwd: example, env: exampleEnv(), encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`)
  console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

let browser: Browser | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  runInExample([join(example, 'setup.mjs')], 'packing busway and installing the example (setup.mjs)')
}, 600_000)

afterAll(async () => {
  await browser?.close()
})

describe('the Next.js example, built with next build and served by next start', () => {
  let server: ChildServer | undefined
  beforeAll(async () => {
    runInExample([nextBin, 'build'], 'next build')
    const port = await freePort()
    server = await startServer(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: example,
      env: exampleEnv(),
      url: `http://127.0.0.1:${port}/`,
    })
  }, 600_000)
  afterAll(async () => {
    await server?.stop()
  })

  test('the installed busway holds the devtools panel code that the markers find', () => {
    const dist = join(example, 'node_modules/busway/dist')
    const withPanel = filesUnder(dist).filter((file) => {
      const code = readFileSync(file, 'utf8')
      return file.endsWith('.js') && panelMarkers.every((marker) => code.includes(marker))
    })
    expect(withPanel.length).toBeGreaterThan(0)
  })

  test('no devtools panel code is in the client chunks of the production build', () => {
    const chunks = filesUnder(join(example, '.next/static')).filter((file) => file.endsWith('.js'))
    expect(chunks.length).toBeGreaterThan(0)
    const withPanel = chunks.filter((file) => {
      const code = readFileSync(file, 'utf8')
      return panelMarkers.some((marker) => code.includes(marker))
    })
    expect(withPanel).toEqual([])
  })

  test('the server page renders what a bus made on the server collected', async () => {
    const html = await (await fetch(new URL('/report', server!.url))).text()
    expect(html).toContain('load orders: 42 items')
    expect(html).toContain('group by customer: 7 items')
  })

  test('login, toasts, the event counter and client navigation, without a console error or warning', async () => {
    await runScenario(server!.url, { devtools: false, screenshot: fromRoot('examples/nextjs/screenshot.png') })
  })
})

describe('the Next.js example on next dev (React development build)', () => {
  let server: ChildServer | undefined
  beforeAll(async () => {
    const port = await freePort()
    server = await startServer(process.execPath, [nextBin, 'dev', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: example,
      env: exampleEnv(),
      url: `http://127.0.0.1:${port}/`,
    })
  }, 600_000)
  afterAll(async () => {
    await server?.stop()
  })

  test('login, toasts, the event counter and client navigation, without a console error or warning', async () => {
    await runScenario(server!.url, { devtools: true })
  })
})

async function runScenario(url: string, { devtools, screenshot }: { devtools: boolean; screenshot?: string }) {
  await onPage(browser, url, async (page: Page) => {
    const banner = page.getByRole('banner')
    const toasts = page.getByRole('log', { name: 'Notifications' })
    const counted = page.getByRole('status', { name: 'Events counted' })
    const counting = page.getByRole('checkbox', { name: 'Count events' })
    await page.getByRole('heading', { name: 'Home' }).waitFor()
    // Hydrated: the header's client component has rendered and the buttons respond.
    await expect.poll(textOf(banner)).toContain('Not signed in')
    await expect.poll(textOf(counted)).toBe('0')

    // The login button emits user:login; the header (useEventState) and the toasts (useEvent),
    // rendered by the server layout, both receive it; the counter (useAnyEvent) counts it.
    await page.getByRole('button', { name: 'Log in as ada' }).click()
    await expect.poll(textOf(banner)).toContain('Signed in as ada')
    await expect.poll(() => toasts.getByText('Welcome, ada').count()).toBe(1)
    await expect.poll(textOf(counted)).toBe('1')

    // enabled: false unsubscribes the counter without unmounting it; on again, it counts again.
    await counting.uncheck()
    await page.getByRole('button', { name: 'Send a toast' }).click()
    await expect.poll(() => toasts.getByText('Ping').count()).toBe(1)
    expect(await counted.textContent()).toBe('1')
    await counting.check()
    await page.getByRole('button', { name: 'Send a toast' }).click()
    await expect.poll(() => toasts.getByText('Ping').count()).toBe(2)
    await expect.poll(textOf(counted)).toBe('2')

    // Client navigation to the server page and back: the layout, its provider and bus, and the
    // state of the header and the counter stay; a full page load would lose the marker.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
    await page.getByRole('link', { name: 'Server report' }).click()
    await page.getByRole('heading', { name: 'Server report' }).waitFor()
    expect(await page.getByRole('list', { name: 'Report steps' }).getByRole('listitem').allTextContents()).toEqual([
      'load orders: 42 items',
      'group by customer: 7 items',
    ])
    expect(await page.getByRole('status', { name: 'Last step' }).textContent()).toBe('group by customer')
    expect(await banner.textContent()).toContain('Signed in as ada')
    expect(await counted.textContent()).toBe('2')
    // The page's own login button reaches the same bus.
    await page.getByRole('button', { name: 'Log in as ada' }).click()
    await expect.poll(textOf(counted)).toBe('3')
    // The toasts keep the latest three.
    await expect.poll(() => toasts.locator('.toast').allTextContents()).toEqual([
      expect.stringMatching(/^Ping/),
      expect.stringMatching(/^Ping/),
      expect.stringMatching(/^Welcome, ada/),
    ])
    await page.getByRole('link', { name: 'Home' }).click()
    await page.getByRole('heading', { name: 'Home' }).waitFor()
    expect(await banner.textContent()).toContain('Signed in as ada')
    expect(await counted.textContent()).toBe('3')
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)

    // The devtools panel, rendered by the server layout: there in development, gone in production.
    const toggle = page.getByRole('button', { name: /^busway/ })
    if (devtools) {
      await toggle.click()
      const panel = page.getByRole('region', { name: 'busway devtools' })
      await panel.waitFor()
      await expect.poll(() => panel.locator('li.event[data-event-type="user:login"]').count()).toBe(2)
    } else {
      expect(await toggle.count()).toBe(0)
    }
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true })
  })
}
