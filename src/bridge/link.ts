import { requireInternals, type BusInternals } from '../core/internals'
import { InvalidPayloadError } from '../core/invalid-payload-error'
import { badInput, reportUncaught } from '../core/report'
import type { StandardSchemaV1 } from '../core/standard-schema'
import type { EmitOrigin, EventBus, EventSchemas, EventType } from '../core/types'

// The one link under every bridge: option checks, the echo, loop and duplicate rules, the checks
// of what arrives, error reporting, and the envelope that BroadcastChannel and ports carry. A
// transport adapter only says how to send, how to listen and how to close.

/**
 * What a bridge reports to `onError`: an event that could not be sent (`direction: 'out'`, a
 * payload that is not cloneable or not JSON, a publish the NATS server refused: its `payload`
 * is then `undefined`, as the refusal names the subject only), or a message that arrived and was
 * dropped (`direction: 'in'`: malformed, a type not in `types`, a payload that fails its schema,
 * a NATS subscription the server refused; `type` is then whatever the message said, `undefined`
 * when it named none).
 *
 * @example
 * ```ts
 * import type { BridgeErrorContext } from 'busway/bridge'
 *
 * const onError = (error: unknown, { direction, type }: BridgeErrorContext) =>
 *   console.warn(`busway bridge (${direction}) dropped "${type}"`, error)
 * ```
 */
export type BridgeErrorContext<E = Record<string, unknown>> =
  | {
      [K in EventType<E>]: { readonly direction: 'out'; readonly type: K; readonly payload: E[K] | undefined }
    }[EventType<E>]
  | { readonly direction: 'in'; readonly type: string | undefined; readonly payload: unknown }

/**
 * Options of every bridge function (`connectBroadcast`, `connectPort`, `connectNats`).
 *
 * @example
 * ```ts
 * import { createEventBus } from 'busway/core'
 * import { connectBroadcast, type BridgeOptions } from 'busway/bridge'
 *
 * interface AppEvents { 'user:logout': void; 'cart:changed': { items: number } }
 * const options: BridgeOptions<AppEvents> = { types: ['user:logout', 'cart:changed'], replay: true }
 * connectBroadcast(createEventBus<AppEvents>(), { channel: 'app', ...options })
 * ```
 */
export interface BridgeOptions<E> {
  /**
   * The only events that cross, in both directions: a non-empty list of event names of the bus.
   * A local emit of another type stays local; a message of another type is dropped and
   * reported to `onError`.
   */
  types: readonly EventType<E>[]
  /**
   * Standard Schema validators (zod, valibot, …) by event name, applied to incoming payloads
   * before they are emitted. The bus's own `schemas` apply too, since remote events are emitted.
   */
  schemas?: EventSchemas<E> | undefined
  /**
   * Told what went wrong crossing, with the event and the `direction`. Default: the error is
   * reported as DOM `EventTarget` reports a listener's error (`reportError`), never thrown into
   * the transport.
   */
  onError?: ((error: unknown, context: BridgeErrorContext<E>) => void) | undefined
  /**
   * `true`: right after connecting, ask the other side for the latest payload of each of
   * `types` it holds, and emit those (traces mark them `origin.replayed`). A type that arrives
   * live first is not replayed. Default `false`.
   */
  replay?: boolean | undefined
  /** Disconnects when aborted; an already-aborted signal connects nothing. */
  signal?: AbortSignal | undefined
}

/**
 * What a transport adapter gives the link. Events go through it as separate arguments rather
 * than an object: one allocation less per event on the hot path.
 */
export interface Transport {
  /**
   * Sends one event; throws (or returns a promise that rejects) when it cannot. `seq` is this
   * bus's sequence number of the event (shared by all its bridges, for the duplicate check),
   * `id` its trace id here when the bus is inspected, `to` the id of the link that asked, on
   * replies to a replay request. The sender is `link.busId`.
   */
  send(type: string, payload: unknown, seq: number, id: number | undefined, to: string | undefined): void | Promise<unknown>
  /** Asks the other side for its latest payloads (`replay: true`). */
  requestReplay(): void
  /** Stops listening and closes what the adapter opened. */
  close(): void
}

