import { badInput } from './report'
import type { EmitOrigin } from './types'

// Internal: how `inspect`, `listenerCounts` and the devtools reach into a bus. Kept out of the
// bus's public methods so that a bus nobody inspects carries none of the tracing code.

/**
 * The key of a bus's internals. From `Symbol.for`, so that every copy of busway in an app (its
 * ESM and CJS builds, each entry point's bundle) reaches the same internals. Versioned: a busway
 * whose internals change shape must change the key, so that a bus of one version is refused by
 * the tools of another with a clear error rather than misread.
 */
export const INTERNALS: unique symbol = Symbol.for('busway.bus.v2')

/** Told about each handler a traced dispatch calls. */
export interface DispatchObserver {
  /** Before a handler is called, with the `label` it was subscribed with. */
  called(label: string | undefined): void
  /** When that handler throws, before the error is reported. */
  threw(error: unknown, label: string | undefined): void
}

/** Records the latest payload and calls the handlers: the part of `emit` after validation. */
export type Dispatch = (type: string, payload: unknown, observer?: DispatchObserver) => void

export interface BusInternals {
  /**
   * What `emit` calls after validation: the bus's own dispatch, or while inspectors are
   * attached, a traced one that calls it with an observer.
   */
  dispatch: Dispatch
  /** Each type that has a list, with its count of active subscriptions (`live`, 0 or more). */
  lists(): Record<string, { readonly live: number } | undefined>
  /** The state of `inspect` on this bus, created when first needed. */
  tracer?: unknown
  /**
   * Called by `emit` after dispatch, while bridges are connected: their outgoing side. Set and
   * unset by busway/bridge only, so that a bus without bridges carries none of their code, and
   * `clear()` and `listenerCount()` never see them.
   */
  forward?: ((type: string, payload: unknown) => void) | undefined
  /**
   * Where the emit about to be dispatched came from: set by a bridge just before it emits a
   * remote event, taken (and cleared) by the traced dispatch that reports it.
   */
  origin?: EmitOrigin | undefined
  /**
   * The id of the last traced emit that finished: read (and cleared) by the bridges in
   * `forward`, to tell peers the event's id at its sender.
   */
  lastTraceId?: number | undefined
  /** The state of the bridges connected to this bus, created when first needed. */
  bridges?: unknown
}

/**
 * A bus's internals; throws a TypeError naming `method` and `argument` when `bus` was not made by
 * `createEventBus` (or by a busway whose internals differ: see the key's version).
 */
export function requireInternals(method: string, argument: string, bus: unknown): BusInternals {
  const internals =
    bus !== null && typeof bus === 'object'
      ? (bus as Partial<Record<typeof INTERNALS, BusInternals>>)[INTERNALS]
      : undefined
  if (internals === undefined) {
    throw badInput(method, argument, 'an EventBus made by createEventBus()', bus)
  }
  return internals
}
