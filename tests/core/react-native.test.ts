import { createEventBus, inspect, logEvents } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('rule 4: where reportError is missing and React Native’s ErrorUtils.reportError exists, errors go there', () => {
  test('a handler error without onError goes to ErrorUtils.reportError, and nothing is rethrown from a timer', () => {
    vi.useFakeTimers()
    vi.stubGlobal('reportError', undefined)
    const errorUtils = { reportError: vi.fn() }
    vi.stubGlobal('ErrorUtils', errorUtils)
    const bus = createEventBus<TestEvents>()
    const failure = new Error('handler failed')
    bus.on('tick', () => {
      throw failure
    })

    bus.emit('tick', 1)

    expect(errorUtils.reportError.mock.calls).toEqual([[failure]])
    expect(vi.getTimerCount()).toBe(0)
  })

  test('reportError, where it exists, still comes first', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const errorUtils = { reportError: vi.fn() }
    vi.stubGlobal('ErrorUtils', errorUtils)
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {
      throw new Error('handler failed')
    })

    bus.emit('tick', 1)

    expect(reportError).toHaveBeenCalledOnce()
    expect(errorUtils.reportError).not.toHaveBeenCalled()
  })
})

describe('inspect and logEvents work where performance is missing (bare Hermes), timing with Date.now', () => {
  test('traces carry Date.now times and durations', () => {
    vi.stubGlobal('performance', undefined)
    const clock = vi.spyOn(Date, 'now').mockReturnValueOnce(1_000).mockReturnValueOnce(1_004)
    const bus = createEventBus<TestEvents>()
    const traces: { time: number; duration: number }[] = []
    inspect(bus, ({ time, duration }) => traces.push({ time, duration }))

    bus.emit('tick', 1)

    expect(traces).toEqual([{ time: 1_000, duration: 4 }])
    clock.mockRestore()
  })

  test('logEvents prints', () => {
    vi.stubGlobal('performance', undefined)
    const groupCollapsed = vi.fn()
    const bus = createEventBus<TestEvents>()
    logEvents(bus, { console: { groupCollapsed, groupEnd() {}, log() {}, error() {} } })

    bus.emit('tick', 1)

    expect(groupCollapsed).toHaveBeenCalledOnce()
    expect(groupCollapsed.mock.calls[0]![2]).toMatch(/^#1 tick {2}0 handlers · \d+\.\d\d ms$/)
  })
})
