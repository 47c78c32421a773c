import { getEventListeners } from 'node:events'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEventBus, type EventBus, type SubscribeOptions } from 'busway/core'
import { describe, expect, test } from 'vitest'
import { abortListenerCount, type TestEvents } from './helpers'

/** A subscription made by one of the subscribing methods, as the tests below need it. */
type Subscribe = (bus: EventBus<TestEvents>, handler: () => void, options?: SubscribeOptions) => () => void

const subscribers: Array<[string, Subscribe]> = [
  ['on', (bus, handler, options) => bus.on('tick', handler, options)],
  ['once', (bus, handler, options) => bus.once('tick', handler, options)],
  ['onAny', (bus, handler, options) => bus.onAny(handler, options)],
]

/** The ways a subscription ends, each applicable to the subscribing methods it names. */
type Ending = (bus: EventBus<TestEvents>, ending: { unsubscribe: () => void; handler: () => void; controller: AbortController }) => void

const endings: Array<[string, Ending, ReadonlyArray<string>]> = [
  ['its unsubscribe function', (_bus, { unsubscribe }) => unsubscribe(), ['on', 'once', 'onAny']],
  ['off(type, handler)', (bus, { handler }) => bus.off('tick', handler), ['on', 'once']],
  ['its signal aborting', (_bus, { controller }) => controller.abort(), ['on', 'once', 'onAny']],
  ['clear()', (bus) => bus.clear(), ['on', 'once', 'onAny']],
  ['firing', (bus) => bus.emit('tick', 1), ['once']],
]

const cases = endings.flatMap(([how, end, methods]) =>
  subscribers
    .filter(([method]) => methods.includes(method))
    .map(([method, subscribe]) => ({ method, how, subscribe, end })),
)

/** Runs a full garbage collection, after the current job ends (WeakRef targets live until then). */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}

describe('rule 5: memory', () => {
  test.each(cases)(
    'brings listenerCount() back to its earlier value when a subscription made by $method ends by $how',
    ({ subscribe, end }) => {
      const bus = createEventBus<TestEvents>()
      const controller = new AbortController()
      const handler = () => {}
      const before = { total: bus.listenerCount(), tick: bus.listenerCount('tick') }

      const unsubscribe = subscribe(bus, handler, { signal: controller.signal })
      expect(bus.listenerCount()).toBe(before.total + 1)
      end(bus, { unsubscribe, handler, controller })

      expect(bus.listenerCount()).toBe(before.total)
      expect(bus.listenerCount('tick')).toBe(before.tick)
    },
  )

  test.each(cases)(
    'releases the abort listener on the signal when a subscription made by $method ends by $how',
    ({ subscribe, end }) => {
      const bus = createEventBus<TestEvents>()
      const controller = new AbortController()
      const handler = () => {}

      const unsubscribe = subscribe(bus, handler, { signal: controller.signal })
      expect(abortListenerCount(controller.signal)).toBe(1)
      end(bus, { unsubscribe, handler, controller })

      expect(abortListenerCount(controller.signal)).toBe(0)
    },
  )

  test('keeps listenerCount() of other subscriptions when one subscription of a type ends', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {})
    bus.onAny(() => {})
    const before = bus.listenerCount()

    const unsubscribe = bus.on('tick', () => {})
    unsubscribe()

    expect(bus.listenerCount()).toBe(before)
    expect(bus.listenerCount('tick')).toBe(1)
  })

  test('adds no abort listener for an already-aborted signal', () => {
    const bus = createEventBus<TestEvents>()
    const signal = AbortSignal.abort()

    bus.on('tick', () => {}, { signal })
    bus.onAny(() => {}, { signal })

    expect(abortListenerCount(signal)).toBe(0)
  })

  test('adds one abort listener per signal however many subscriptions share it, removes it when the last ends, and leaves the other listeners of the signal', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const { signal } = controller
    const ownListener = () => {}
    signal.addEventListener('abort', ownListener)
    const stopFirst = bus.on('tick', () => {}, { signal })
    const stopSecond = bus.on('tick', () => {}, { signal })
    expect(abortListenerCount(signal)).toBe(2)

    stopFirst()
    expect(abortListenerCount(signal)).toBe(2)
    expect(bus.listenerCount('tick')).toBe(1)
    stopSecond()
    expect(abortListenerCount(signal)).toBe(1)

    bus.on('tick', () => {}, { signal })
    bus.onAny(() => {}, { signal })
    controller.abort()
    expect(bus.listenerCount()).toBe(0)
    expect(getEventListeners(signal, 'abort')).toEqual([ownListener])
  })

  test('keeps the latest payload of a type after its last subscription ends', () => {
    const bus = createEventBus<TestEvents>()
    const unsubscribe = bus.on('tick', () => {})
    bus.emit('tick', 9)

    unsubscribe()

    expect(bus.listenerCount('tick')).toBe(0)
    expect(bus.latest('tick')).toBe(9)
  })

  test.each(cases)(
    'lets the handler be garbage-collected when a subscription made by $method ends by $how',
    async ({ subscribe, end }) => {
      const bus = createEventBus<TestEvents>()
      const controller = new AbortController()
      // The handler is only reachable through the bus and this WeakRef.
      const handlerRef = (() => {
        const handler = () => {}
        const unsubscribe = subscribe(bus, handler, { signal: controller.signal })
        end(bus, { unsubscribe, handler, controller })
        return new WeakRef(handler)
      })()

      await collectGarbage()

      expect(handlerRef.deref()).toBeUndefined()
      // The bus and the signal are still alive: they are not what let the handler go.
      expect(bus.listenerCount()).toBe(0)
      expect(controller.signal).toBeInstanceOf(AbortSignal)
    },
  )
})
