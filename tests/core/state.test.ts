import { createEventBus } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

describe('listenerCount(type?)', () => {
  test('counts the active on and once subscriptions of a type, not onAny ones', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {})
    bus.once('tick', () => {})
    bus.on('app:ready', () => {})
    bus.onAny(() => {})

    expect(bus.listenerCount('tick')).toBe(2)
    expect(bus.listenerCount('app:ready')).toBe(1)
    expect(bus.listenerCount('user:login')).toBe(0)
  })

  test('counts every subscription, onAny ones included, with no argument', () => {
    const bus = createEventBus<TestEvents>()
    expect(bus.listenerCount()).toBe(0)

    bus.on('tick', () => {})
    bus.once('tick', () => {})
    bus.on('app:ready', () => {})
    bus.onAny(() => {})
    bus.onAny(() => {})

    expect(bus.listenerCount()).toBe(5)
  })

  test('stops counting a once subscription when it fires', () => {
    const bus = createEventBus<TestEvents>()
    bus.once('tick', () => {})
    bus.on('tick', () => {})

    bus.emit('tick', 1)

    expect(bus.listenerCount('tick')).toBe(1)
    expect(bus.listenerCount()).toBe(1)
  })
})

describe('clear()', () => {
  test('ends every subscription: on, once and onAny', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)
    bus.once('tick', handler)
    bus.on('app:ready', handler)
    bus.onAny(handler)

    bus.clear()
    bus.emit('tick', 1)
    bus.emit('app:ready')

    expect(handler).not.toHaveBeenCalled()
    expect(bus.listenerCount('tick')).toBe(0)
    expect(bus.listenerCount()).toBe(0)
  })

  test('forgets every latest payload', () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('tick', 1)
    bus.emit('user:login', { userId: 'u-1' })

    bus.clear()

    expect(bus.latest('tick')).toBeUndefined()
    expect(bus.latest('user:login')).toBeUndefined()
  })

  test('leaves the bus usable: later subscriptions and emits work as before', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {})
    bus.clear()

    const handler = vi.fn()
    bus.on('tick', handler)
    bus.emit('tick', 2)

    expect(handler.mock.calls).toEqual([[2]])
    expect(bus.latest('tick')).toBe(2)
    expect(bus.listenerCount()).toBe(1)
  })
})
