import { createEventBus } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

describe('emit(type, payload)', () => {
  test('calls handlers in subscription order, then onAny handlers', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.onAny((type) => log.push(`any 1: ${type}`))
    bus.on('tick', (n) => log.push(`on 1: ${n}`))
    bus.onAny((type) => log.push(`any 2: ${type}`))
    bus.once('tick', (n) => log.push(`once: ${n}`))
    bus.on('tick', (n) => log.push(`on 2: ${n}`))

    bus.emit('tick', 5)

    expect(log).toEqual(['on 1: 5', 'once: 5', 'on 2: 5', 'any 1: tick', 'any 2: tick'])
  })

  test('calls the handlers synchronously, before it returns, and returns undefined', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    bus.on('tick', handler)

    const result = bus.emit('tick', 1)

    expect(handler).toHaveBeenCalledTimes(1)
    expect(result).toBeUndefined()
  })

  test('passes the payload itself (not a copy) to every handler', () => {
    const bus = createEventBus<TestEvents>()
    const received: unknown[] = []
    bus.on('data:update', (payload) => received.push(payload))
    bus.onAny((_type, payload) => received.push(payload))

    const payload = { resourceId: 'r-1', data: [1, 2] }
    bus.emit('data:update', payload)

    expect(received).toHaveLength(2)
    expect(received[0]).toBe(payload)
    expect(received[1]).toBe(payload)
  })

  test('records the payload as latest(type) before calling the handlers', () => {
    const bus = createEventBus<TestEvents>()
    const seenByHandler: unknown[] = []
    const seenByAny: unknown[] = []
    bus.on('tick', () => seenByHandler.push(bus.latest('tick')))
    bus.onAny(() => seenByAny.push(bus.latest('tick')))

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(seenByHandler).toEqual([1, 2])
    expect(seenByAny).toEqual([1, 2])
  })

  test('emits a void event with no payload, or with an explicit undefined', () => {
    const bus = createEventBus<TestEvents>()
    const handler = vi.fn()
    const anyHandler = vi.fn()
    bus.on('app:ready', handler)
    bus.onAny(anyHandler)

    bus.emit('app:ready')
    bus.emit('app:ready', undefined)

    expect(handler.mock.calls).toEqual([[undefined], [undefined]])
    expect(anyHandler.mock.calls).toEqual([
      ['app:ready', undefined],
      ['app:ready', undefined],
    ])
  })

  test('does nothing visible when nobody listens', () => {
    const bus = createEventBus<TestEvents>()

    expect(() => bus.emit('tick', 1)).not.toThrow()
    expect(bus.listenerCount()).toBe(0)
  })
})

describe('latest(type)', () => {
  test('is undefined before the first emit of the type', () => {
    const bus = createEventBus<TestEvents>()

    expect(bus.latest('user:login')).toBeUndefined()
  })

  test('is the payload of the most recent emit of the type, also when nobody listened', () => {
    const bus = createEventBus<TestEvents>()
    const first = { userId: 'u-1' }
    const second = { userId: 'u-2' }

    bus.emit('user:login', first)
    expect(bus.latest('user:login')).toBe(first)
    bus.emit('user:login', second)
    expect(bus.latest('user:login')).toBe(second)
  })

  test('is kept per type', () => {
    const bus = createEventBus<TestEvents>()

    bus.emit('tick', 1)
    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('tick', 2)

    expect(bus.latest('tick')).toBe(2)
    expect(bus.latest('user:login')).toEqual({ userId: 'u-1' })
    expect(bus.latest('data:update')).toBeUndefined()
  })

  test('is kept per bus', () => {
    const one = createEventBus<TestEvents>()
    const other = createEventBus<TestEvents>()

    one.emit('tick', 1)

    expect(one.latest('tick')).toBe(1)
    expect(other.latest('tick')).toBeUndefined()
  })

  test('outlives the subscriptions of the type', () => {
    const bus = createEventBus<TestEvents>()
    const unsubscribe = bus.on('tick', () => {})

    bus.emit('tick', 3)
    unsubscribe()

    expect(bus.latest('tick')).toBe(3)
  })
})
