import { createEventBus } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('regressions', () => {
  test('three handlers, the second throws: the first and third still run, emit returns normally, and the error is reported, not lost', () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    const error = new Error('second handler failed')
    bus.on('tick', () => log.push('first'))
    bus.on('tick', () => {
      log.push('second')
      throw error
    })
    bus.on('tick', () => log.push('third'))

    expect(bus.emit('tick', 1)).toBeUndefined()

    expect(log).toEqual(['first', 'second', 'third'])
    expect(reportError.mock.calls).toEqual([[error]])
  })

  test('two handlers unsubscribe themselves while an event is being delivered: the handler after them still runs, once', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    const stopFirst = bus.on('tick', () => {
      log.push('first')
      stopFirst()
    })
    const stopSecond = bus.on('tick', () => {
      log.push('second')
      stopSecond()
    })
    bus.on('tick', () => log.push('after'))

    bus.emit('tick', 1)
    expect(log).toEqual(['first', 'second', 'after'])

    bus.emit('tick', 2)
    expect(log).toEqual(['first', 'second', 'after', 'after'])
    expect(bus.listenerCount('tick')).toBe(1)
  })

  test('the same function subscribed twice with once: off(type, fn) ends both, before either runs', () => {
    const bus = createEventBus<TestEvents>()
    const fn = vi.fn()
    bus.once('tick', fn)
    bus.once('tick', fn)

    bus.off('tick', fn)
    bus.emit('tick', 1)

    expect(fn).not.toHaveBeenCalled()
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test("the same function subscribed three times: calling one subscription's unsubscribe twice ends exactly that one", () => {
    const bus = createEventBus<TestEvents>()
    const fn = vi.fn()
    const unsubscribes = [bus.on('tick', fn), bus.on('tick', fn), bus.on('tick', fn)]

    unsubscribes[1]!()
    unsubscribes[1]!()
    expect(bus.listenerCount('tick')).toBe(2)
    bus.emit('tick', 1)
    expect(fn).toHaveBeenCalledTimes(2)

    // The other two are still there to end, one each.
    unsubscribes[0]!()
    expect(bus.listenerCount('tick')).toBe(1)
    unsubscribes[2]!()
    expect(bus.listenerCount('tick')).toBe(0)
  })
})
