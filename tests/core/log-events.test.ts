import { createEventBus, logEvents, type LogEventsOptions } from 'busway/core'
import { format } from 'node:util'
import { describe, expect, test, vi } from 'vitest'
import type { TestEvents } from './helpers'

/** A console that records what would be printed, one line per call, indented by group depth. */
function fakeConsole() {
  const lines: string[] = []
  let depth = 0
  const write = (prefix: string, args: unknown[]) =>
    lines.push(`${'  '.repeat(depth)}${prefix}${format(...args)}`)
  const output: NonNullable<LogEventsOptions['console']> = {
    groupCollapsed: (...args: unknown[]) => {
      write('▸ ', args)
      depth++
    },
    groupEnd: () => {
      depth--
    },
    log: (...args: unknown[]) => write('', args),
    error: (...args: unknown[]) => write('error: ', args),
  }
  return { output, lines }
}

/** Durations vary from run to run: the tests read them as `<ms>`. */
const steady = (lines: string[]) => lines.map((line) => line.replace(/\d+\.\d\d ms/, '<ms> ms'))

describe('logEvents', () => {
  test('prints each event as a collapsed group, with its nested events inside, once the chain has finished', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    bus.on('user:login', () => bus.emit('data:update', { resourceId: 'r-1', data: 2 }), { label: 'Loader' })
    bus.on('data:update', () => bus.emit('tick', 1))
    bus.on('tick', () => {
      expect(lines).toEqual([])
      throw new Error('tick failed')
    }, { label: 'Clock' })
    logEvents(bus, { console: output })

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('app:ready')

    expect(steady(lines)).toEqual([
      '▸ #1 user:login  1 handler (Loader) · <ms> ms',
      "  payload: { userId: 'u-1' }",
      '  ▸ #2 data:update  1 handler · <ms> ms',
      "    payload: { resourceId: 'r-1', data: 2 }",
      '    ▸ #3 tick  1 handler (Clock) · <ms> ms · 1 error',
      '      payload: 1',
      expect.stringMatching(/^ {6}error: "Clock" threw: Error: tick failed/),
      '▸ #4 app:ready  0 handlers · <ms> ms',
      '  payload: undefined',
    ])
  })

  test('a failed event group is styled red; others are not', () => {
    const groupCollapsed = vi.fn()
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    bus.on('tick', (n) => {
      if (n === 2) throw new Error('no')
    })
    logEvents(bus, { console: { groupCollapsed, groupEnd() {}, log() {}, error() {} } })

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(groupCollapsed.mock.calls.map(([, style]) => style)).toEqual(['', 'color: #d32f2f'])
    expect(groupCollapsed.mock.calls[1]![0]).toBe('%c%s')
    expect(groupCollapsed.mock.calls[1]![2]).toMatch(/^#2 tick/)
  })

  test('filter by a list of types: the nested events of a left-out event move up a level', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>()
    bus.on('user:login', () => bus.emit('tick', 1))
    logEvents(bus, { console: output, filter: ['tick', 'app:ready'] })

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('app:ready')

    expect(steady(lines)).toEqual([
      '▸ #2 tick  0 handlers · <ms> ms',
      '  payload: 1',
      '▸ #3 app:ready  0 handlers · <ms> ms',
      '  payload: undefined',
    ])
  })

  test('filter by a predicate on the trace', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>()
    logEvents(bus, { console: output, filter: (trace) => trace.type === 'tick' && trace.payload > 1 })

    bus.emit('tick', 1)
    bus.emit('tick', 2)

    expect(steady(lines)).toEqual(['▸ #2 tick  0 handlers · <ms> ms', '  payload: 2'])
  })

  test('the stop function stops printing, and prints what a chain in progress had so far', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>()
    let stop = () => {}
    bus.on('user:login', () => {
      bus.emit('tick', 1)
      stop()
    })
    stop = logEvents(bus, { console: output })

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('tick', 2)
    stop()

    expect(steady(lines)).toEqual(['▸ #2 tick  0 handlers · <ms> ms', '  payload: 1'])
  })

  test('names an unlabelled handler that threw as "a handler"', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    bus.on('tick', () => {
      throw new Error('unnamed')
    })
    logEvents(bus, { console: output })

    bus.emit('tick', 1)

    expect(lines[2]).toMatch(/^ {2}error: a handler threw: Error: unnamed/)
  })

  test('stopped inside a chain, it prints what the chain had so far, oldest first, with their nesting', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>()
    let stop = () => {}
    bus.on('data:update', () => bus.emit('tick', 1))
    bus.on('user:login', () => {
      bus.emit('data:update', { resourceId: 'r', data: 1 })
      bus.emit('app:ready')
      stop()
    })
    stop = logEvents(bus, { console: output })

    bus.emit('user:login', { userId: 'u-1' })

    expect(steady(lines).filter((line) => line.includes('▸'))).toEqual([
      '▸ #2 data:update  1 handler · <ms> ms',
      '  ▸ #3 tick  0 handlers · <ms> ms',
      '▸ #4 app:ready  0 handlers · <ms> ms',
    ])
  })

  test('counts unlabelled handlers beside the labels in the title', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>()
    bus.on('tick', () => {}, { label: 'Clock' })
    bus.on('tick', () => {})
    bus.onAny(() => {})
    logEvents(bus, { console: output })

    bus.emit('tick', 1)

    expect(steady(lines)[0]).toBe('▸ #1 tick  3 handlers (Clock, 2 unlabelled) · <ms> ms')
  })

  test('a filter that throws on a nested event still closes every group it opened', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const { output, lines } = fakeConsole()
    let open = 0
    const counting = {
      ...output,
      groupCollapsed: (...args: unknown[]) => {
        open++
        output.groupCollapsed(...args)
      },
      groupEnd: () => {
        open--
        output.groupEnd()
      },
    }
    const bus = createEventBus<TestEvents>()
    bus.on('user:login', () => bus.emit('tick', 1))
    const failure = new Error('filter failed')
    logEvents(bus, {
      console: counting,
      filter: (trace) => {
        if (trace.type === 'tick') throw failure
        return true
      },
    })

    bus.emit('user:login', { userId: 'u-1' })
    vi.unstubAllGlobals()

    expect(open).toBe(0)
    expect(lines[0]).toMatch(/^▸ #1 user:login/)
    expect(reportError).toHaveBeenCalledWith(failure)
  })

  test('prints to the global console by default', () => {
    const groupCollapsed = vi.spyOn(console, 'groupCollapsed').mockImplementation(() => {})
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const groupEnd = vi.spyOn(console, 'groupEnd').mockImplementation(() => {})
    const bus = createEventBus<TestEvents>()
    const stop = logEvents(bus)
    bus.emit('tick', 5)
    stop()
    const calls = [groupCollapsed.mock.calls.length, log.mock.calls, groupEnd.mock.calls.length]
    vi.restoreAllMocks()

    expect(calls).toEqual([1, [['payload:', 5]], 1])
  })

  test('bad options get a TypeError naming the argument', () => {
    const bus = createEventBus<TestEvents>()

    expect(() => logEvents(bus, { filter: 'tick' as never })).toThrow(
      new TypeError('busway: logEvents(): options.filter must be an array of event types or a function, got "tick"'),
    )
    expect(() => logEvents(bus, 3 as never)).toThrow(
      new TypeError('busway: logEvents(): options must be an object, got 3'),
    )
    expect(() => logEvents({} as never)).toThrow(/logEvents\(\): bus must be an EventBus/)
    expect(() => logEvents(bus, { console: { log() {} } as never })).toThrow(
      new TypeError('busway: logEvents(): options.console must be a console (with groupCollapsed), got an object'),
    )
    expect(() => logEvents(bus, { console: { ...console, error: 1 } as never })).toThrow(
      /options\.console must be a console \(with error\)/,
    )
  })
})

