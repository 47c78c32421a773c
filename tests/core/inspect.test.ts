import { createEventBus, inspect, listenerCounts, type EmitTrace } from 'busway/core'
import { z } from 'zod'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Attaches an inspector that keeps every trace it receives, in arrival order. */
function record<E>(bus: Parameters<typeof inspect<E>>[0]) {
  const traces: EmitTrace<E>[] = []
  const detach = inspect(bus, (trace) => traces.push(trace))
  return { traces, detach }
}

describe('inspect: what each trace holds', () => {
  test('numbers the traced emits of a bus 1, 2, 3, … with their type and payload', () => {
    const bus = createEventBus<TestEvents>()
    const { traces } = record(bus)
    const login = { userId: 'u-1' }

    bus.emit('tick', 7)
    bus.emit('user:login', login)
    bus.emit('app:ready')

    expect(traces.map(({ id, type, payload }) => ({ id, type, payload }))).toEqual([
      { id: 1, type: 'tick', payload: 7 },
      { id: 2, type: 'user:login', payload: login },
      { id: 3, type: 'app:ready', payload: undefined },
    ])
    expect(traces[1]!.payload).toBe(login)
  })

  test('each bus numbers its own emits', () => {
    const first = createEventBus<TestEvents>()
    const second = createEventBus<TestEvents>()
    const a = record(first)
    const b = record(second)

    first.emit('tick', 1)
    first.emit('tick', 2)
    second.emit('tick', 3)

    expect(a.traces.map((trace) => trace.id)).toEqual([1, 2])
    expect(b.traces.map((trace) => trace.id)).toEqual([1])
  })

  test('an emit made inside a handler names its parent, and is reported before it (post-order)', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('user:login', () => {
      bus.emit('data:update', { resourceId: 'r-1', data: 1 })
      bus.emit('app:ready')
    })
    bus.on('data:update', () => bus.emit('tick', 1))
    const { traces } = record(bus)

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('tick', 2)

    expect(traces.map(({ id, parentId, type }) => [id, parentId, type])).toEqual([
      [3, 2, 'tick'],
      [2, 1, 'data:update'],
      [4, 1, 'app:ready'],
      [1, undefined, 'user:login'],
      [5, undefined, 'tick'],
    ])
  })

  test('an onAny handler that emits makes a child of the event it was handling', () => {
    const bus = createEventBus<TestEvents>()
    bus.onAny((type) => {
      if (type === 'app:ready') bus.emit('tick', 1)
    })
    const { traces } = record(bus)

    bus.emit('app:ready')

    expect(traces.map(({ id, parentId, type }) => [id, parentId, type])).toEqual([
      [2, 1, 'tick'],
      [1, undefined, 'app:ready'],
    ])
  })

  test('time is performance.now() when the emit started and duration spans the dispatch, nested emits included', () => {
    const bus = createEventBus<TestEvents>()
    const now = vi.spyOn(performance, 'now')
    let clock = 1000
    now.mockImplementation(() => clock)
    bus.on('user:login', () => {
      clock += 5
      bus.emit('tick', 1)
      clock += 2
    })
    bus.on('tick', () => {
      clock += 3
    })
    const { traces } = record(bus)

    try {
      bus.emit('user:login', { userId: 'u-1' })
    } finally {
      now.mockRestore()
    }

    const [tick, login] = traces
    expect(login).toMatchObject({ time: 1000, duration: 10 })
    expect(tick).toMatchObject({ time: 1005, duration: 3 })
  })

  test('time and duration are real performance.now() readings in milliseconds', () => {
    const bus = createEventBus<TestEvents>()
    const { traces } = record(bus)
    const before = performance.now()
    bus.emit('tick', 1)
    const after = performance.now()

    const [trace] = traces
    expect(trace!.time).toBeGreaterThanOrEqual(before)
    expect(trace!.time + trace!.duration).toBeLessThanOrEqual(after)
    expect(trace!.duration).toBeGreaterThanOrEqual(0)
  })

  test('counts the handlers called, onAny ones included, and not those unsubscribed before their turn', () => {
    const bus = createEventBus<TestEvents>()
    const offLater = bus.on('tick', () => {})
    bus.on('tick', () => offLater2())
    const offLater2 = bus.on('tick', () => {})
    bus.once('tick', () => {})
    bus.onAny(() => {})
    offLater()
    const { traces } = record(bus)

    bus.emit('tick', 1)
    bus.emit('tick', 2)
    bus.emit('app:ready')

    // first: the unsubscriber, once, onAny (the third one ended before its turn); then the
    // unsubscriber and onAny; then onAny alone.
    expect(traces.map((trace) => trace.handlers)).toEqual([3, 2, 1])
  })

  test('an emit with no handler is traced with 0 handlers', () => {
    const bus = createEventBus<TestEvents>()
    const { traces } = record(bus)

    bus.emit('tick', 1)

    expect(traces).toMatchObject([{ type: 'tick', handlers: 0, labels: [], errors: [] }])
  })

  test('lists the labels of the labelled handlers called, in call order, from on, once and onAny', () => {
    const bus = createEventBus<TestEvents>()
    bus.onAny(() => {}, { label: 'logger' })
    bus.on('tick', () => {}, { label: 'clock' })
    bus.on('tick', () => {})
    bus.once('tick', () => {}, { label: 'first tick' })
    const { traces } = record(bus)

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(traces.map((trace) => trace.labels)).toEqual([
      ['clock', 'first tick', 'logger'],
      ['clock', 'logger'],
    ])
  })

  test('records each handler error with its label, and still reports it to onError', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const saveFailed = new Error('save failed')
    const anyFailed = new Error('any failed')
    bus.on('tick', () => {
      throw saveFailed
    }, { label: 'saver' })
    bus.on('tick', () => {})
    bus.onAny(() => {
      throw anyFailed
    })
    const { traces } = record(bus)

    bus.emit('tick', 1)

    expect(traces[0]!.errors).toEqual([
      { error: saveFailed, label: 'saver' },
      { error: anyFailed, label: undefined },
    ])
    expect(traces[0]!.handlers).toBe(3)
    expect(onError.mock.calls.map(([error]) => error)).toEqual([saveFailed, anyFailed])
  })

  test('a thrown undefined is recorded as an error too', () => {
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    bus.on('tick', () => {
      throw undefined
    })
    const { traces } = record(bus)

    bus.emit('tick', 1)

    expect(traces[0]!.errors).toEqual([{ error: undefined, label: undefined }])
  })

  test('the payload is the schema output that handlers received', () => {
    const bus = createEventBus({ schemas: { count: z.string().transform((text) => text.length) } })
    const { traces } = record(bus)

    bus.emit('count', 'abc' as unknown as number)

    expect(traces[0]!.payload).toBe(3)
  })
})

