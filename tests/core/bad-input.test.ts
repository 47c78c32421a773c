import { createEventBus, type EventBus } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

/** Calls a bus method with arguments its types forbid, as untyped JavaScript callers can. */
function callUntyped(bus: EventBus<TestEvents>, method: keyof EventBus<TestEvents>, ...args: unknown[]): unknown {
  return (bus[method] as (...untyped: unknown[]) => unknown)(...args)
}

const notFunctions: unknown[] = [undefined, null, 'handler', 42, {}, [() => {}]]
const notSignals: unknown[] = [
  null,
  'signal',
  1,
  {},
  new AbortController(),
  { aborted: false },
  // Half an AbortSignal: accepting it would make unsubscribing throw later, leaving counts wrong.
  { aborted: false, addEventListener() {} },
]
const notStrings: unknown[] = [undefined, null, 1, Symbol('tick'), {}]

/** A bus with one subscription of each kind, and what they have received. */
function busWithSubscriptions() {
  const bus = createEventBus<TestEvents>()
  const received: unknown[][] = []
  const handler = (payload: number) => received.push(['on', payload])
  bus.on('tick', handler)
  bus.once('tick', (payload) => received.push(['once', payload]))
  bus.onAny((type, payload) => received.push(['onAny', type, payload]))
  return { bus, handler, received }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('rule 6: bad input', () => {
  describe.each(['on', 'once'] as const)('%s(type, handler, options?)', (method) => {
    test.each(notFunctions)('throws a TypeError naming the method and handler when handler is %o', (handler) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, method, 'tick', handler)).toThrow(TypeError)
      expect(() => callUntyped(bus, method, 'tick', handler)).toThrow(new RegExp(`\\b${method}\\(.*\\bhandler\\b`))
      expect(bus.listenerCount()).toBe(0)
    })

    test.each(notSignals)('throws a TypeError naming the method and signal when options.signal is %o', (signal) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, method, 'tick', () => {}, { signal })).toThrow(TypeError)
      expect(() => callUntyped(bus, method, 'tick', () => {}, { signal })).toThrow(
        new RegExp(`\\b${method}\\(.*\\bsignal\\b`),
      )
      expect(bus.listenerCount()).toBe(0)
    })

    test.each(notStrings)('throws a TypeError naming the method and type when type is %o', (type) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, method, type, () => {})).toThrow(TypeError)
      expect(() => callUntyped(bus, method, type, () => {})).toThrow(new RegExp(`\\b${method}\\(.*\\btype\\b`))
      expect(bus.listenerCount()).toBe(0)
    })
  })

  describe('latest(type) and listenerCount(type)', () => {
    test.each(notStrings.filter((type) => type !== undefined))(
      'latest throws a TypeError naming latest and type when type is %o',
      (type) => {
        const bus = createEventBus<TestEvents>()
        expect(() => callUntyped(bus, 'latest', type)).toThrow(TypeError)
        expect(() => callUntyped(bus, 'latest', type)).toThrow(/\blatest\(.*\btype\b/)
      },
    )

    test('the message shows a primitive bad value itself', () => {
      const bus = createEventBus<TestEvents>()
      expect(() => callUntyped(bus, 'on', 42, () => {})).toThrow(/got 42$/)
      expect(() => callUntyped(bus, 'on', 'tick', null)).toThrow(/got null$/)
      expect(() => callUntyped(bus, 'on', 'tick', 'fn')).toThrow(/got "fn"$/)
    })
  })

  describe('onAny(handler, options?)', () => {
    test.each(notFunctions)('throws a TypeError naming onAny and handler when handler is %o', (handler) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, 'onAny', handler)).toThrow(TypeError)
      expect(() => callUntyped(bus, 'onAny', handler)).toThrow(/\bonAny\(.*\bhandler\b/)
      expect(bus.listenerCount()).toBe(0)
    })

    test.each(notSignals)('throws a TypeError naming onAny and signal when options.signal is %o', (signal) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, 'onAny', () => {}, { signal })).toThrow(TypeError)
      expect(() => callUntyped(bus, 'onAny', () => {}, { signal })).toThrow(/\bonAny\(.*\bsignal\b/)
      expect(bus.listenerCount()).toBe(0)
    })
  })

  describe('off(type, handler)', () => {
    test.each(notFunctions)('throws a TypeError naming off and handler when handler is %o', (handler) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, 'off', 'tick', handler)).toThrow(TypeError)
      expect(() => callUntyped(bus, 'off', 'tick', handler)).toThrow(/\boff\(.*\bhandler\b/)
    })

    test.each(notStrings)('throws a TypeError naming off and type when type is %o', (type) => {
      const bus = createEventBus<TestEvents>()

      expect(() => callUntyped(bus, 'off', type, () => {})).toThrow(TypeError)
      expect(() => callUntyped(bus, 'off', type, () => {})).toThrow(/\boff\(.*\btype\b/)
    })
  })

  describe('emit(type, payload)', () => {
    test.each(notStrings)('throws a TypeError naming emit and type when type is %o, and calls no handler', (type) => {
      const { bus, received } = busWithSubscriptions()

      expect(() => callUntyped(bus, 'emit', type, 1)).toThrow(TypeError)
      expect(() => callUntyped(bus, 'emit', type, 1)).toThrow(/\bemit\(.*\btype\b/)
      expect(received).toEqual([])
    })
  })

  test.each([
    ['on with a bad handler', ['on', 'tick', 'not a function']],
    ['on with a bad signal', ['on', 'tick', () => {}, { signal: {} }]],
    ['once with a bad handler', ['once', 'tick', null]],
    ['once with a bad signal', ['once', 'tick', () => {}, { signal: 'yes' }]],
    ['onAny with a bad handler', ['onAny', 42]],
    ['onAny with a bad signal', ['onAny', () => {}, { signal: null }]],
    ['off with a bad handler', ['off', 'tick', undefined]],
    ['emit with a bad type', ['emit', 7, 1]],
  ] as const)('loses nothing already subscribed after a failed call: %s', (_call, [method, ...args]) => {
    const reportError = stubReportError()
    const { bus, handler, received } = busWithSubscriptions()
    const countBefore = bus.listenerCount()

    expect(() => callUntyped(bus, method, ...args)).toThrow(TypeError)

    expect(bus.listenerCount()).toBe(countBefore)
    bus.emit('tick', 1)
    bus.emit('tick', 2)
    expect(received).toEqual([
      ['on', 1],
      ['once', 1],
      ['onAny', 'tick', 1],
      ['on', 2],
      ['onAny', 'tick', 2],
    ])
    // The failed call left nothing behind that fails later, during an emit.
    expect(reportError).not.toHaveBeenCalled()
    bus.off('tick', handler)
    expect(bus.listenerCount('tick')).toBe(0)
  })
})

