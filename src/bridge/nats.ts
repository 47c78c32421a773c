import { requireInternals } from '../core/internals'
import { badInput } from '../core/report'
import type { EventBus } from '../core/types'
import { connect, type BridgeOptions, type Link } from './link'

// No dependency on a NATS client: the app passes its connection, typed here by the few members
// the bridge uses, which @nats-io/nats-core's (wsconnect) and @nats-io/transport-node's
// connections have.

/** Message headers as a NATS client exposes them (`MsgHdrs` of nats.js). */
export interface NatsHeadersLike {
  get(key: string): string
  set(key: string, value: string): void
}

/** A message as a NATS subscription delivers it. */
export interface NatsMsgLike {
  readonly subject: string
  readonly data: Uint8Array
  readonly headers?: { get(key: string): string } | undefined
}

/** An event of a NATS connection's `status()`: an `error` carries what the server refused. */
export interface NatsStatusLike {
  readonly type: string
  readonly error?: unknown
}

/** A NATS connection: `wsconnect()` of @nats-io/nats-core or `connect()` of @nats-io/transport-node. */
export interface NatsConnectionLike {
  publish(subject: string, payload?: string | Uint8Array, options?: { headers?: NatsHeadersLike }): void
  subscribe(
    subject: string,
    options?: { callback?: (error: Error | null, msg: NatsMsgLike) => void },
  ): { unsubscribe(): void }
  /**
   * The connection's events. Optional: where it exists, the bridge reads from it the server's
   * refusals of its publishes, which core NATS answers nowhere else.
   */
  status?(): AsyncIterable<NatsStatusLike>
}

/** A message read back from a JetStream stream. */
export interface NatsStoredMsgLike {
  readonly subject: string
  readonly data: Uint8Array
  readonly header: { get(key: string): string }
}

/** A JetStream client: `jetstream(nc)` of @nats-io/jetstream. */
export interface JetStreamLike {
  publish(
    subject: string,
    payload?: string | Uint8Array,
    options?: { msgID?: string; headers?: NatsHeadersLike },
  ): Promise<unknown>
  readonly streams: {
    get(name: string): Promise<{ getMessage(query: { last_by_subj: string }): Promise<NatsStoredMsgLike | null> }>
  }
}

/**
 * Options of `connectNats`: those of every bridge, the subject prefix, and JetStream.
 *
 * @example
 * ```ts
 * import type { NatsOptions } from 'busway/bridge'
 *
 * const options: NatsOptions<{ 'system:alert': { message: string } }> = { subject: 'app.acme', types: ['system:alert'] }
 * ```
 */
export interface NatsOptions<E> extends BridgeOptions<E> {
  /**
   * The subject prefix: event `type` travels on `` `${subject}.${type}` ``. One or more
   * dot-separated tokens without whitespace or wildcards, such as `'busway.acme'`.
   */
  subject: string
  /**
   * A JetStream client (`jetstream(nc)` of @nats-io/jetstream), with `stream`: events are then
   * published through JetStream with a message id, so the server drops duplicates of a retried
   * publish, and `replay` reads the last message of each subject from the stream.
   */
  jetstream?: JetStreamLike | undefined
  /**
   * The name of a JetStream stream that captures `` `${subject}.>` `` (for replay, with
   * `max_msgs_per_subject: 1` it keeps just the latest of each type). Required with `jetstream`.
   */
  stream?: string | undefined
  /**
   * Makes an empty headers object, for a NATS client whose `publish` needs its own:
   * `headers` of @nats-io/nats-core. By default the bridge makes a minimal one that nats.js
   * (nats-core, transport-node, jetstream 3.x) accepts.
   */
  headers?: (() => NatsHeadersLike) | undefined
}

/** The `busway-*` headers: informational metadata, never authorization. */
export const HEADER_ORIGIN = 'busway-origin'
export const HEADER_SEQ = 'busway-seq'
export const HEADER_ID = 'busway-id'

/** Why `token` cannot be a subject token, or `undefined` when it can. */
function tokenProblem(token: string): string | undefined {
  if (token === '') return 'is empty: it is not a NATS subject token'
  if (/[\s.*>]/.test(token)) return 'holds whitespace, ".", "*" or ">": it is not a NATS subject token'
  if (token.startsWith('$')) return 'starts with "$", which NATS reserves'
  return undefined
}

const encoder = /* @__PURE__ */ new TextEncoder()
const decoder = /* @__PURE__ */ new TextDecoder()

/**
 * Headers in NATS's wire format (`NATS/1.0`, then `key: value` lines), with the members nats.js
 * uses when publishing (`set`, `get`, `encode`): the bridge needs no NATS client of its own.
 * Each key is set once (the bridge's three, and JetStream's message id).
 */
function minimalHeaders(): NatsHeadersLike {
  const values: Record<string, string> = {}
  let lines = ''
  return {
    get: (key) => values[key] ?? '',
    set(key, value) {
      values[key] = value
      lines += `${key}: ${value}\r\n`
    },
    encode: () => encoder.encode(`NATS/1.0\r\n${lines}\r\n`),
  } as NatsHeadersLike
}