describe('inspect: emits that throw are not traced', () => {
  test('an invalid payload, a bad type and a too-deep emit dispatch nothing and are not reported', () => {
    const bus = createEventBus({ schemas: { count: z.number() } })
    const { traces } = record(bus)

    expect(() => bus.emit('count', 'three' as unknown as number)).toThrow(TypeError)
    expect(() => bus.emit(42 as unknown as 'count', 1)).toThrow(TypeError)

    expect(traces).toEqual([])
  })

  test('a maxDepth error shows as an error of the handler whose emit went too deep', () => {
    const bus = createEventBus<TestEvents>({ maxDepth: 2, onError: () => {} })
    bus.on('tick', (n) => bus.emit('tick', n + 1), { label: 'loop' })
    const { traces } = record(bus)

    bus.emit('tick', 1)

    expect(traces.map(({ id, parentId, payload }) => [id, parentId, payload])).toEqual([
      [2, 1, 2],
      [1, undefined, 1],
    ])
    expect(traces[0]!.errors).toEqual([{ error: expect.any(RangeError), label: 'loop' }])
    expect(traces[1]!.errors).toEqual([])
  })
})

describe('inspect: attaching and detaching', () => {
  test('before inspect and after detaching, emits are not reported; ids go on where they stopped', () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('tick', 0)
    const { traces, detach } = record(bus)
    bus.emit('tick', 1)
    detach()
    bus.emit('tick', 2)
    const again = record(bus)
    bus.emit('tick', 3)

    expect(traces.map((trace) => [trace.id, trace.payload])).toEqual([[1, 1]])
    expect(again.traces.map((trace) => [trace.id, trace.payload])).toEqual([[2, 3]])
  })

  test('every inspector receives the same trace; detaching one leaves the others', () => {
    const bus = createEventBus<TestEvents>()
    const a = record(bus)
    const b = record(bus)

    bus.emit('tick', 1)
    a.detach()
    bus.emit('tick', 2)

    expect(a.traces).toHaveLength(1)
    expect(b.traces).toHaveLength(2)
    expect(a.traces[0]).toBe(b.traces[0])
  })

  test('the same function attached twice is called twice; each detach ends one, and again does nothing', () => {
    const bus = createEventBus<TestEvents>()
    const inspector = vi.fn()
    const detachFirst = inspect(bus, inspector)
    inspect(bus, inspector)

    bus.emit('tick', 1)
    detachFirst()
    detachFirst()
    bus.emit('tick', 2)

    expect(inspector).toHaveBeenCalledTimes(3)
  })

  test('an inspector detached by an earlier one during a report is not called with it', () => {
    const bus = createEventBus<TestEvents>()
    const second = vi.fn()
    inspect(bus, () => detachSecond())
    const detachSecond = inspect(bus, second)

    bus.emit('tick', 1)

    expect(second).not.toHaveBeenCalled()
  })

  test('an inspector attached inside a handler sees the nested emits, without a parent', () => {
    const bus = createEventBus<TestEvents>()
    const traces: EmitTrace<TestEvents>[] = []
    bus.on('user:login', () => {
      inspect(bus, (trace) => traces.push(trace))
      bus.emit('tick', 1)
    })

    bus.emit('user:login', { userId: 'u-1' })

    expect(traces.map(({ id, parentId, type }) => [id, parentId, type])).toEqual([[1, undefined, 'tick']])
  })

  test('an error thrown by an inspector is reported, and the other inspectors and handlers still run', () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    const failure = new Error('inspector failed')
    const handler = vi.fn()
    bus.on('tick', handler)
    inspect(bus, () => {
      throw failure
    })
    const { traces } = record(bus)

    expect(() => bus.emit('tick', 1)).not.toThrow()

    expect(reportError).toHaveBeenCalledWith(failure)
    expect(traces).toHaveLength(1)
    expect(handler).toHaveBeenCalledOnce()
  })

  test('emits made by an inspector are dispatched but not traced', () => {
    const bus = createEventBus<TestEvents>()
    const ticks: number[] = []
    bus.on('tick', (n) => ticks.push(n))
    bus.on('app:ready', () => bus.emit('tick', 2))
    const traced: string[] = []
    inspect(bus, (trace) => {
      traced.push(trace.type)
      // Unconditional: traced, this would feed itself without end.
      bus.emit('app:ready')
    })

    bus.emit('tick', 1)

    expect(traced).toEqual(['tick'])
    expect(ticks).toEqual([1, 2])
  })

  test('clear() keeps inspectors attached, and listenerCount does not count them', () => {
    const bus = createEventBus<TestEvents>()
    const { traces } = record(bus)

    expect(bus.listenerCount()).toBe(0)
    bus.clear()
    bus.emit('tick', 1)

    expect(traces).toHaveLength(1)
  })

  test('handlers, latest and errors behave the same with and without an inspector', () => {
    const run = (inspected: boolean) => {
      const log: unknown[] = []
      const bus = createEventBus<TestEvents>({ onError: (error) => log.push(['error', error]) })
      if (inspected) inspect(bus, () => log.push('trace'))
      bus.on('tick', (n) => {
        log.push(['tick', n])
        if (n < 3) bus.emit('tick', n + 1)
        if (n === 2) throw 'two'
      })
      bus.once('tick', (n) => log.push(['once', n]))
      bus.onAny((type, payload) => log.push(['any', type, payload]))
      bus.emit('tick', 1)
      return { log: log.filter((entry) => entry !== 'trace'), latest: bus.latest('tick'), count: bus.listenerCount() }
    }

    expect(run(true)).toEqual(run(false))
  })
})

