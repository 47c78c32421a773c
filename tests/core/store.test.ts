import { createEventBus, inspect } from 'busway/core'
import { getEventListeners } from 'node:events'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

/** The bus's per-type lists, read through its internals: what it keeps in memory. */
function listsOf(bus: object) {
  const internals = (bus as Record<symbol, { lists(): Record<string, { calls: unknown[] }> }>)[
    Symbol.for('busway.bus.v2')
  ]!
  return internals.lists()
}

describe('rule 5 and rule 9: what the subscription store keeps', () => {
  test('a type whose last subscription ends keeps no entry, and an emit without payload to a type nobody listens to makes none', () => {
    const bus = createEventBus<Record<string, unknown>>()
    bus.on('a', () => {})()
    bus.once('b', () => {})
    bus.emit('b', undefined)
    bus.emit('never', undefined)

    expect(Object.keys(listsOf(bus))).toEqual([])
  })

  test('ended subscriptions leave no slots behind once no emit walks the list, whichever end they are at', () => {
    const bus = createEventBus<TestEvents>()
    const unsubscribes = Array.from({ length: 1000 }, () => bus.on('tick', () => {}))
    // Oldest first, then newest first: both leave a single subscription.
    unsubscribes.slice(0, 500).forEach((unsubscribe) => unsubscribe())
    unsubscribes.slice(501).reverse().forEach((unsubscribe) => unsubscribe())

    expect(bus.listenerCount('tick')).toBe(1)
    expect(listsOf(bus).tick!.calls.length).toBeLessThanOrEqual(32)
  })

  test('subscriptions ended during an emit leave no slots once the emit is over', () => {
    const bus = createEventBus<TestEvents>()
    let unsubscribes: (() => void)[] = []
    bus.on('tick', () => unsubscribes.forEach((unsubscribe) => unsubscribe()))
    unsubscribes = Array.from({ length: 1000 }, () => bus.on('tick', () => {}))
    const anyUnsubscribes = Array.from({ length: 100 }, () => bus.onAny(() => {}))
    bus.on('tick', () => anyUnsubscribes.forEach((unsubscribe) => unsubscribe()))

    bus.emit('tick', 1)

    expect(bus.listenerCount()).toBe(2)
    expect(listsOf(bus).tick!.calls.length).toBe(2)
  })

  test('an event type named "undefined" keeps its subscriptions when the last onAny subscription ends', () => {
    const bus = createEventBus<Record<string, unknown>>()
    const handler = vi.fn()
    bus.on('undefined', handler)
    bus.onAny(() => {})()

    bus.emit('undefined', 1)

    expect(handler).toHaveBeenCalledOnce()
  })

  test('a signal aborted behind stopImmediatePropagation() loses the bus’s abort listener at the next emit', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const stopper = (event: Event) => event.stopImmediatePropagation()
    controller.signal.addEventListener('abort', stopper)
    bus.on('tick', () => {}, { signal: controller.signal })

    controller.abort()
    bus.emit('tick', 1)

    expect(getEventListeners(controller.signal, 'abort')).toEqual([stopper])
  })
})

describe('rule 2 with an inspector attached: a traced emit keeps its snapshot too', () => {
  test('a subscription added during a traced emit is not called by it', () => {
    const bus = createEventBus<TestEvents>()
    inspect(bus, () => {})
    const late = vi.fn()
    bus.once('tick', () => bus.on('tick', late))

    bus.emit('tick', 1)
    expect(late).not.toHaveBeenCalled()
    bus.emit('tick', 2)
    expect(late).toHaveBeenCalledExactlyOnceWith(2)
  })

  test('an async handler’s rejection is reported under tracing too', async () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    inspect(bus, () => {})
    const failure = new Error('async failure')
    bus.on('tick', async () => {
      throw failure
    })
    bus.onAny(async () => {
      throw failure
    })

    bus.emit('tick', 1)
    await new Promise((resolve) => setTimeout(resolve, 0))

    expect(onError.mock.calls).toEqual([
      [failure, { type: 'tick', payload: 1 }],
      [failure, { type: 'tick', payload: 1 }],
    ])
  })
})

describe('rule 2: the onAny snapshot is taken when the emit starts', () => {
  test('onAny subscriptions ended and added by the type’s handlers change nothing for that emit', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    const stopFirst = bus.onAny(() => log.push('first'))
    bus.onAny(() => log.push('second'))
    bus.on('tick', () => {
      stopFirst()
      bus.onAny(() => log.push('added'))
    })

    bus.emit('tick', 1)
    expect(log).toEqual(['second'])
    bus.emit('tick', 2)
    expect(log).toEqual(['second', 'second', 'added'])
  })
})