/** What the link gives a transport adapter. */
export interface Link {
  /** Unique per connect: the address of replies to this link's replay request. */
  readonly id: string
  /** This bus's bridge id: the `from` of its events, the `peer` of their origin elsewhere. */
  readonly busId: string
  readonly types: ReadonlySet<string>
  readonly replay: boolean
  /**
   * Checks a message and, if it passes, emits it on the bus. Never throws. `peer` is the
   * sending bus's bridge id (`''` when unknown), `seq` its sequence number of the event (with
   * `peer`, the key of the duplicate check), `id` the event's trace id there.
   */
  receive(type: unknown, payload: unknown, peer: string, seq: number | undefined, id: number | undefined, replayed: boolean): void
  /** Reports an incoming problem to `onError`. */
  dropped(error: unknown, type: unknown, payload: unknown): void
  /** Reports an outgoing problem to `onError`. */
  failed(error: unknown, type: string, payload: unknown): void
  /** Sends the latest payload of each listed type that the bus holds, addressed to `to`. */
  answer(to: string): void
  /** Asks the other side for its latest payloads again (a page back from the bfcache). */
  requestReplay(): void
  /** Whether `disconnect()` was called. */
  readonly closed: boolean
}

/** What the bridges keep per bus, on its internals. */
interface BusBridges {
  id: string
  seq: number
  links: LinkState[]
  /** How many remote emits are being dispatched: while any is, nothing is forwarded. */
  applying: number
  /** The duplicate check: the sequence numbers of the events received lately, by peer. */
  seen: Map<string, PeerSeen>
  /** How many events the newer generations hold: at SEEN_LIMIT, the older ones are forgotten. */
  count: number
}

/**
 * What the duplicate check remembers of one peer: the sequence numbers it received from it, in
 * two generations of runs of consecutive numbers (`[first, last, first, last, …]`), and the
 * highest of them, above which nothing can be a repeat.
 */
interface PeerSeen {
  top: number
  newer: number[]
  older: number[]
}

interface LinkState {
  types: ReadonlySet<string>
  transport: Transport
  failed(error: unknown, type: string, payload: unknown): void
}

/**
 * The duplicate check of a bus remembers at least the last SEEN_LIMIT events it received, and
 * at most twice as many: its memory is bounded.
 */
export const SEEN_LIMIT = 1024

const randomId = (): string => Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4)

function bridgesOf(internals: BusInternals): BusBridges {
  return (internals.bridges ??= {
    id: randomId(),
    seq: 0,
    links: [],
    applying: 0,
    seen: new Map(),
    count: 0,
  }) as BusBridges
}

/**
 * Whether this bus sees event `seq` of `peer` for the first time; remembers it if so. A peer's
 * events mostly arrive in order with consecutive numbers: then this is a lookup, a comparison
 * and the end of a run moved up, with no key string to build, no set to grow, nothing to delete.
 */
function firstTime(bridges: BusBridges, peer: string, seq: number): boolean {
  let entry = bridges.seen.get(peer)
  if (entry === undefined) bridges.seen.set(peer, (entry = { top: 0, newer: [], older: [] }))
  // Only a number not above the highest one can be a repeat (an event that came by two paths).
  if (seq <= entry.top && (within(entry.newer, seq) || within(entry.older, seq))) return false
  if (seq > entry.top) entry.top = seq
  const { newer } = entry
  const end = newer.length - 1
  if (newer[end] === seq - 1) newer[end] = seq
  else newer.push(seq, seq)
  if (++bridges.count === SEEN_LIMIT) forgetOlder(bridges)
  return true
}

/** Whether `seq` is in one of `runs`, the latest run first. */
function within(runs: number[], seq: number): boolean {
  for (let index = runs.length - 2; index >= 0; index -= 2) if (seq >= runs[index]! && seq <= runs[index + 1]!) return true
  return false
}

/** Forgets the older generation of every peer, and the newer becomes the older; a peer left with nothing is forgotten. */
function forgetOlder(bridges: BusBridges): void {
  bridges.count = 0
  for (const [peer, entry] of bridges.seen) {
    if (entry.newer.length === 0) bridges.seen.delete(peer)
    else [entry.older, entry.newer] = [entry.newer, []]
  }
}

/** Sends a local emit through every link that lists its type: `internals.forward`. */
function forwarder(internals: BusInternals, bridges: BusBridges) {
  return (type: string, payload: unknown): void => {
    const id = internals.lastTraceId
    internals.lastTraceId = undefined
    // Rule 2: a remote event, and every emit its handlers make, stays on this bus.
    if (bridges.applying > 0) return
    let seq: number | undefined
    for (const link of bridges.links) {
      if (!link.types.has(type)) continue
      seq ??= ++bridges.seq
      send(link, type, payload, seq, id, undefined)
    }
  }
}

