import type { EmitInspector, EmitTrace, EventBus, EventType } from './types'
import { requireInternals, type BusInternals, type Dispatch, type DispatchObserver } from './internals'
import { badInput, now, reportUncaught } from './report'

/** A trace being filled in by its dispatch. */
type Trace = { -readonly [K in keyof EmitTrace]: EmitTrace[K] } & {
  labels: string[]
  errors: { error: unknown; label: string | undefined }[]
}

/** What `inspect` keeps per bus, on the bus's internals. */
interface Tracer {
  /** Copied on change, so a notification loop keeps its snapshot. */
  inspectors: EmitInspector[]
  count: number
  /** The innermost traced emit in progress: the parent of the next one. */
  current: Trace | undefined
  /** The bus's own dispatch, untraced. */
  dispatch: Dispatch
  traced: Dispatch
  /** True while inspectors are being called: their own emits are dispatched untraced. */
  reporting: boolean
}

function createTracer(internals: BusInternals): Tracer {
  const tracer: Tracer = {
    inspectors: [],
    count: 0,
    current: undefined,
    dispatch: internals.dispatch,
    reporting: false,
    traced(type, payload) {
      // An inspector that emits would otherwise trace its own emits, report them, and so on.
      if (tracer.reporting) return tracer.dispatch(type, payload)
      const parent = tracer.current
      const trace: Trace = {
        id: ++tracer.count,
        parentId: parent?.id,
        type,
        payload,
        time: now(),
        duration: 0,
        handlers: 0,
        labels: [],
        errors: [],
      }
      // A bridge names the origin of the remote event it is emitting; only this emit has it.
      if (internals.origin !== undefined) {
        trace.origin = internals.origin
        internals.origin = undefined
      }
      const observer: DispatchObserver = {
        called(label) {
          trace.handlers++
          if (label !== undefined) trace.labels.push(label)
        },
        threw(error, label) {
          trace.errors.push({ error, label })
        },
      }
      tracer.current = trace
      try {
        tracer.dispatch(type, payload, observer)
      } finally {
        trace.duration = now() - trace.time
        tracer.current = parent
        const outerReport = tracer.reporting
        tracer.reporting = true
        try {
          const inspectors = tracer.inspectors
          for (const inspector of inspectors) {
            // One that an earlier inspector detached is not called, as for handlers.
            if (!tracer.inspectors.includes(inspector)) continue
            try {
              inspector(trace)
            } catch (error) {
              reportUncaught(error)
            }
          }
        } finally {
          tracer.reporting = outerReport
        }
        // Set after the inspectors ran, so an emit they make cannot take it: a bridge reads it
        // right after this dispatch, to tell peers the event's id here.
        internals.lastTraceId = trace.id
      }
    },
  }
  return tracer
}

/**
 * Attaches an inspector to a bus, for devtools, loggers and tests. From then on, each `emit`
 * that dispatches is reported to it once its dispatch has finished, as an {@link EmitTrace}:
 * a sequence id, the id of the emit whose handler made it (`parentId`: nested emits form a tree,
 * the causal chain), type, payload, start time and duration (`performance.now()`, in
 * milliseconds), how many handlers ran, the labels of those subscribed with a `label`, and each
 * handler error.
 *
 * - A nested emit finishes, and so is reported, before the emit that made it.
 * - An `emit` that throws (bad type, `maxDepth`, invalid payload) dispatches nothing and is not
 *   reported; its error reaches its caller as usual. `time` is taken after schema validation.
 * - An emit made by an inspector is dispatched as usual but not traced (an inspector that emits
 *   would otherwise feed itself).
 * - Errors that `useEvent`'s `throwOnError` hands to an error boundary never reach the bus, so
 *   they are not in `errors`.
 * - Handler errors are still reported to `onError` (or `reportError`) as usual.
 * - An error thrown by an inspector is reported as DOM `EventTarget` reports a listener's error,
 *   and does not stop other inspectors.
 * - `bus.clear()` does not detach inspectors, and `listenerCount` does not count them.
 * - While a bus has no inspector, `emit` records nothing: tracing costs nothing until used, and
 *   this function's code is left out of bundles that do not import it.
 *
 * @param bus - a bus made by `createEventBus`.
 * @param inspector - called with the trace of each emit; every inspector of a bus receives the
 *   same trace object.
 * @returns a function that detaches this inspector; calling it again does nothing.
 * @throws {TypeError} when `bus` was not made by `createEventBus`, or `inspector` is not a
 *   function.
 *
 * @example
 * ```ts
 * import { createEventBus, inspect } from 'busway/core'
 *
 * const bus = createEventBus<{ save: { id: string }; saved: void }>()
 * bus.on('save', () => bus.emit('saved'), { label: 'storage' })
 * const detach = inspect(bus, ({ id, parentId, type, labels }) => console.log(id, parentId, type, labels))
 * bus.emit('save', { id: 's-1' })
 * // logs 2 1 "saved" [], then 1 undefined "save" ["storage"]
 * detach()
 * ```
 */
// The parameter is spelled out rather than `EmitInspector<E>`: TypeScript then accepts an
// inspector written for any bus (`EmitInspector`) on a bus of a narrower event map.
export function inspect<E>(bus: EventBus<E>, inspector: (trace: EmitTrace<E>) => void): () => void {
  const internals = requireInternals('inspect', 'bus', bus)
  if (typeof inspector !== 'function') {
    throw badInput('inspect', 'inspector', 'a function', inspector)
  }
  const tracer = (internals.tracer ??= createTracer(internals)) as Tracer
  // A function of its own per call, so the same inspector attached twice is attached twice.
  const attached: EmitInspector = (trace) => inspector(trace as EmitTrace<E>)
  tracer.inspectors = [...tracer.inspectors, attached]
  internals.dispatch = tracer.traced
  return () => {
    tracer.inspectors = tracer.inspectors.filter((other) => other !== attached)
    if (tracer.inspectors.length === 0) internals.dispatch = tracer.dispatch
  }
}

/**
 * The number of active subscriptions of each event type that has any (`onAny` ones not
 * counted: `bus.listenerCount()` minus the sum of these). A view of who listens to what, to spot
 * leaks; the devtools panel's listeners view shows it.
 *
 * @param bus - a bus made by `createEventBus`.
 * @returns a new prototype-less object mapping each such event type to its count (1 or more).
 * @throws {TypeError} when `bus` was not made by `createEventBus`.
 *
 * @example
 * ```ts
 * import { createEventBus, listenerCounts } from 'busway/core'
 *
 * const bus = createEventBus<{ tick: number; save: void }>()
 * bus.on('tick', () => {})
 * bus.on('tick', () => {})
 * listenerCounts(bus) //=> { tick: 2 }
 * ```
 */
export function listenerCounts<E>(bus: EventBus<E>): Partial<Record<EventType<E>, number>> {
  const lists = requireInternals('listenerCounts', 'bus', bus).lists()
  // Prototype-less, so that a type named "__proto__" is counted like any other.
  const counts: Record<string, number> = Object.create(null)
  for (const type in lists) {
    const count = lists[type]!.live
    if (count > 0) counts[type] = count
  }
  return counts as Partial<Record<EventType<E>, number>>
}