describe('inspect, listenerCounts and labels: bad input', () => {
  test('inspect throws a TypeError naming the argument when bus is not a bus, or inspector not a function', () => {
    const bus = createEventBus<TestEvents>()

    const lookalike = { on: bus.on, emit: bus.emit } as unknown as typeof bus
    expect(() => inspect(lookalike, () => {})).toThrow(
      new TypeError('busway: inspect(): bus must be an EventBus made by createEventBus(), got an object'),
    )
    expect(() => inspect(null as never, () => {})).toThrow(/inspect\(\): bus must be .*got null/)
    expect(() => inspect(bus, 'log' as never)).toThrow(
      new TypeError('busway: inspect(): inspector must be a function, got "log"'),
    )
    bus.emit('tick', 1)
    expect(bus.latest('tick')).toBe(1)
  })

  test('listenerCounts throws a TypeError when bus is not a bus', () => {
    expect(() => listenerCounts(undefined as never)).toThrow(
      new TypeError('busway: listenerCounts(): bus must be an EventBus made by createEventBus(), got undefined'),
    )
  })

  test.each(['on', 'once'] as const)('%s throws a TypeError for a label that is not a string, and subscribes nothing', (method) => {
    const bus = createEventBus<TestEvents>()

    expect(() => bus[method]('tick', () => {}, { label: 42 as unknown as string })).toThrow(
      new TypeError(`busway: ${method}(): options.label must be a string, got 42`),
    )
    expect(bus.listenerCount()).toBe(0)
  })

  test('onAny throws a TypeError for a label that is not a string, and subscribes nothing', () => {
    const bus = createEventBus<TestEvents>()

    expect(() => bus.onAny(() => {}, { label: {} as unknown as string })).toThrow(
      new TypeError('busway: onAny(): options.label must be a string, got an object'),
    )
    expect(bus.listenerCount()).toBe(0)
  })
})

describe('listenerCounts', () => {
  test('counts the subscriptions of each type that has any, leaving out onAny and emptied types', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {})
    bus.once('tick', () => {})
    const off = bus.on('app:ready', () => {})
    bus.on('user:login', () => {})
    bus.onAny(() => {})
    off()
    bus.emit('data:update', { resourceId: 'r', data: 1 })

    expect({ ...listenerCounts(bus) }).toEqual({ tick: 2, 'user:login': 1 })
    expect(bus.listenerCount()).toBe(4)
  })

  test('is empty after clear(), and counts a type named __proto__ like any other', () => {
    const bus = createEventBus<Record<string, unknown>>()
    bus.on('__proto__', () => {})
    bus.on('tick', () => {})

    const counts = listenerCounts(bus)
    expect(Object.entries(counts)).toEqual([
      ['__proto__', 1],
      ['tick', 1],
    ])
    bus.clear()
    expect(Object.keys(listenerCounts(bus))).toEqual([])
  })

  test('returns a new object each call', () => {
    const bus = createEventBus<TestEvents>()
    expect(listenerCounts(bus)).not.toBe(listenerCounts(bus))
  })
})