/** Sends through one link; a failure goes to its `onError` and never reaches the emitter. */
function send(link: LinkState, type: string, payload: unknown, seq: number, id: number | undefined, to: string | undefined): void {
  try {
    const sent = link.transport.send(type, payload, seq, id, to)
    if (sent !== undefined) sent.then(undefined, (error) => link.failed(error, type, payload))
  } catch (error) {
    link.failed(error, type, payload)
  }
}

const isAbortSignal = (value: unknown): value is AbortSignal =>
  typeof (value as Partial<AbortSignal> | null)?.aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function'

/**
 * Checks a bridge function's arguments, then connects `bus` through the transport `open`
 * makes, and returns `disconnect()`. `check` validates the adapter's own options first, and
 * `checkType` each of `types` (NATS subject tokens).
 */
export function connect<E>(
  method: string,
  bridge: EmitOrigin['bridge'],
  bus: EventBus<E>,
  options: BridgeOptions<E>,
  open: (link: Link) => Transport,
  checkType?: (type: string) => string | undefined,
): () => void {
  const internals = requireInternals(method, 'bus', bus)
  if (options === null || typeof options !== 'object') throw badInput(method, 'options', 'an object', options)
  const { types: typeList, schemas, onError, replay = false, signal } = options
  if (!Array.isArray(typeList) || typeList.length === 0) {
    throw badInput(method, 'options.types', 'a non-empty array of event names', typeList)
  }
  for (const type of typeList as unknown[]) {
    if (typeof type !== 'string') throw badInput(method, 'options.types', 'an array of strings', type)
    const problem = checkType?.(type)
    if (problem !== undefined) throw new TypeError(`busway: ${method}(): options.types: "${type}" ${problem}`)
  }
  if (schemas !== undefined && (schemas === null || typeof schemas !== 'object')) {
    throw badInput(method, 'options.schemas', 'an object', schemas)
  }
  const schemaTable: Record<string, StandardSchemaV1 | undefined> = Object.create(null)
  for (const [type, schema] of Object.entries(schemas ?? {})) {
    if (typeof (schema as Partial<StandardSchemaV1> | null)?.['~standard']?.validate !== 'function') {
      throw badInput(method, `options.schemas["${type}"]`, 'a Standard Schema', schema)
    }
    schemaTable[type] = schema as StandardSchemaV1
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw badInput(method, 'options.onError', 'a function', onError)
  }
  if (typeof replay !== 'boolean') throw badInput(method, 'options.replay', 'a boolean', replay)
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw badInput(method, 'options.signal', 'an AbortSignal', signal)
  }
  if (signal?.aborted) return () => {}

  const types: ReadonlySet<string> = new Set(typeList)
  // Each type by itself: an arriving type is a fresh copy of the string, which every lookup
  // after the first (schemas, the bus's handlers) would otherwise have to hash again.
  const typeNames = new Map(typeList.map((type) => [type, type]))
  const bridges = bridgesOf(internals)
  // Types a replay may still fill: a type that arrives live first keeps the live payload.
  let awaitingReplay = new Set<string>()
  let closed = false

  const report = (error: unknown, context: BridgeErrorContext<E>): void => {
    if (onError === undefined) return reportUncaught(error)
    try {
      onError(error, context)
    } catch (onErrorFailure) {
      reportUncaught(onErrorFailure)
    }
  }
  const dropped = (error: unknown, type: unknown, payload: unknown): void =>
    report(error, { direction: 'in', type: typeof type === 'string' ? type : undefined, payload })
  const failed = (error: unknown, type: string, payload: unknown): void =>
    report(error, { direction: 'out', type, payload } as BridgeErrorContext<E>)

  function receive(named: unknown, payload: unknown, peer: string, seq: number | undefined, id: number | undefined, replayed: boolean): void {
    if (closed) return
    // A bus never receives its own events back (echo on NATS, two links on one channel).
    if (peer === bridges.id) return
    if (typeof named !== 'string') {
      return dropped(new TypeError(`busway: ${method}(): dropped a message without an event type`), named, payload)
    }
    const type = typeNames.get(named)
    if (type === undefined) {
      return dropped(new TypeError(`busway: ${method}(): dropped "${named}": not in options.types`), named, payload)
    }
    if (replayed) {
      if (!awaitingReplay.delete(type)) return
    } else {
      if (awaitingReplay.size > 0) awaitingReplay.delete(type)
      // An event that reaches this bus by two paths (two bridges) is delivered once.
      if (peer !== '' && seq !== undefined && !firstTime(bridges, peer, seq)) return
    }
    const schema = schemaTable[type]
    if (schema !== undefined) {
      try {
        const result = schema['~standard'].validate(payload)
        if (typeof (result as Partial<PromiseLike<unknown>>).then === 'function') {
          // Never left unhandled: it is not awaited, as emit is synchronous.
          ;(result as Promise<unknown>).then(undefined, () => {})
          throw new TypeError(`busway: ${method}(): the schema of "${type}" is async; bridges validate synchronously`)
        }
        const { issues, value } = result as StandardSchemaV1.Result<unknown> & { value?: unknown }
        if (issues) throw new InvalidPayloadError(type, issues)
        payload = value
      } catch (error) {
        return dropped(error, type, payload)
      }
    }
    const origin: EmitOrigin = replayed ? { bridge, peer, id, replayed } : { bridge, peer, id }
    bridges.applying++
    internals.origin = origin
    try {
      ;(bus.emit as (type: string, payload: unknown) => void)(type, payload)
    } catch (error) {
      // The bus's own schema refused it.
      dropped(error, type, payload)
    } finally {
      internals.origin = undefined
      bridges.applying--
    }
  }

  const linkId = randomId()
  const link: Link = {
    id: linkId,
    busId: bridges.id,
    types,
    replay,
    receive,
    dropped,
    failed,
    answer(to) {
      if (closed) return
      for (const type of types) {
        const payload = bus.latest(type as EventType<E>)
        if (payload !== undefined) send(state, type, payload, 0, undefined, to)
      }
    },
    requestReplay() {
      awaitingReplay = new Set(types)
      transport.requestReplay()
    },
    get closed() {
      return closed
    },
  }
  const transport = open(link)
  const state: LinkState = { types, transport, failed }
  bridges.links = [...bridges.links, state]
  internals.forward ??= forwarder(internals, bridges)
  if (replay) link.requestReplay()

  const disconnect = (): void => {
    if (closed) return
    closed = true
    signal?.removeEventListener('abort', disconnect)
    bridges.links = bridges.links.filter((other) => other !== state)
    // A bus with no bridge left carries none of their code in its emits.
    if (bridges.links.length === 0) internals.forward = undefined
    transport.close()
  }
  signal?.addEventListener('abort', disconnect, { once: true })
  return disconnect
}

