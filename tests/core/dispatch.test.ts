import { createEventBus, type EventBus, type EventHandler } from 'busway/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { stubReportError, type TestEvents } from './helpers'

describe('rule 2: snapshot dispatch', () => {
  test('does not call a subscription added during an emit in that emit, only in the next one', () => {
    const bus = createEventBus<TestEvents>()
    const added = vi.fn()
    bus.on('tick', (n) => {
      if (n === 1) bus.on('tick', added)
    })

    bus.emit('tick', 1)
    expect(added).not.toHaveBeenCalled()

    bus.emit('tick', 2)
    expect(added.mock.calls).toEqual([[2]])
  })

  test('does not call an onAny subscription added during an emit in that emit, by a handler or by an onAny handler', () => {
    const bus = createEventBus<TestEvents>()
    const addedByHandler = vi.fn()
    const addedByAny = vi.fn()
    const existing = vi.fn()
    bus.on('tick', (n) => {
      if (n === 1) bus.onAny(addedByHandler)
    })
    bus.onAny((_type, n) => {
      if (n === 1) bus.onAny(addedByAny)
    })
    bus.onAny(existing)

    bus.emit('tick', 1)
    expect(existing.mock.calls).toEqual([['tick', 1]])
    expect(addedByHandler).not.toHaveBeenCalled()
    expect(addedByAny).not.toHaveBeenCalled()

    bus.emit('tick', 2)
    expect(addedByHandler.mock.calls).toEqual([['tick', 2]])
    expect(addedByAny.mock.calls).toEqual([['tick', 2]])
  })

  type Removal = (removing: {
    bus: EventBus<TestEvents>
    unsubscribe: () => void
    handler: EventHandler<number>
    controller: AbortController
  }) => void

  test.each<[string, Removal]>([
    ['its unsubscribe function', ({ unsubscribe }) => unsubscribe()],
    ['off(type, handler)', ({ bus, handler }) => bus.off('tick', handler)],
    ['its signal aborting', ({ controller }) => controller.abort()],
    ['clear()', ({ bus }) => bus.clear()],
  ])('does not call a subscription removed during an emit, before its turn, with %s', (_how, remove) => {
    const bus = createEventBus<TestEvents>()
    const controller = new AbortController()
    const removed = vi.fn<EventHandler<number>>()
    let unsubscribe = () => {}
    bus.on('tick', () => remove({ bus, unsubscribe, handler: removed, controller }))
    unsubscribe = bus.on('tick', removed, { signal: controller.signal })

    bus.emit('tick', 1)

    expect(removed).not.toHaveBeenCalled()
  })

  test('does not call an onAny subscription removed by a handler of the type', () => {
    const bus = createEventBus<TestEvents>()
    const anyHandler = vi.fn()
    const stopAny = bus.onAny(anyHandler)
    bus.on('tick', () => stopAny())

    bus.emit('tick', 1)

    expect(anyHandler).not.toHaveBeenCalled()
  })

  test('still calls a subscription removed after its turn, once', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    const stopFirst = bus.on('tick', () => log.push('first'))
    bus.on('tick', () => {
      log.push('second')
      stopFirst()
    })

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(log).toEqual(['first', 'second', 'second'])
  })

  test('gives every emit, nested ones included, its own snapshot taken when it starts', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.on('tick', (n) => {
      log.push(`first: ${n}`)
      if (n === 1) {
        bus.on('tick', (m) => log.push(`added: ${m}`))
        bus.emit('tick', 2)
      }
    })

    bus.emit('tick', 1)

    // The nested emit started after the subscription was added, so it calls it; the outer one
    // started before, so it does not.
    expect(log).toEqual(['first: 1', 'first: 2', 'added: 2'])
  })

  test('does not call, in the outer emit, a subscription that a nested emit removed before its turn', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    let stopLast = () => {}
    bus.on('tick', (n) => {
      log.push(`first: ${n}`)
      if (n === 1) bus.emit('tick', 2)
    })
    bus.on('tick', (n) => {
      log.push(`second: ${n}`)
      if (n === 2) stopLast()
    })
    stopLast = bus.on('tick', (n) => log.push(`last: ${n}`))

    bus.emit('tick', 1)

    expect(log).toEqual(['first: 1', 'first: 2', 'second: 2', 'second: 1'])
  })
})

