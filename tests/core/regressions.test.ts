import { createEventBus, listenerCounts } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { abortListenerCount, stubReportError, type TestEvents } from './helpers'

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

describe('regressions found by breaking 0.1', () => {
  test('a type that had a subscription and a payload keeps no entry once an emit without payload finds nobody listening', () => {
    const bus = createEventBus<Record<string, unknown>>()
    const types = Array.from({ length: 1000 }, (_, index) => `type:${index}`)
    for (const type of types) {
      bus.on(type, () => {})()
      bus.emit(type, { some: 'payload' })
      bus.emit(type, undefined)
    }

    expect(listenerCounts(bus)).toEqual({})
    expect(types.map((type) => bus.latest(type))).toEqual(types.map(() => undefined))
    // Nothing is left to tell the types apart from ones never seen: the bus keeps no entry.
    const internals = (bus as unknown as Record<symbol, { lists(): object }>)[Symbol.for('busway.bus.v2')]!
    expect(Object.keys(internals.lists())).toEqual([])
  })

  test('forty subscriptions sharing one signal add one abort listener, so Node prints no MaxListenersExceededWarning', () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    for (let index = 0; index < 40; index++) bus.on('tick', () => {}, { signal: controller.signal })

    expect(abortListenerCount(controller.signal)).toBe(1)
    controller.abort()
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        process.off('warning', onWarning)
        expect(warnings).toEqual([])
        expect(bus.listenerCount()).toBe(0)
        resolve()
      }, 10),
    )
  })
})