/** Throws when `value` holds what JSON would silently drop (a function, a symbol). */
function refuseDropped(type: string, value: unknown, depth = 0): void {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`busway: connectNats(): the payload of "${type}" is not JSON: it holds a ${typeof value}`)
  }
  // Objects with toJSON (Date) are what toJSON returns; stringify has already refused cycles.
  if (value === null || typeof value !== 'object' || depth > 100 || typeof (value as { toJSON?: unknown }).toJSON === 'function') return
  // An array by its items: for-in would visit its indexes as strings, several times slower.
  if (Array.isArray(value)) {
    for (const item of value) refuseDropped(type, item, depth + 1)
    return
  }
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) refuseDropped(type, (value as Record<string, unknown>)[key], depth + 1)
  }
}

/** JSON, refusing what JSON would silently drop (functions, symbols) rather than send less. */
function toJson(type: string, payload: unknown): string {
  if (payload === undefined) return ''
  // Stringify first: it throws on cycles and BigInt, so the walk below meets neither.
  const json = JSON.stringify(payload)
  refuseDropped(type, payload)
  return json
}

/**
 * Connects a bus to NATS: its events reach every bus, browser or service subscribed to the
 * same subjects, and theirs reach it.
 *
 * - Event `type` travels on subject `` `${subject}.${type}` `` with its payload as a JSON body
 *   (empty for `undefined`) and busway's metadata in `busway-origin`, `busway-seq` and
 *   `busway-id` headers. Any NATS client, in any language, can publish a plain JSON body on such
 *   a subject (it reaches the bus, checked like any message), and read busway's events the same
 *   way. The headers are informational: permissions on subjects are what authorize.
 * - A local emit of one of `types` is published after its local handlers ran; a payload that is
 *   not JSON (a function, a BigInt, a cycle) goes to `onError` with `direction: 'out'`. A
 *   `Date` arrives as its ISO string (JSON), which a schema with a transform can revive.
 * - What the server's permissions refuse goes to `onError`: a subscription with
 *   `direction: 'in'` (nats.js closes it), each publish with `direction: 'out'` and
 *   `payload: undefined` (the refusal, a status of the connection, names the subject only).
 * - Core NATS delivers at most once, to subscribers connected at that moment; `jetstream` and
 *   `stream` add a message id (the server drops a retried publish's duplicate) and `replay`.
 * - The bridge never sees its own events back (the `busway-origin` header), and an event that
 *   arrives by two paths (a BroadcastChannel and NATS) is delivered once. A connection that
 *   carries only this bus's bridges can be opened with `noEcho: true`: the server then does
 *   not send the bus its own events at all, which saves the bridge a fifth or so of its work.
 * - The connection stays the caller's: when it reconnects (nats.js resubscribes), the bridge
 *   keeps working; `disconnect()` ends the bridge's subscriptions and never closes it.
 *
 * @param bus - a bus made by `createEventBus`.
 * @param nc - a NATS connection (`wsconnect()` of @nats-io/nats-core in browsers, `connect()` of
 *   @nats-io/transport-node in Node).
 * @param options - `subject`, `types`, and optionally `schemas`, `onError`, `replay` (needs
 *   `jetstream` and `stream`), `jetstream`, `stream`, `headers`, `signal`.
 * @returns `disconnect()`: unsubscribes the bridge's subscriptions; calling it again does nothing.
 * @throws {TypeError} when `bus` was not made by `createEventBus`, `nc` lacks `publish` or
 *   `subscribe`, `options.subject` is not a valid subject, one of `types` is not a valid subject
 *   token (empty, whitespace, `.`, `*`, `>`, a leading `$`), `replay` is set without `jetstream`
 *   and `stream`, or another option is wrong.
 *
 * @example
 * ```ts
 * import { wsconnect } from '@nats-io/nats-core'
 * import { createEventBus } from 'busway/core'
 * import { connectNats } from 'busway/bridge'
 *
 * const bus = createEventBus<{ 'system:alert': { severity: string; message: string } }>()
 * const nc = await wsconnect({ servers: 'wss://nats.example.com' })
 * const disconnect = connectNats(bus, nc, { subject: 'app.acme', types: ['system:alert'] })
 * bus.on('system:alert', ({ message }) => console.log(message)) // alerts from any service
 * disconnect()
 * ```
 */
