import { format } from 'node:util'
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest'

// Every React test runs with console.error and console.warn captured: React reports its
// warnings (act, keys, hydration mismatches, getSnapshot loops, caught render errors) there.
// A test that expects React to log, such as one whose error boundary catches an error, says
// so with `expectConsoleErrors()`; any other call fails the test after it ran, listing the calls.

type ConsoleSpy = MockInstance<(...data: unknown[]) => void>

let errorSpy: ConsoleSpy | undefined
let warnSpy: ConsoleSpy | undefined
let errorsExpected = false
let removeWindowErrorListener: (() => void) | undefined

beforeEach(() => {
  errorsExpected = false
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {})
  warnSpy = vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  removeWindowErrorListener?.()
  removeWindowErrorListener = undefined
  const errors = errorSpy?.mock.calls ?? []
  const warnings = warnSpy?.mock.calls ?? []
  errorSpy?.mockRestore()
  warnSpy?.mockRestore()
  const unexpected = [
    ...warnings.map((args) => `console.warn: ${format(...args)}`),
    ...(errorsExpected ? [] : errors.map((args) => `console.error: ${format(...args)}`)),
  ]
  if (unexpected.length > 0) {
    throw new Error(`The test logged unexpectedly:\n${unexpected.join('\n')}`)
  }
})

/** The spies on console.error and console.warn of the current test (silent, recording). */
export function consoleSpies(): { error: ConsoleSpy; warn: ConsoleSpy } {
  if (errorSpy === undefined || warnSpy === undefined) {
    throw new Error('consoleSpies() is for use inside a test')
  }
  return { error: errorSpy, warn: warnSpy }
}

/**
 * Lets the current test log errors (React logs every error an error boundary catches) and
 * returns the console.error spy, for assertions on what was logged.
 *
 * Also marks the window's error events of the test as handled: React 18 in development replays
 * each render error, caught ones included, in a DOM event listener, and jsdom prints errors of
 * unhandled error events straight to the process's console, past the spies. A test that uses
 * this asserts where its errors end up (an error boundary, onError) by itself.
 */
export function expectConsoleErrors(): ConsoleSpy {
  errorsExpected = true
  if (typeof window !== 'undefined' && removeWindowErrorListener === undefined) {
    const markHandled = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', markHandled)
    removeWindowErrorListener = () => window.removeEventListener('error', markHandled)
  }
  return consoleSpies().error
}
