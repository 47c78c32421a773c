// Internal helpers shared by the core and the React layer; not part of the public API.

/** Reports an error the way DOM `EventTarget` reports a listener's exception. */
export function reportUncaught(error: unknown): void {
  if (typeof reportError === 'function') {
    reportError(error)
  } else {
    setTimeout(() => {
      throw error
    })
  }
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