describe('rule 3: nested emits and maxDepth', () => {
  interface ChainEvents {
    first: number
    second: number
    third: number
    fourth: number
  }

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  test('runs nested emits synchronously, depth first', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    bus.on('tick', () => {
      log.push('tick 1: start')
      bus.emit('app:ready')
      log.push('tick 1: end')
    })
    bus.on('tick', () => log.push('tick 2'))
    bus.on('app:ready', () => log.push('ready'))
    bus.onAny((type) => log.push(`any: ${type}`))

    bus.emit('tick', 1)

    expect(log).toEqual(['tick 1: start', 'ready', 'any: app:ready', 'tick 1: end', 'tick 2', 'any: tick'])
  })

  test('allows nesting down to maxDepth, the outermost emit being depth 1', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ maxDepth: 5, onError })
    const depths: number[] = []
    bus.on('tick', (depth) => {
      depths.push(depth)
      if (depth < 5) bus.emit('tick', depth + 1)
    })

    bus.emit('tick', 1)

    expect(depths).toEqual([1, 2, 3, 4, 5])
    expect(onError).not.toHaveBeenCalled()
  })

  test('throws a RangeError naming the chain of event types from an emit at depth maxDepth + 1, and calls no handler', () => {
    const bus = createEventBus<ChainEvents>({ maxDepth: 3 })
    const log: string[] = []
    let thrown: unknown
    bus.on('first', (n) => bus.emit('second', n))
    bus.on('second', (n) => bus.emit('third', n))
    bus.on('third', (n) => {
      try {
        bus.emit('fourth', n)
      } catch (error) {
        thrown = error
      }
    })
    bus.on('fourth', () => log.push('fourth'))
    bus.onAny((type) => log.push(`any: ${type}`))

    bus.emit('first', 1)

    expect(thrown).toBeInstanceOf(RangeError)
    expect((thrown as RangeError).message).toMatch(/first.+second.+third.+fourth/)
    expect((thrown as RangeError).message).toMatch(/maxDepth/)
    expect(log).toEqual(['any: third', 'any: second', 'any: first'])
  })

  test('reports the depth error as an error of the handler that emitted, and the other handlers still run', () => {
    const onError = vi.fn()
    const bus = createEventBus<ChainEvents>({ maxDepth: 3, onError })
    const log: string[] = []
    bus.on('first', (n) => bus.emit('second', n + 1))
    bus.on('second', (n) => bus.emit('third', n + 1))
    bus.on('third', (n) => bus.emit('fourth', n + 1))
    bus.on('third', () => log.push('other third handler'))
    bus.on('first', () => log.push('other first handler'))

    expect(() => bus.emit('first', 1)).not.toThrow()

    expect(onError).toHaveBeenCalledTimes(1)
    const [error, context] = onError.mock.calls[0]!
    expect(error).toBeInstanceOf(RangeError)
    expect((error as RangeError).message).toMatch(/first.+second.+third.+fourth/)
    expect(context).toEqual({ type: 'third', payload: 3 })
    expect(log).toEqual(['other third handler', 'other first handler'])
  })

  test('stops endless recursion at the default maxDepth of 100 instead of overflowing the stack', () => {
    const reportError = stubReportError()
    const bus = createEventBus<TestEvents>()
    let deepest = 0
    bus.on('tick', (depth) => {
      deepest = depth
      bus.emit('tick', depth + 1)
    })

    expect(() => bus.emit('tick', 1)).not.toThrow()

    expect(deepest).toBe(100)
    expect(reportError).toHaveBeenCalledTimes(1)
    const [error] = reportError.mock.calls[0]!
    expect(error).toBeInstanceOf(RangeError)
    // The chain names all 101 emits, one after another: the 100 that ran and the one refused.
    expect((error as RangeError).message).toMatch(/(tick\W+){100}tick/)
    expect((error as RangeError).message).not.toMatch(/(tick\W+){101}tick/)
  })

  test('recovers from a refused emit: the next emit can nest down to maxDepth again', () => {
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ maxDepth: 3, onError })
    const depths: number[] = []
    bus.on('tick', (depth) => {
      depths.push(depth)
      bus.emit('tick', depth + 1)
    })

    bus.emit('tick', 1)
    bus.emit('tick', 1)

    expect(depths).toEqual([1, 2, 3, 1, 2, 3])
    expect(onError).toHaveBeenCalledTimes(2)
  })

  test('counts depth per chain: emits one after another from the same handler do not add up', () => {
    const onError = vi.fn()
    const bus = createEventBus<ChainEvents>({ maxDepth: 2, onError })
    const received: number[] = []
    bus.on('first', () => {
      bus.emit('second', 1)
      bus.emit('second', 2)
      bus.emit('second', 3)
    })
    bus.on('second', (n) => received.push(n))

    bus.emit('first', 0)
    bus.emit('first', 0)

    expect(received).toEqual([1, 2, 3, 1, 2, 3])
    expect(onError).not.toHaveBeenCalled()
  })
})
