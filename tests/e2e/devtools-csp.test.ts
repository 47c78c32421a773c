import { existsSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The devtools panel on a page served with `Content-Security-Policy: default-src 'self'`, in
// headless Chromium: the policy blocks inline `<style>` elements and style attributes, so the
// panel must bring its styles another way and still be positioned and styled.

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
const policy = "default-src 'self'"
const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>busway devtools under a strict Content-Security-Policy</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.js"></script>
  </body>
</html>`

let browser: Browser | undefined
let server: Server | undefined
let origin = ''

/** Bundles the page (the panel from the sources, React's development build) in memory. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fromRoot('tests/e2e/csp-page/main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    alias: {
      'busway/core': fromRoot('src/core/index.ts'),
      'busway/devtools': fromRoot('src/devtools/index.ts'),
      busway: fromRoot('src/index.ts'),
    },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}; install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`)
  }
  const script = await bundlePage()
  server = createServer((request, response) => {
    const headers = { 'Content-Security-Policy': policy }
    if (request.url === '/') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(html)
    } else if (request.url === '/main.js') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(script)
    } else {
      // The browser asks for /favicon.ico: no icon, and no 404 in the console.
      response.writeHead(204, headers).end()
    }
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)))
})

describe('<EventBusDevtools /> under a strict Content-Security-Policy', () => {
  test("works and is styled under default-src 'self', with no CSP violation", async () => {
    if (browser === undefined) throw new Error('the browser did not start')
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`))
    // Recorded from the start, by a script the policy does not apply to (Playwright injects it).
    await page.addInitScript(() => {
      const violations: string[] = []
      Object.assign(window, { violations })
      document.addEventListener('securitypolicyviolation', (event) => {
        violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
      })
    })
    const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations)

    try {
      const response = await page.goto(`${origin}/`)
      expect(response?.headers()['content-security-policy']).toBe(policy)

      // It works: events are listed, a nested one under its cause.
      const panel = page.getByRole('region', { name: 'busway devtools' })
      await panel.waitFor()
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await page.getByRole('button', { name: 'Add to cart' }).click()
      const rows = page.locator('li.event')
      await expect.poll(() => rows.count()).toBe(4)
      expect(await page.locator('li.event[data-event-id="1"] .nested li.event').getAttribute('data-event-type')).toBe(
        'cart:changed',
      )

      // It is styled: fixed in the bottom-right corner, over the page, in its own colours.
      const root = page.locator('.root')
      expect(await root.evaluate((element) => getComputedStyle(element).position)).toBe('fixed')
      expect(await root.evaluate((element) => getComputedStyle(element).zIndex)).toBe('2147483000')
      expect(await panel.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 255, 255)')
      expect(await panel.evaluate((element) => getComputedStyle(element).borderRadius)).toBe('10px')
      const box = await panel.boundingBox()
      const toggle = await page.getByRole('button', { name: /^busway/ }).boundingBox()
      if (box === null || toggle === null) throw new Error('the panel is not laid out')
      expect(toggle.x + toggle.width).toBeCloseTo(1100 - 12, 0)
      expect(toggle.y + toggle.height).toBeCloseTo(700 - 12, 0)
      expect(box.y + box.height).toBeLessThan(toggle.y)
      mkdirSync(fromRoot('test-results'), { recursive: true })
      await page.screenshot({ path: fromRoot('test-results/devtools-csp.png') })

      expect(await violations()).toEqual([])
      expect(problems).toEqual([])

      // The policy is in force: an inline <style> of the page itself is blocked and reported.
      const applied = await page.evaluate(() => {
        const style = document.createElement('style')
        style.textContent = 'h1 { color: rgb(255, 0, 255); }'
        document.head.append(style)
        return getComputedStyle(document.querySelector('h1')!).color
      })
      expect(applied).not.toBe('rgb(255, 0, 255)')
      await expect.poll(violations).toEqual(['style-src-elem blocked inline'])
    } catch (error) {
      if (problems.length > 0 && error instanceof Error) error.message += `\n\nThe page printed:\n${problems.join('\n')}`
      throw error
    } finally {
      await context.close()
    }
  })
})
