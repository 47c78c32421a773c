import { createEventBus } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

describe('rule 1: unsubscribe functions are idempotent', () => {
  test('calling an unsubscribe twice ends its own subscription only, not another of the same function', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribeFirst = bus.on('tick', handler)
    bus.on('tick', handler)

    unsubscribeFirst()
    unsubscribeFirst()
    bus.emit('tick', 1)

    expect(handler).toHaveBeenCalledTimes(1)
    expect(bus.listenerCount('tick')).toBe(1)
  })

  test('calling the unsubscribe of a once subscription after it fired leaves other subscriptions of the function', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribeOnce = bus.once('tick', handler)
    bus.emit('tick', 1)
    bus.on('tick', handler)

    unsubscribeOnce()
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1], [2]])
  })

  test('calling an unsubscribe after clear() leaves the subscriptions made after clear(), of the same function too', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const anyHandler = vi.fn()
    const unsubscribe = bus.on('tick', handler)
    const unsubscribeAny = bus.onAny(anyHandler)
    bus.clear()
    bus.on('tick', handler)
    bus.onAny(anyHandler)

    expect(() => unsubscribe()).not.toThrow()
    expect(() => unsubscribeAny()).not.toThrow()
    bus.emit('tick', 1)

    expect(handler.mock.calls).toEqual([[1]])
    expect(anyHandler.mock.calls).toEqual([['tick', 1]])
    expect(bus.listenerCount()).toBe(2)
  })

  test('calling an unsubscribe after off() or after its signal aborted is harmless', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const controller = new AbortController()
    const unsubscribeOff = bus.on('tick', handler)
    const unsubscribeAborted = bus.on('tick', handler, { signal: controller.signal })
    bus.off('tick', handler)
    controller.abort()
    bus.on('tick', handler)

    unsubscribeOff()
    unsubscribeAborted()
    bus.emit('tick', 1)

    expect(handler).toHaveBeenCalledTimes(1)
    expect(bus.listenerCount()).toBe(1)
  })

  test('calling an onAny unsubscribe twice ends that onAny subscription only', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribeFirst = bus.onAny(handler)
    bus.onAny(handler)

    unsubscribeFirst()
    unsubscribeFirst()
    bus.emit('tick', 1)

    expect(handler.mock.calls).toEqual([['tick', 1]])
    expect(bus.listenerCount()).toBe(1)
  })
})
