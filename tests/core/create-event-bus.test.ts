import { createEventBus } from 'busway/core'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

describe('createEventBus<E>(options?)', () => {
  test('creates independent buses: subscriptions and emits of one do not reach another', () => {
    const one = createEventBus<TestEvents>()
    const other = createEventBus<TestEvents>()
    const handler = vi.fn()
    one.on('tick', handler)

    other.emit('tick', 1)

    expect(handler).not.toHaveBeenCalled()
    expect(other.listenerCount()).toBe(0)
  })

  test('returns methods that work when destructured from the bus', () => {
    const { on, once, off, onAny, emit, latest, listenerCount, clear } = createEventBus<TestEvents>()
    const log: unknown[] = []
    const handler = (n: number) => log.push(['on', n])
    on('tick', handler)
    once('tick', (n) => log.push(['once', n]))
    onAny((type) => log.push(['onAny', type]))

    emit('tick', 1)
    off('tick', handler)
    emit('tick', 2)

    expect(log).toEqual([['on', 1], ['once', 1], ['onAny', 'tick'], ['onAny', 'tick']])
    expect(latest('tick')).toBe(2)
    expect(listenerCount()).toBe(1)
    clear()
    expect(listenerCount()).toBe(0)
  })
})