export function connectNats<E>(bus: EventBus<E>, nc: NatsConnectionLike, options: NatsOptions<E>): () => void {
  const method = 'connectNats'
  requireInternals(method, 'bus', bus)
  const candidate = nc as Partial<NatsConnectionLike> | null
  if (typeof candidate?.publish !== 'function' || typeof candidate.subscribe !== 'function') {
    throw badInput(method, 'nc', 'a NATS connection (with publish and subscribe)', nc)
  }
  const { subject: prefix, jetstream: js, stream, headers: makeHeaders = minimalHeaders, replay } =
    (options ?? {}) as Partial<NatsOptions<E>>
  if (typeof prefix !== 'string' || prefix.split('.').some((token) => token === '' || /[\s*>]/.test(token))) {
    throw badInput(method, 'options.subject', 'a NATS subject without wildcards, such as "busway.app"', prefix)
  }
  if (js !== undefined && (typeof js?.publish !== 'function' || typeof js.streams?.get !== 'function')) {
    throw badInput(method, 'options.jetstream', 'a JetStream client (jetstream(nc))', js)
  }
  if ((js !== undefined || stream !== undefined) && (typeof stream !== 'string' || stream === '' || js === undefined)) {
    throw new TypeError(`busway: ${method}(): options.jetstream and options.stream (a stream's name) go together`)
  }
  if (replay === true && js === undefined) {
    throw new TypeError(`busway: ${method}(): options.replay reads a JetStream stream: it needs options.jetstream and options.stream`)
  }
  if (typeof makeHeaders !== 'function') throw badInput(method, 'options.headers', 'a function', makeHeaders)

  return connect(method, 'nats', bus, options, (link) => {
    const subjectOf = (type: string): string => `${prefix}.${type}`
    /** Hands a message to the link: the type from its subject, the payload from its JSON body. */
    const deliver = (type: string, data: Uint8Array, headers: { get(key: string): string } | undefined, replayed: boolean): void => {
      const peer = headers?.get(HEADER_ORIGIN) ?? ''
      // The bus's own events come back on its subscriptions (NATS echoes a connection's
      // messages to its own subscribers): dropped before their body is decoded.
      if (peer === link.busId) return
      let payload: unknown
      try {
        payload = data.length === 0 ? undefined : JSON.parse(decoder.decode(data))
      } catch (error) {
        return link.dropped(error, type, undefined)
      }
      const seq = Number(headers?.get(HEADER_SEQ) || NaN)
      const id = Number(headers?.get(HEADER_ID) || NaN)
      link.receive(type, payload, peer, Number.isInteger(seq) ? seq : undefined, Number.isInteger(id) ? id : undefined, replayed)
    }
    // One subscription per type: a message of another type cannot arrive, and none of another
    // app sharing the prefix is reported.
    const subscriptions = [...link.types].map((type) =>
      nc.subscribe(subjectOf(type), {
        callback(error, msg) {
          // A permission violation, for instance: reported; nats.js then closes the subscription.
          if (error) return link.dropped(error, type, undefined)
          deliver(type, msg.data, msg.headers, false)
        },
      }),
    )
    // Core NATS does not answer a publish: the server's refusal comes as a status of the
    // connection, naming the subject. (A JetStream publish rejects instead, reported by the link.)
    const statuses = js === undefined ? nc.status?.() : undefined
    if (statuses !== undefined) {
      void (async () => {
        for await (const { error } of statuses) {
          if (link.closed) return
          const { operation, subject } = (error ?? {}) as { operation?: unknown; subject?: unknown }
          const type = typeof subject === 'string' ? subject.slice(prefix.length + 1) : ''
          if (operation === 'publish' && subject === subjectOf(type) && link.types.has(type)) link.failed(error, type, undefined)
        }
      })().then(undefined, () => {}) // an iterator that fails ends the watch, and nothing else
    }
    return {
      send(type, payload, seq, id) {
        const body = toJson(type, payload)
        // A headers object per event, never one reused: JetStream encodes it again on a retry.
        const headers = makeHeaders()
        headers.set(HEADER_ORIGIN, link.busId)
        headers.set(HEADER_SEQ, String(seq))
        if (id !== undefined) headers.set(HEADER_ID, String(id))
        if (js === undefined) return nc.publish(subjectOf(type), body, { headers })
        return js.publish(subjectOf(type), body, { msgID: `${link.busId}:${seq}`, headers })
      },
      requestReplay() {
        replayFromStream(link, js!, stream!, subjectOf, deliver)
      },
      close() {
        for (const subscription of subscriptions) subscription.unsubscribe()
        // nats.js's status iterator ends at once on stop(); another one at its next event.
        ;(statuses as { stop?: () => void } | undefined)?.stop?.()
      },
    }
  }, tokenProblem)
}

/** Reads the last message of each type's subject from the stream, and hands them to the link in `types` order. */
async function replayFromStream(
  link: Link,
  js: JetStreamLike,
  stream: string,
  subjectOf: (type: string) => string,
  deliver: (type: string, data: Uint8Array, headers: { get(key: string): string }, replayed: boolean) => void,
): Promise<void> {
  const types = [...link.types]
  let source: Awaited<ReturnType<JetStreamLike['streams']['get']>>
  try {
    source = await js.streams.get(stream)
  } catch (error) {
    return link.dropped(error, undefined, undefined)
  }
  const found = await Promise.all(
    types.map((type) =>
      source.getMessage({ last_by_subj: subjectOf(type) }).catch((error: unknown) => {
        link.dropped(error, type, undefined)
        return null
      }),
    ),
  )
  found.forEach((msg, index) => {
    if (msg !== null && !link.closed) deliver(types[index]!, msg.data, msg.header, true)
  })
}
