// Behaviour the rest of the core suite left unpinned, found by mutation testing
// (`npm run test:mutation`): the whole wording of the errors for bad input, for too deep a
// chain of emits and for an asynchronous schema.
import { createEventBus, type EventBus, type StandardSchemaV1 } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

/** Calls a bus method with arguments its types forbid, as untyped JavaScript callers can. */
function callUntyped(bus: EventBus<TestEvents>, method: keyof EventBus<TestEvents>, ...args: unknown[]): unknown {
  return (bus[method] as (...untyped: unknown[]) => unknown)(...args)
}

/** The error `call` throws; fails the test when it throws nothing. */
function thrownBy(call: () => unknown): Error {
  try {
    call()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to throw')
}

const createUntyped = createEventBus as (options: unknown) => EventBus<TestEvents>
const handler = () => {}
// Half an AbortSignal: it has aborted and removeEventListener, but no addEventListener.
const signalWithoutAddEventListener = { aborted: false, removeEventListener() {} }

describe('bad-input errors say which call and argument were wrong, what was expected, and show what came instead', () => {
  test.each([
    [
      'a handler that is not a function',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'on', 'tick', 42),
      'busway: on(): handler must be a function, got 42',
    ],
    [
      'an onAny handler that is null',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'onAny', null),
      'busway: onAny(): handler must be a function, got null',
    ],
    [
      'options that are a string',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'on', 'tick', handler, 'soon'),
      'busway: on(): options must be an object, got "soon"',
    ],
    [
      'a signal without addEventListener',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'once', 'tick', handler, { signal: signalWithoutAddEventListener }),
      'busway: once(): options.signal must be an AbortSignal, got an object',
    ],
    [
      'a type that is a function',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'on', handler, handler),
      'busway: on(): type must be a string, got a function',
    ],
    [
      'a listenerCount of a number',
      (bus: EventBus<TestEvents>) => callUntyped(bus, 'listenerCount', 42),
      'busway: listenerCount(): type must be a string, got 42',
    ],
  ])('%s', (_input, call, message) => {
    const bus = createEventBus<TestEvents>()

    const error = thrownBy(() => call(bus))

    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toBe(message)
    expect(bus.listenerCount()).toBe(0)
  })

  test.each([
    ['options that are a string', 'quiet', 'busway: createEventBus(): options must be an object, got "quiet"'],
    [
      'an onError that is a string',
      { onError: 'log' },
      'busway: createEventBus(): options.onError must be a function, got "log"',
    ],
  ])('createEventBus with %s', (_input, options, message) => {
    const error = thrownBy(() => createUntyped(options))

    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toBe(message)
  })

  test('createEventBus with a maxDepth of 0 throws a RangeError asking for a positive integer', () => {
    const error = thrownBy(() => createEventBus<TestEvents>({ maxDepth: 0 }))

    expect(error).toBeInstanceOf(RangeError)
    expect(error.message).toBe('busway: createEventBus(): options.maxDepth must be a positive integer, got 0')
  })
})

describe('errors of emit itself', () => {
  test('the depth error lists the chain of event types, outermost first, joined by arrows', () => {
    interface ChainEvents {
      first: void
      second: void
      third: void
    }
    const onError = vi.fn()
    const bus = createEventBus<ChainEvents>({ maxDepth: 2, onError })
    bus.on('first', () => bus.emit('second'))
    bus.on('second', () => bus.emit('third'))

    bus.emit('first')

    expect(onError).toHaveBeenCalledTimes(1)
    const [error] = onError.mock.calls[0]!
    expect(error).toBeInstanceOf(RangeError)
    expect((error as RangeError).message).toBe(
      'busway: emit("third") would nest deeper than maxDepth (2); chain: first → second → third',
    )
  })

  test('the error for an asynchronous schema says that emit is synchronous', () => {
    const asynchronous: StandardSchemaV1<{ userId: string }> = {
      '~standard': { version: 1, vendor: 'test', validate: async (value) => ({ value: value as { userId: string } }) },
    }
    const bus = createEventBus({ schemas: { 'user:login': asynchronous } })

    const error = thrownBy(() => bus.emit('user:login', { userId: 'u-1' }))

    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toBe('busway: emit("user:login"): its schema is asynchronous; emit is synchronous')
  })
})