describe('createEventBus(options?): options validation', () => {
  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null])(
    'throws a RangeError naming createEventBus and maxDepth when maxDepth is %o',
    (maxDepth) => {
      const create = () => createEventBus<TestEvents>({ maxDepth: maxDepth as number })

      expect(create).toThrow(RangeError)
      expect(create).toThrow(/\bcreateEventBus\(.*\bmaxDepth\b/)
    },
  )

  test.each([null, 'log', 42, {}])('throws a TypeError naming createEventBus and onError when onError is %o', (onError) => {
    const create = () => createEventBus<TestEvents>({ onError: onError as () => void })

    expect(create).toThrow(TypeError)
    expect(create).toThrow(/\bcreateEventBus\(.*\bonError\b/)
  })

  test.each([null, 'options', 1])('throws a TypeError naming createEventBus and options when options is %o', (options) => {
    const create = () => (createEventBus as (untyped: unknown) => unknown)(options)

    expect(create).toThrow(TypeError)
    expect(create).toThrow(/\bcreateEventBus\(.*\boptions\b/)
  })

  test('accepts no options, empty options, undefined values, maxDepth 1 and an onError function', () => {
    expect(() => createEventBus<TestEvents>()).not.toThrow()
    expect(() => createEventBus<TestEvents>({})).not.toThrow()
    expect(() => createEventBus<TestEvents>({ maxDepth: undefined, onError: undefined })).not.toThrow()
    expect(() => createEventBus<TestEvents>({ maxDepth: 1, onError: () => {} })).not.toThrow()
  })

  test('with maxDepth 1, lets the outermost emit run and refuses any nested emit', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ maxDepth: 1, onError })
    const ready = vi.fn()
    bus.on('tick', () => bus.emit('app:ready'))
    bus.on('app:ready', ready)

    bus.emit('tick', 1)

    expect(ready).not.toHaveBeenCalled()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(RangeError)
  })
})