describe('logEvents never lets a label, type or payload act as a console format string', () => {
  test('a label with a % sign keeps its handler error in the output', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<TestEvents>({ onError: () => {} })
    bus.on('tick', () => {
      throw new Error('upload failed')
    }, { label: 'upload 100%complete' })
    logEvents(bus, { console: output })

    bus.emit('tick', 1)

    expect(steady(lines)).toEqual([
      '▸ #1 tick  1 handler (upload 100%complete) · <ms> ms · 1 error',
      '  payload: 1',
      expect.stringMatching(/^ {2}error: "upload 100%complete" threw: Error: upload failed/),
    ])
  })

  test('a %s in a label or type does not pull the next argument into it', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<Record<string, unknown>>({ onError: () => {} })
    bus.on('%s%s', () => {
      throw new Error('boom')
    }, { label: '%s' })
    logEvents(bus, { console: output })

    bus.emit('%s%s', '%d')

    expect(steady(lines)[0]).toBe('▸ #1 %s%s  1 handler (%s) · <ms> ms · 1 error')
    expect(lines[1]).toBe('  payload: %d')
    expect(lines[2]).toMatch(/^ {2}error: "%s" threw: Error: boom/)
  })

  test('a newline in an event type from outside cannot forge a log line', () => {
    const { output, lines } = fakeConsole()
    const bus = createEventBus<Record<string, unknown>>()
    logEvents(bus, { console: output })

    bus.emit('order:placed\n▸ #99 admin:granted', 1)

    expect(lines).toHaveLength(2)
    expect(steady(lines)[0]).toBe('▸ #1 order:placed\\n▸ #99 admin:granted  0 handlers · <ms> ms')
  })
})
