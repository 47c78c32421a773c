import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'

// What the browser tests of the example apps share: the browser, a page that fails on console
// noise, free ports and servers started as child processes.

export const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

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

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; ` +
        'install it with `apt-get install -y chromium` or set CHROMIUM_PATH',
    )
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

export const textOf = (locator: Locator) => () => locator.textContent()

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

/**
 * Opens `url` in a fresh browser context, runs `steps`, and fails on any console error or
 * warning the page printed; a failing step reports what the page printed too, which often
 * explains why.
 */
export async function onPage(
  browser: Browser | undefined,
  url: string,
  steps: (page: Page) => Promise<void>,
  { viewport = { width: 1280, height: 900 }, init }: { viewport?: { width: number; height: number }; init?: () => void } = {},
): Promise<void> {
  if (browser === undefined) throw new Error('the browser did not start')
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  if (init !== undefined) await page.addInitScript(init)
  const problems = watchConsole(page)
  try {
    await page.goto(url)
    await steps(page)
    expect(problems).toEqual([])
  } catch (error) {
    if (problems.length > 0 && error instanceof Error) {
      error.message += `\n\nThe page printed:\n${problems.join('\n')}`
    }
    throw error
  } finally {
    await context.close()
  }
}

/** A TCP port that was free a moment ago, for servers that cannot be told to take port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

export interface ChildServer {
  url: string
  /** What the server printed so far, for error messages. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts `command` in its own process group (so stopping it stops the workers it forks too)
 * and resolves once `url` answers HTTP.
 */
export async function startServer(
  command: string,
  args: string[],
  { cwd, env, url, timeoutMs = 120_000 }: { cwd: string; env: NodeJS.ProcessEnv; url: string; timeoutMs?: number },
): Promise<ChildServer> {
  const child: ChildProcess = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const server: ChildServer = {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, 'SIGTERM')
        await exited
      }
    },
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`\`${command} ${args.join(' ')}\` exited early:\n${output}`)
    try {
      const response = await fetch(url)
      if (response.ok) return server
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop()
      throw new Error(`\`${command} ${args.join(' ')}\` did not answer at ${url}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
