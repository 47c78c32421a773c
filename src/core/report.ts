// Internal helpers shared by the core and the React layer; not part of the public API.

/** React Native's global error reporter (`ErrorUtils`), where there is one. */
interface ErrorUtils {
  reportError(error: unknown): void
}

/**
 * Reports an error the way DOM `EventTarget` reports a listener's exception: `reportError`, else
 * React Native's `ErrorUtils.reportError` (React Native treats an exception thrown from a timer
 * as fatal), else rethrown from a timer.
 */
export function reportUncaught(error: unknown): void {
  const errorUtils = (globalThis as { ErrorUtils?: Partial<ErrorUtils> }).ErrorUtils
  if (typeof reportError === 'function') {
    reportError(error)
  } else if (typeof errorUtils?.reportError === 'function') {
    errorUtils.reportError(error)
  } else {
    setTimeout(() => {
      throw error
    })
  }
}

/**
 * A timestamp in milliseconds: `performance.now()`, else `Date.now()` where `performance` is
 * missing (bare Hermes). Read at each call, so either works whenever it is there.
 */
export function now(): number {
  // Through globalThis: naming a global that was never declared would throw.
  const clock = globalThis.performance as Partial<Performance> | undefined
  return typeof clock?.now === 'function' ? clock.now() : Date.now()
}

/** Shows a bad argument in an error message: primitives by value, objects by kind. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  return value !== null && typeof value === 'object' ? 'an object' : String(value)
}

/** The error for a bad argument: it names the method, the argument, and what came instead. */
export function badInput(
  method: string,
  argument: string,
  expected: string,
  value: unknown,
  ErrorType: typeof TypeError = TypeError,
): Error {
  return new ErrorType(`busway: ${method}(): ${argument} must be ${expected}, got ${show(value)}`)
}

/** Throws a TypeError naming `method` unless `type` is an event type (a string). */
export function checkType(method: string, type: unknown): void {
  if (typeof type !== 'string') throw badInput(method, 'type', 'a string', type)
}
