import { createEventBus } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

describe('on(type, handler, options?)', () => {
  test('calls the handler with the payload of every emit of its type, and not for other types', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)

    bus.emit('tick', 1)
    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1], [2]])
  })

  test('returns an unsubscribe function that ends the subscription', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribe = bus.on('tick', handler)
    expect(unsubscribe).toBeTypeOf('function')

    bus.emit('tick', 1)
    unsubscribe()
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1]])
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('makes every call its own subscription: the same function subscribed twice is called twice', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)
    bus.on('tick', handler)

    bus.emit('tick', 7)

    expect(handler.mock.calls).toEqual([[7], [7]])
    expect(bus.listenerCount('tick')).toBe(2)
  })

  test('ends the subscription when options.signal is aborted', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const handler = vi.fn()
    bus.on('tick', handler, { signal: controller.signal })

    bus.emit('tick', 1)
    controller.abort()
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1]])
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('subscribes nothing when options.signal is already aborted, and returns a harmless unsubscribe', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()

    const unsubscribe = bus.on('tick', handler, { signal: AbortSignal.abort() })
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount()).toBe(0)
    expect(unsubscribe).toBeTypeOf('function')
    expect(() => unsubscribe()).not.toThrow()
  })

  test('accepts options without a signal', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler, {})
    bus.on('tick', handler, { signal: undefined })

    bus.emit('tick', 1)

    expect(handler).toHaveBeenCalledTimes(2)
  })
})

describe('once(type, handler, options?)', () => {
  test('calls the handler for the first emit of its type only', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.once('tick', handler)

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1]])
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('ends the subscription before the handler runs, so a nested emit of the same type does not call it again', () => {
    const bus = createEventBus<TestEvents>()
    const seen: Array<{ payload: number; listeners: number }> = []
    bus.once('tick', (payload) => {
      seen.push({ payload, listeners: bus.listenerCount('tick') })
      bus.emit('tick', payload + 1)
    })

    bus.emit('tick', 1)

    expect(seen).toEqual([{ payload: 1, listeners: 0 }])
  })

  test('calls the handler once when an earlier handler emits the same type again, before its turn', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', (n) => {
      if (n === 1) bus.emit('tick', 2)
    })
    bus.once('tick', handler)

    bus.emit('tick', 1)

    expect(handler.mock.calls).toEqual([[2]])
  })

  test('returns an unsubscribe function that cancels the subscription before it fires', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribe = bus.once('tick', handler)

    unsubscribe()
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('makes every call its own subscription: the same function subscribed twice with once runs twice, on the first emit', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.once('tick', handler)
    bus.once('tick', handler)

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[1], [1]])
  })

  test('ends the subscription when options.signal is aborted before the first emit', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const handler = vi.fn()
    bus.once('tick', handler, { signal: controller.signal })

    controller.abort()
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('subscribes nothing when options.signal is already aborted', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()

    bus.once('tick', handler, { signal: AbortSignal.abort() })
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount()).toBe(0)
  })
})

describe('off(type, handler)', () => {
  test('ends every subscription of the handler to the type, once subscriptions included', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)
    bus.on('tick', handler)
    bus.once('tick', handler)

    bus.off('tick', handler)
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('keeps the subscriptions of other handlers to the type', () => {
    const bus = createEventBus<TestEvents>()
    const removed = vi.fn()
    const kept = vi.fn()
    bus.on('tick', removed)
    bus.on('tick', kept)

    bus.off('tick', removed)
    bus.emit('tick', 1)

    expect(removed).not.toHaveBeenCalled()
    expect(kept.mock.calls).toEqual([[1]])
  })

  test('keeps the subscriptions of the handler to other types, and its onAny subscription', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)
    bus.on('app:ready', handler)
    bus.onAny(handler)

    bus.off('tick', handler)
    bus.emit('tick', 1)
    bus.emit('app:ready')

    expect(handler.mock.calls).toEqual([['tick', 1], [undefined], ['app:ready', undefined]])
  })

  test('is a no-op for a handler that is not subscribed, or a type nobody subscribed to', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)

    expect(() => bus.off('tick', () => {})).not.toThrow()
    expect(() => bus.off('app:ready', handler)).not.toThrow()
    bus.emit('tick', 1)

    expect(handler.mock.calls).toEqual([[1]])
    expect(bus.listenerCount()).toBe(1)
  })
})

describe('onAny(handler, options?)', () => {
  test('calls the handler with (type, payload) for every event', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.onAny(handler)

    const login = { userId: 'u-1' }
    bus.emit('tick', 1)
    bus.emit('user:login', login)
    bus.emit('app:ready')

    expect(handler.mock.calls).toEqual([
      ['tick', 1],
      ['user:login', login],
      ['app:ready', undefined],
    ])
    expect(handler.mock.calls[1]?.[1]).toBe(login)
  })

  test('calls onAny handlers in subscription order', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.onAny(() => log.push('first'))
    bus.onAny(() => log.push('second'))

    bus.emit('tick', 1)

    expect(log).toEqual(['first', 'second'])
  })

  test('returns an unsubscribe function that ends the subscription', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const unsubscribe = bus.onAny(handler)

    bus.emit('tick', 1)
    unsubscribe()
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([['tick', 1]])
    expect(bus.listenerCount()).toBe(0)
  })

  test('ends the subscription when options.signal is aborted', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const handler = vi.fn()
    bus.onAny(handler, { signal: controller.signal })

    bus.emit('tick', 1)
    controller.abort()
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([['tick', 1]])
    expect(bus.listenerCount()).toBe(0)
  })

  test('subscribes nothing when options.signal is already aborted', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()

    bus.onAny(handler, { signal: AbortSignal.abort() })
    bus.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount()).toBe(0)
  })
})
