import { createEventBus } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Lets every settled promise run its reactions. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('rule 7: a rejecting promise returned by a handler is that handler’s error', () => {
  test('an async handler of on, once and onAny that rejects goes to onError with the event, never an unhandled rejection', async () => {
    const onError = vi.fn()
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const bus = createEventBus<TestEvents>({ onError })
    const failures = ['on', 'once', 'onAny'].map((method) => new Error(`${method} failed`))
    bus.on('tick', async () => {
      throw failures[0]
    })
    bus.once('tick', async () => {
      throw failures[1]
    })
    bus.onAny(async () => {
      throw failures[2]
    })

    bus.emit('tick', 7)
    expect(onError).not.toHaveBeenCalled() // emit does not wait
    await settle()
    process.off('unhandledRejection', unhandled)

    expect(onError.mock.calls).toEqual(failures.map((error) => [error, { type: 'tick', payload: 7 }]))
    expect(unhandled).not.toHaveBeenCalled()
  })

  test('without onError the rejection is reported through reportError', async () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    const failure = new Error('fetch failed')
    bus.on('user:login', () => Promise.reject(failure))

    bus.emit('user:login', { userId: 'u-1' })
    await settle()

    expect(reportError.mock.calls).toEqual([[failure]])
  })

  test('any thenable counts, and one whose then throws is a synchronous handler error', async () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const rejected = new Error('thenable rejected')
    const thenThrew = new Error('then threw')
    bus.on('tick', () => ({ then: (_resolve: unknown, reject: (error: unknown) => void) => reject(rejected) }) as never)
    bus.on('tick', () => ({
      then() {
        throw thenThrew
      },
    }) as never)
    const after = vi.fn()
    bus.on('tick', after)

    bus.emit('tick', 1)
    await settle()

    expect(after).toHaveBeenCalledOnce()
    expect(onError.mock.calls.map(([error]) => error)).toEqual([rejected, thenThrew])
  })

  test('a handler that returns a value that is not a thenable is an ordinary handler', async () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const received: number[] = []
    bus.on('tick', (payload) => received.push(payload))
    bus.on('tick', () => ({ then: 'not a function' }) as never)
    bus.on('tick', () => null as never)

    bus.emit('tick', 1)
    await settle()

    expect(received).toEqual([1])
    expect(onError).not.toHaveBeenCalled()
  })

  test('emit stays synchronous: the handlers after an async one run before it resumes', async () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.on('tick', async () => {
      log.push('async starts')
      await null
      log.push('async resumes')
    })
    bus.on('tick', () => log.push('next'))

    bus.emit('tick', 1)
    log.push('emit returned')
    await settle()

    expect(log).toEqual(['async starts', 'next', 'emit returned', 'async resumes'])
  })

  test('a resolved promise reports nothing', async () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    bus.on('tick', async () => 'done')

    bus.emit('tick', 1)
    await settle()

    expect(onError).not.toHaveBeenCalled()
  })
})
