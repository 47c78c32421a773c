import { createEventBus } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('rule 4: error isolation', () => {
  test('keeps calling the other handlers, onAny ones included, after a handler throws, and emit does not throw', () => {
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    const log: string[] = []
    bus.on('tick', () => {
      throw new Error('first failed')
    })
    bus.on('tick', () => log.push('second'))
    bus.onAny(() => {
      throw new Error('any failed')
    })
    bus.onAny(() => log.push('any'))

    expect(() => bus.emit('tick', 1)).not.toThrow()

    expect(log).toEqual(['second', 'any'])
  })

  test('passes each error to options.onError with the type and payload being delivered, in order', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const first = new Error('first')
    const second = new Error('second')
    bus.on('user:login', () => {
      throw first
    })
    bus.onAny(() => {
      throw second
    })

    const payload = { userId: 'u-1' }
    bus.emit('user:login', payload)

    expect(onError.mock.calls).toEqual([
      [first, { type: 'user:login', payload }],
      [second, { type: 'user:login', payload }],
    ])
    expect(onError.mock.calls[0]?.[0]).toBe(first)
    expect(onError.mock.calls[0]?.[1].payload).toBe(payload)
  })

  test('passes thrown non-Error values to options.onError as they are', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    bus.on('app:ready', () => {
      throw 'a string'
    })

    bus.emit('app:ready')

    expect(onError.mock.calls).toEqual([['a string', { type: 'app:ready', payload: undefined }]])
  })

  test('does not call options.onError when no handler throws', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    bus.on('tick', () => {})
    bus.onAny(() => {})

    bus.emit('tick', 1)

    expect(onError).not.toHaveBeenCalled()
  })

  test('ends a once subscription whose handler throws', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const handler = vi.fn(() => {
      throw new Error('once failed')
    })
    bus.once('tick', handler)

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(handler).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(bus.listenerCount()).toBe(0)
  })

  test('reports each error through globalThis.reportError when there is no onError', () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    const first = new Error('first')
    const second = new Error('second')
    const after = vi.fn()
    bus.on('tick', () => {
      throw first
    })
    bus.onAny(() => {
      throw second
    })
    bus.onAny(after)

    expect(() => bus.emit('tick', 1)).not.toThrow()

    expect(reportError.mock.calls).toEqual([[first], [second]])
    expect(after).toHaveBeenCalledTimes(1)
  })

  test('rethrows the error asynchronously when there is no onError and no globalThis.reportError', () => {
    vi.stubGlobal('reportError', undefined)
    vi.useFakeTimers()
    const bus = createEventBus<TestEvents>()
    const error = new Error('handler failed')
    const after = vi.fn()
    bus.on('tick', () => {
      throw error
    })
    bus.on('tick', after)

    expect(() => bus.emit('tick', 1)).not.toThrow()
    expect(after).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(1)

    // Not swallowed: it surfaces from a task of its own, as an uncaught exception would.
    expect(() => vi.runAllTimers()).toThrow(error)
  })

  test('reports an error thrown by onError itself through globalThis.reportError, and still calls the other handlers', () => {
    const reportError = stubReportError()
    const onErrorFailure = new Error('onError failed')
    const onError = vi.fn(() => {
      throw onErrorFailure
    })
    const bus = createEventBus<TestEvents>({ onError })
    const handlerFailure = new Error('handler failed')
    const after = vi.fn()
    bus.on('tick', () => {
      throw handlerFailure
    })
    bus.on('tick', after)

    expect(() => bus.emit('tick', 1)).not.toThrow()

    expect(onError.mock.calls).toEqual([[handlerFailure, { type: 'tick', payload: 1 }]])
    expect(reportError.mock.calls).toEqual([[onErrorFailure]])
    expect(after).toHaveBeenCalledTimes(1)
  })

  test('does not call globalThis.reportError for errors that onError receives', () => {
    const reportError = stubReportError()
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    bus.on('tick', () => {
      throw new Error('handled')
    })

    bus.emit('tick', 1)

    expect(onError).toHaveBeenCalledTimes(1)
    expect(reportError).not.toHaveBeenCalled()
  })
})
