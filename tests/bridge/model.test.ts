import { createEventBus, inspect, type EmitTrace, type EventBus } from 'busway/core'
import { connectPort, type NodePortLike } from 'busway/bridge'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'

// A model test of Bridges rule 2: N buses linked by bridges over an in-memory transport (a hub
// that structured-clones each message to every other port, delivered when the test drains it,
// as a BroadcastChannel would), with random handlers that emit and unsubscribe. Every local emit
// of a listed type must reach every other bus exactly once, and the traffic must end.

type Events = { a: number; b: number; c: number; local: number }
const TYPES = ['a', 'b', 'c', 'local'] as const
const LISTED = ['a', 'b', 'c'] as const

function createHub() {
  const ports: { deliver(value: unknown): void }[] = []
  const queue: (() => void)[] = []
  return {
    port(): NodePortLike {
      const listeners = new Map<string, Set<(value: unknown) => void>>()
      const port = {
        postMessage(message: unknown) {
          const copy = structuredClone(message)
          for (const other of ports) if (other !== entry) queue.push(() => other.deliver(copy))
        },
        on(event: string, listener: (value: unknown) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set())
          listeners.get(event)!.add(listener)
        },
        off(event: string, listener: (value: unknown) => void) {
          listeners.get(event)?.delete(listener)
        },
      }
      const entry = { deliver: (value: unknown) => listeners.get('message')?.forEach((listener) => listener(value)) }
      ports.push(entry)
      return port
    },
    /** Delivers one queued message; false when none is left. */
    step(): boolean {
      const next = queue.shift()
      next?.()
      return next !== undefined
    },
    get pending() {
      return queue.length
    },
  }
}

const program = fc.record({
  buses: fc.integer({ min: 2, max: 4 }),
  hubs: fc.integer({ min: 1, max: 2 }),
  // A handler on `bus` that, on `from`, emits `to` (later types only, so local chains end).
  rules: fc.array(
    fc.record({ bus: fc.nat(3), from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 1, max: 3 }) }).filter(({ from, to }) => to > from),
    { maxLength: 8 },
  ),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('emit' as const), bus: fc.nat(3), type: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('unsubscribe' as const), rule: fc.nat(7) }),
      fc.record({ kind: fc.constant('deliver' as const), count: fc.integer({ min: 1, max: 5 }) }),
    ),
    { maxLength: 40 },
  ),
})

interface Recorded {
  bus: number
  trace: EmitTrace<Events>
}

describe('Bridges rule 2 (model): N linked buses, random handlers that emit and unsubscribe', () => {
  test('each local emit of a listed type reaches every other bus exactly once, and never loops', () => {
    fc.assert(
      fc.property(program, ({ buses: count, hubs: hubCount, rules, steps }) => {
        const hubs = Array.from({ length: hubCount }, createHub)
        const buses: EventBus<Events>[] = []
        const traces: Recorded[] = []
        const disconnects: (() => void)[] = []
        for (let index = 0; index < count; index++) {
          const bus = createEventBus<Events>()
          buses.push(bus)
          inspect(bus, (trace) => traces.push({ bus: index, trace }))
          for (const hub of hubs) disconnects.push(connectPort(bus, hub.port(), { types: [...LISTED] }))
        }
        const unsubscribes = rules.map(({ bus, from, to }) =>
          buses[bus % count]!.on(TYPES[from]!, (value) => buses[bus % count]!.emit(TYPES[to]!, value + 1)),
        )
        let payload = 0
        for (const step of steps) {
          if (step.kind === 'emit') buses[step.bus % count]!.emit(TYPES[step.type]!, ++payload * 100)
          else if (step.kind === 'unsubscribe') unsubscribes[step.rule % Math.max(1, unsubscribes.length)]?.()
          else for (let n = 0; n < step.count; n++) hubs[n % hubCount]!.step()
        }
        // Drain: a loop would keep the hubs busy forever; the bound is far above any honest run.
        let delivered = 0
        while (hubs.some((hub) => hub.pending > 0)) {
          for (const hub of hubs) if (hub.step()) delivered++
          if (delivered > 10_000) throw new Error('the bridges are looping')
        }

        // Which traces are local (made on their bus, not by a remote event or its handlers).
        // Each bus's bridge id, from its internals (whatever their key's version).
        const idOf = (bus: number) => {
          const target = buses[bus] as unknown as Record<symbol, { bridges: { id: string } }>
          const key = Object.getOwnPropertySymbols(target).find((symbol) => symbol.description?.startsWith('busway.bus.'))!
          return target[key]!.bridges.id
        }
        const byKey = new Map(traces.map((recorded) => [`${recorded.bus}:${recorded.trace.id}`, recorded]))
        const remoteCaused = ({ bus, trace }: Recorded): boolean =>
          trace.origin !== undefined || (trace.parentId !== undefined && remoteCaused(byKey.get(`${bus}:${trace.parentId}`)!))
        const sent = traces.filter((recorded) => LISTED.includes(recorded.trace.type as never) && !remoteCaused(recorded))
        for (let receiver = 0; receiver < count; receiver++) {
          const arrivals = traces
            .filter(({ bus, trace }) => bus === receiver && trace.origin !== undefined)
            .map(({ trace }) => `${trace.origin!.peer}:${trace.origin!.id}:${trace.type}:${trace.payload}`)
            .sort()
          const expected = sent
            .filter(({ bus }) => bus !== receiver)
            .map(({ bus, trace }) => `${idOf(bus)}:${trace.id}:${trace.type}:${trace.payload}`)
            .sort()
          expect(arrivals).toEqual(expected)
        }
        disconnects.forEach((disconnect) => disconnect())
      }),
      { numRuns: 300 },
    )
  })
})