/** The first item of busway's envelopes: it marks them (a port may carry the app's own messages too). */
const EVENT = 'busway'
const HELLO = 'busway:hello'

/**
 * An event as BroadcastChannel and port bridges carry it, structured-cloned: an array rather
 * than an object, since a clone then writes and reads back no property names (a bridged event
 * costs noticeably less to post and to receive). `id` is the event's trace id at the sender
 * (when it is inspected), and `to`, set on a reply to a replay request, the link that asked.
 */
export type EventEnvelope = [marker: typeof EVENT, from: string, seq: number, type: string, payload: unknown, id: number | undefined, to: string | undefined]

/** A replay request: `hello` is the id of the link that asks. */
export type HelloEnvelope = [marker: typeof HELLO, from: string, hello: string]

/** The envelope of an outgoing event. */
export function envelope(from: string, type: string, payload: unknown, seq: number, id: number | undefined, to: string | undefined): EventEnvelope {
  return [EVENT, from, seq, type, payload, id, to]
}

/** A replay request. */
export const hello = (link: Link): HelloEnvelope => [HELLO, link.busId, link.id]

/**
 * Handles one message that arrived through a BroadcastChannel or a port: a message without
 * busway's marker belongs to someone else and is left alone; a replay request is answered; an
 * event is checked and emitted.
 */
export function receiveEnvelope(link: Link, data: unknown): void {
  if (!Array.isArray(data)) return
  const [marker, from, seq, type, payload, id, to] = data as unknown[]
  if (marker !== EVENT && marker !== HELLO) return
  if (typeof from !== 'string') return link.dropped(new TypeError('busway: dropped a message without a sender'), type, payload)
  if (marker === HELLO) {
    const asker = data[2]
    if (typeof asker === 'string' && from !== link.busId) link.answer(asker)
    return
  }
  if (to !== undefined && to !== link.id) return
  link.receive(type, payload, from, Number.isInteger(seq) ? (seq as number) : undefined, Number.isInteger(id) ? (id as number) : undefined, to !== undefined)
}
