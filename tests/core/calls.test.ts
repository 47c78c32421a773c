import { createEventBus } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('rule 8: handlers are called with this undefined, with (payload), onAny with (type, payload)', () => {
  test.each([
    ['on', false],
    ['once', false],
    ['on with a signal', false],
    ['onAny', true],
  ] as const)('%s', (method, toAny) => {
    const bus = createEventBus<TestEvents>()
    const calls: { self: unknown; args: unknown[] }[] = []
    function handler(this: unknown, ...args: unknown[]) {
      calls.push({ self: this, args })
    }
    if (method === 'on') bus.on('tick', handler)
    else if (method === 'once') bus.once('tick', handler)
    else if (method === 'onAny') bus.onAny(handler)
    else bus.on('tick', handler, { signal: new AbortController().signal })

    bus.emit('tick', 5)

    expect(calls).toEqual([{ self: undefined, args: toAny ? ['tick', 5] : [5] }])
  })

  test('a handler that sets this.active = false cannot break its subscription', () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    const calls = vi.fn()
    const unsubscribe = bus.on('tick', function (this: { active?: boolean } | undefined) {
      calls()
      this!.active = false // throws: this is undefined
    })

    bus.emit('tick', 1)
    unsubscribe()
    bus.emit('tick', 2)

    expect(calls).toHaveBeenCalledOnce()
    expect(reportError).toHaveBeenCalledOnce()
    expect(bus.listenerCount()).toBe(0)
  })
})

describe('rule 8: a subscription whose signal is aborted is never called again', () => {
  test('not even by an emit made from an earlier abort listener of that signal', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const aborted = vi.fn()
    const other = vi.fn()
    controller.signal.addEventListener('abort', () => bus.emit('tick', 1))
    bus.on('tick', aborted, { signal: controller.signal })
    bus.on('tick', other)

    controller.abort()

    expect(aborted).not.toHaveBeenCalled()
    expect(other).toHaveBeenCalledOnce()
    expect(bus.listenerCount('tick')).toBe(1)
  })

  test('an abort listener that calls stopImmediatePropagation() does not keep the subscription alive', () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const aborted = vi.fn()
    const anyAborted = vi.fn()
    controller.signal.addEventListener('abort', (event) => event.stopImmediatePropagation())
    bus.on('tick', aborted, { signal: controller.signal })
    bus.onAny(anyAborted, { signal: controller.signal })

    controller.abort()
    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(aborted).not.toHaveBeenCalled()
    expect(anyAborted).not.toHaveBeenCalled()
    expect(bus.listenerCount()).toBe(0)
  })

  test('a traced emit does not call or count it either', async () => {
    const { inspect } = await import('busway/core')
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const aborted = vi.fn()
    controller.signal.addEventListener('abort', (event) => event.stopImmediatePropagation())
    bus.on('tick', aborted, { signal: controller.signal, label: 'aborted' })
    const handlers: number[] = []
    inspect(bus, (trace) => handlers.push(trace.handlers))

    controller.abort()
    bus.emit('tick', 1)

    expect(aborted).not.toHaveBeenCalled()
    expect(handlers).toEqual([0])
  })
})
