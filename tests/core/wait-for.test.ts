import { createEventBus, inspect } from 'busway/core'
import { describe, expect, test } from 'vitest'
import { abortListenerCount, type TestEvents } from './helpers'

describe('waitFor(type, options?)', () => {
  test('resolves with the payload of the next emit of type made after the call, not the latest one before it', async () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('tick', 1)
    const next = bus.waitFor('tick')
    bus.emit('tick', 2)
    bus.emit('tick', 3)

    await expect(next).resolves.toBe(2)
  })

  test('is a subscription until it settles: counted by listenerCount, ended before the promise resolves, as once', async () => {
    const bus = createEventBus<TestEvents>()
    const ready = bus.waitFor('app:ready')
    expect(bus.listenerCount('app:ready')).toBe(1)
    let countWhenResolved = -1
    const done = ready.then(() => {
      countWhenResolved = bus.listenerCount('app:ready')
    })
    let nestedResolved = false
    bus.on('app:ready', () => {
      // Already ended: a nested emit of the same type does not reach it again.
      expect(bus.listenerCount('app:ready')).toBe(1)
      if (!nestedResolved) {
        nestedResolved = true
        bus.emit('app:ready')
      }
    })

    bus.emit('app:ready')
    expect(bus.listenerCount('app:ready')).toBe(1)
    await done

    expect(countWhenResolved).toBe(1)
  })

  test('is called in subscription order with the other handlers', async () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.on('tick', () => log.push('before'))
    const waited = bus.waitFor('tick', {
      filter: () => {
        log.push('waitFor')
        return true
      },
    })
    bus.on('tick', () => log.push('after'))

    bus.emit('tick', 1)
    await waited

    expect(log).toEqual(['before', 'waitFor', 'after'])
  })

  test('options.filter: only a payload for which it returns true resolves it', async () => {
    const bus = createEventBus<TestEvents>()
    const seen: number[] = []
    const even = bus.waitFor('tick', {
      filter: (payload) => {
        seen.push(payload)
        return payload % 2 === 0
      },
    })
    bus.emit('tick', 1)
    expect(bus.listenerCount('tick')).toBe(1)
    bus.emit('tick', 4)
    bus.emit('tick', 6)

    await expect(even).resolves.toBe(4)
    expect(seen).toEqual([1, 4])
    expect(bus.listenerCount('tick')).toBe(0)
  })

  test('options.filter: a filter that throws rejects the promise with that error and ends the subscription', async () => {
    const bus = createEventBus<TestEvents>({ onError: () => expect.unreachable() })
    const failure = new Error('filter failed')
    const waited = bus.waitFor('tick', {
      filter: () => {
        throw failure
      },
    })

    bus.emit('tick', 1)

    await expect(waited).rejects.toBe(failure)
    expect(bus.listenerCount()).toBe(0)
  })

  test('options.signal: aborting rejects with signal.reason and ends the subscription and its abort listener', async () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const waited = bus.waitFor('tick', { signal: controller.signal })
    expect(abortListenerCount(controller.signal)).toBe(1)
    const reason = new Error('gave up')

    controller.abort(reason)

    await expect(waited).rejects.toBe(reason)
    expect(bus.listenerCount()).toBe(0)
    expect(abortListenerCount(controller.signal)).toBe(0)
  })

  test('options.signal: an already-aborted signal rejects at once and subscribes nothing', async () => {
    const bus = createEventBus<TestEvents>()
    const signal = AbortSignal.abort('too late')

    const waited = bus.waitFor('tick', { signal })

    expect(bus.listenerCount()).toBe(0)
    await expect(waited).rejects.toBe('too late')
  })

  test('options.signal: resolving first releases the abort listener, and a later abort changes nothing', async () => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const waited = bus.waitFor('tick', { signal: controller.signal })

    bus.emit('tick', 3)
    controller.abort()

    await expect(waited).resolves.toBe(3)
    expect(abortListenerCount(controller.signal)).toBe(0)
  })

  test('options.label names it in traces, as for on', async () => {
    const bus = createEventBus<TestEvents>()
    const labels: string[][] = []
    inspect(bus, (trace) => labels.push([...trace.labels]))
    const waited = bus.waitFor('tick', { label: 'test waits' })

    bus.emit('tick', 1)
    await waited

    expect(labels).toEqual([['test waits']])
  })

  test('resolves with the schema output of the payload', async () => {
    const { z } = await import('zod')
    const bus = createEventBus({ schemas: { count: z.string().transform(Number) } })
    const waited = bus.waitFor('count')

    bus.emit('count', '42' as never)

    await expect(waited).resolves.toBe(42)
  })

  test('clear() ends it: no emit resolves it afterwards', async () => {
    const bus = createEventBus<TestEvents>()
    let settled = false
    void bus.waitFor('tick').finally(() => {
      settled = true
    })

    bus.clear()
    bus.emit('tick', 1)
    await new Promise((resolve) => setTimeout(resolve, 0))

    expect(settled).toBe(false)
    expect(bus.listenerCount()).toBe(0)
  })

  test('bad input is a TypeError at the call, naming waitFor and the argument', () => {
    const bus = createEventBus<TestEvents>()
    expect(() => bus.waitFor(3 as never)).toThrow(new TypeError('busway: waitFor(): type must be a string, got 3'))
    expect(() => bus.waitFor('tick', { filter: 'even' as never })).toThrow(
      new TypeError('busway: waitFor(): options.filter must be a function, got "even"'),
    )
    expect(() => bus.waitFor('tick', { signal: {} as never })).toThrow(
      new TypeError('busway: waitFor(): options.signal must be an AbortSignal, got an object'),
    )
    expect(() => bus.waitFor('tick', { label: 1 as never })).toThrow(
      new TypeError('busway: waitFor(): options.label must be a string, got 1'),
    )
    expect(bus.listenerCount()).toBe(0)
  })
})
