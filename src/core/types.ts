import type { StandardSchemaV1 } from './standard-schema'

/**
 * The names of the events of an event map `E`: its string keys.
 *
 * @example
 * ```ts
 * import type { EventType } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * type Names = EventType<AppEvents> //=> 'user:login' | 'app:ready'
 * ```
 */
export type EventType<E> = keyof E & string

/**
 * A handler of one event type: called with the event's payload.
 *
 * @example
 * ```ts
 * import type { EventHandler } from 'busway/core'
 *
 * const onLogin: EventHandler<{ userId: string }> = ({ userId }) => console.log(userId)
 * ```
 */
export type EventHandler<P> = (payload: P) => void

/**
 * The arguments of a handler registered with `onAny`: a union of `[type, payload]` pairs, one
 * per event of `E`, so that checking `type` narrows `payload` (TypeScript's control-flow
 * analysis of destructured discriminated unions).
 *
 * @example
 * ```ts
 * import type { AnyEventArgs } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * type Args = AnyEventArgs<AppEvents>
 * //=> [type: 'user:login', payload: { userId: string }] | [type: 'app:ready', payload: void]
 * ```
 */
export type AnyEventArgs<E> = {
  [K in EventType<E>]: [type: K, payload: E[K]]
}[EventType<E>]

/**
 * A handler registered with `onAny`: called with `(type, payload)` for every event.
 * Checking `type` narrows `payload`; handlers that take fewer parameters are accepted too.
 *
 * @example
 * ```ts
 * import type { AnyEventHandler } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * const log: AnyEventHandler<AppEvents> = (type, payload) => {
 *   if (type === 'user:login') console.log(payload.userId) // payload is { userId: string }
 * }
 * ```
 */
export type AnyEventHandler<E> = (...args: AnyEventArgs<E>) => void

/**
 * The payload arguments of `emit` for a payload type `P`: none (or an explicit `undefined`) for
 * `void` and `undefined` events, exactly one otherwise.
 *
 * @example
 * ```ts
 * import type { EmitArgs } from 'busway/core'
 *
 * type A = EmitArgs<void>              //=> [payload?: void]
 * type B = EmitArgs<{ userId: string }> //=> [payload: { userId: string }]
 * ```
 */
export type EmitArgs<P> = [P] extends [void | undefined] ? [payload?: P] : [payload: P]

/**
 * Options of `on`, `once` and `onAny`.
 *
 * @example
 * ```ts
 * import { createEventBus } from 'busway/core'
 *
 * const bus = createEventBus<{ tick: number }>()
 * const controller = new AbortController()
 * bus.on('tick', (n) => console.log(n), { signal: controller.signal })
 * controller.abort() // ends the subscription, as for DOM addEventListener
 * ```
 */
export interface SubscribeOptions {
  /**
   * Ends the subscription when aborted, as the `signal` option of DOM `addEventListener`
   * does. An already-aborted signal subscribes nothing.
   */
  signal?: AbortSignal | undefined
  /**
   * A name for this subscriber, for tracing: `inspect` lists the labels of the
   * subscribers each `emit` called, and names the label of a handler that threw.
   */
  label?: string | undefined
}

/**
 * Options of `waitFor`: those of `on` (`signal`, `label`) and a `filter`.
 *
 * @example
 * ```ts
 * import type { WaitForOptions } from 'busway/core'
 *
 * const options: WaitForOptions<{ id: string }> = { filter: ({ id }) => id === 'j-2' }
 * ```
 */
export interface WaitForOptions<P> extends SubscribeOptions {
  /** Only a payload for which it returns `true` resolves the promise. Default: any payload. */
  filter?: ((payload: P) => boolean) | undefined
}

/**
 * An error thrown by a handler during a traced `emit`.
 *
 * @example
 * ```ts
 * import type { HandlerErrorTrace } from 'busway/core'
 *
 * const describe = ({ error, label }: HandlerErrorTrace) => `${label ?? 'a handler'}: ${String(error)}`
 * ```
 */
export interface HandlerErrorTrace {
  /** What the handler threw. */
  readonly error: unknown
  /** The `label` the handler was subscribed with, if any. */
  readonly label: string | undefined
}

/**
 * Where an event that arrived through a bridge (busway/bridge) came from: `trace.origin`.
 *
 * @example
 * ```ts
 * import { createEventBus, inspect } from 'busway/core'
 *
 * const bus = createEventBus<{ 'user:logout': void }>()
 * inspect(bus, ({ type, origin }) => {
 *   if (origin) console.log(`${type} from ${origin.bridge} peer ${origin.peer}, its id there: ${origin.id}`)
 * })
 * ```
 */
export interface EmitOrigin {
  /** The kind of bridge it came through. */
  readonly bridge: 'broadcast' | 'port' | 'nats'
  /**
   * The sending bus's bridge id (random, one per bus), or `''` when the sender did not say
   * (a plain NATS message from a client that is not busway).
   */
  readonly peer: string
  /**
   * The event's trace `id` at its sender, when the sender was being inspected (devtools open,
   * `logEvents`), so a chain can be followed across realms; otherwise `undefined`.
   */
  readonly id: number | undefined
  /** `true` when it was replayed to a late joiner (`replay: true`) rather than sent live. */
  readonly replayed?: boolean
}

/**
 * What `inspect` reports about one `emit`, once its dispatch has finished. A union over the
 * event map, so checking `type` narrows `payload`.
 *
 * @example
 * ```ts
 * import { createEventBus, inspect, type EmitTrace } from 'busway/core'
 *
 * const bus = createEventBus<{ save: { id: string } }>()
 * const slow: EmitTrace[] = []
 * inspect(bus, (trace) => {
 *   if (trace.duration > 16) slow.push(trace) // dispatches longer than a frame
 * })
 * ```
 */
export type EmitTrace<E = Record<string, unknown>> = {
  [K in EventType<E>]: {
    /** This bus's sequence number of the emit: 1 for the first traced emit, then 2, 3, … */
    readonly id: number
    /**
     * The `id` of the emit whose handler made this emit, or `undefined` for an emit made
     * outside any handler: following `parentId` up gives the causal chain.
     */
    readonly parentId: number | undefined
    /** The event type. */
    readonly type: K
    /** The payload, after schema validation (the value handlers received). */
    readonly payload: E[K]
    /**
     * When the emit's dispatch started (after schema validation): `performance.now()`, in
     * milliseconds.
     */
    readonly time: number
    /** How long the dispatch took, nested emits included, in milliseconds. */
    readonly duration: number
    /** How many handlers were called, `onAny` handlers included. */
    readonly handlers: number
    /** The labels of the labelled handlers that were called, in call order. */
    readonly labels: readonly string[]
    /** The errors the handlers threw, in order (they were also reported as usual). */
    readonly errors: readonly HandlerErrorTrace[]
    /** Present when the event arrived through a bridge (busway/bridge): where it came from. */
    readonly origin?: EmitOrigin
  }
}[EventType<E>]

/**
 * A function given to `inspect`: called with the trace of every `emit` of a bus.
 *
 * @example
 * ```ts
 * import type { EmitInspector } from 'busway/core'
 *
 * const inspector: EmitInspector<{ tick: number }> = ({ id, type, payload }) =>
 *   console.debug(`#${id}`, type, payload)
 * ```
 */
export type EmitInspector<E = Record<string, unknown>> = (trace: EmitTrace<E>) => void

/**
 * What `onError` is told about a handler's error: the event that was being delivered. A union
 * over the event map, so checking `type` narrows `payload`; a handler written for the default
 * `HandlerErrorContext` (any type, unknown payload) fits every bus.
 *
 * @example
 * ```ts
 * import { createEventBus, type HandlerErrorContext } from 'busway/core'
 *
 * const logError = (error: unknown, { type, payload }: HandlerErrorContext) =>
 *   console.error(`a "${type}" handler failed on`, payload, error)
 * const bus = createEventBus<{ save: { id: string } }>({ onError: logError })
 * bus.emit('save', { id: 's-1' })
 * ```
 */
export type HandlerErrorContext<E = Record<string, unknown>> = {
  [K in EventType<E>]: {
    /** The type of the event whose handler threw. */
    type: K
    /** The payload that was being delivered. */
    payload: E[K]
  }
}[EventType<E>]

/**
 * Validators for some or all events of `E`: each key an event name, each value a Standard
 * Schema (zod, valibot, arktype, …) whose output is that event's payload type.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import type { EventSchemas } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * const schemas: EventSchemas<AppEvents> = { 'user:login': z.object({ userId: z.string() }) }
 * ```
 */
export type EventSchemas<E> = {
  readonly [K in EventType<E>]?: StandardSchemaV1<unknown, E[K]>
}

/**
 * The event map described by a record of schemas: each event's payload is its schema's output.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * import type { SchemaEvents } from 'busway/core'
 *
 * const schemas = { 'user:login': v.object({ userId: v.string() }) }
 * type AppEvents = SchemaEvents<typeof schemas> //=> { 'user:login': { userId: string } }
 * ```
 */
export type SchemaEvents<S extends Record<string, StandardSchemaV1>> = {
  [K in keyof S & string]: StandardSchemaV1.InferOutput<S[K]>
}

/**
 * Options of `createEventBus`.
 *
 * @example
 * ```ts
 * import { createEventBus } from 'busway/core'
 *
 * const bus = createEventBus<{ save: { id: string } }>({
 *   maxDepth: 20,
 *   onError: (error, { type }) => console.error(`a "${type}" handler failed`, error),
 * })
 * ```
 */
export interface EventBusOptions<E = Record<string, unknown>> {
  /**
   * Receives every error thrown by a handler, with the event being delivered. Without it,
   * errors are reported as DOM `EventTarget` reports them: `globalThis.reportError(error)`
   * where it exists, otherwise rethrown asynchronously. An error thrown by `onError` itself is
   * reported that default way.
   */
  onError?: ((error: unknown, context: HandlerErrorContext<E>) => void) | undefined
  /**
   * How deep `emit` calls made from handlers may nest; the outermost `emit` is depth 1.
   * An `emit` at depth `maxDepth + 1` calls no handler and throws a `RangeError` naming the
   * chain of event types. A positive integer; default 100.
   */
  maxDepth?: number | undefined
  /**
   * Validators of payloads, by event name: `emit` validates the payload before any handler
   * runs, throws an `InvalidPayloadError` (a `TypeError`) when it fails, and hands handlers the
   * schema's output (transforms apply). Events without a schema pass unchecked. Schemas must
   * validate synchronously: `emit` throws a `TypeError` the first time one returns a promise.
   */
  schemas?: EventSchemas<E> | undefined
}

/**
 * A typed event bus, made by `createEventBus`. Every method is a closure that does not use
 * `this`, so methods can be destructured and passed around.
 *
 * @example
 * ```ts
 * import { createEventBus, type EventBus } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * const bus: EventBus<AppEvents> = createEventBus<AppEvents>()
 * const { on, emit } = bus
 * const unsubscribe = on('user:login', ({ userId }) => console.log(userId))
 * emit('user:login', { userId: 'u-1' }) // logs "u-1"
 * unsubscribe()
 * ```
 */
export interface EventBus<E> {
  /**
   * Subscribes `handler` to events of `type`. Every call is its own subscription: the same
   * function subscribed twice is called twice per `emit`.
   *
   * @param type - the event name.
   * @param handler - called with the payload, synchronously, in subscription order.
   * @param options - `signal` ends the subscription when aborted; an aborted one subscribes
   *   nothing. `label` names the subscriber in traces (see `inspect`).
   * @returns an unsubscribe function; calling it again, or after `clear()`, does nothing.
   * @throws {TypeError} when `type` is not a string, `handler` is not a function,
   *   `options.signal` is not an AbortSignal or `options.label` is not a string.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'user:login': { userId: string } }>()
   * const unsubscribe = bus.on('user:login', ({ userId }) => console.log(userId))
   * bus.emit('user:login', { userId: 'u-1' }) // logs "u-1"
   * unsubscribe()
   * ```
   */
  on<K extends EventType<E>>(
    type: K,
    handler: EventHandler<E[K]>,
    options?: SubscribeOptions,
  ): () => void

  /**
   * Like `on`, but the subscription ends just before the handler's first call, so a nested
   * `emit` of the same type from inside the handler does not call it again.
   *
   * @param type - the event name.
   * @param handler - called with the payload of the first `emit` of `type`.
   * @param options - as for `on`: `signal` and `label`.
   * @returns an unsubscribe function, to end the subscription before it fires.
   * @throws {TypeError} as `on` does.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'app:ready': void }>()
   * bus.once('app:ready', () => console.log('ready'))
   * bus.emit('app:ready') // logs "ready"
   * bus.emit('app:ready') // logs nothing
   * ```
   */
  once<K extends EventType<E>>(
    type: K,
    handler: EventHandler<E[K]>,
    options?: SubscribeOptions,
  ): () => void

  /**
   * Ends every subscription of `handler` to `type`, `once` subscriptions included. A pair that
   * is not subscribed is a no-op.
   *
   * @param type - the event name.
   * @param handler - the function given to `on` or `once` (compared by identity).
   *
   * @throws {TypeError} when `type` is not a string or `handler` is not a function.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ tick: number }>()
   * const log = (n: number) => console.log(n)
   * bus.on('tick', log)
   * bus.once('tick', log)
   * bus.off('tick', log) // ends both
   * ```
   */
  off<K extends EventType<E>>(type: K, handler: EventHandler<E[K]>): void

  /**
   * Subscribes `handler` to every event. It is called with `(type, payload)` after the
   * handlers of that type. Checking `type` narrows `payload`.
   *
   * @param handler - called with the event type and payload of every `emit`.
   * @param options - `signal` ends the subscription when aborted; an aborted one subscribes nothing.
   *
   * @returns an unsubscribe function.
   * @throws {TypeError} when `handler` is not a function or `options.signal` is not an AbortSignal.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'user:login': { userId: string }; 'app:ready': void }>()
   * const stop = bus.onAny((type, payload) => {
   *   if (type === 'user:login') console.log('login', payload.userId)
   *   else console.log(type)
   * })
   * stop()
   * ```
   */
  onAny(handler: AnyEventHandler<E>, options?: SubscribeOptions): () => void
  // A handler that reads only `type` does not match the rest-of-union-tuples signature above,
  // so it gets an overload of its own.
  onAny(handler: (type: EventType<E>) => void, options?: SubscribeOptions): () => void

  /**
   * Records `payload` as `latest(type)`, then calls the handlers of `type` synchronously, in
   * subscription order, then the `onAny` handlers. Each call works on a snapshot of the
   * subscriptions taken when it starts (as DOM `EventTarget.dispatchEvent` does): handlers
   * added meanwhile are not called, handlers removed before their turn are not called.
   * A throwing handler does not stop the others and does not make `emit` throw: its error goes
   * to `options.onError`, or is reported as DOM `EventTarget` does.
   *
   * @param type - the event name.
   * @param payload - the event's payload; omitted (or `undefined`) for `void` events.
   * @throws {RangeError} when called at depth `maxDepth + 1` from handlers' nested emits
   *   (no handler is called; the message names the chain of event types).
   * @throws {InvalidPayloadError} (a `TypeError`) when the event has a schema and the payload
   *   fails it: no handler is called and `latest(type)` is unchanged.
   * @throws {TypeError} when `type` is not a string, or the event's schema validates
   *   asynchronously.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'user:login': { userId: string }; 'app:ready': void }>()
   * bus.emit('user:login', { userId: 'u-1' })
   * bus.emit('app:ready') // no payload for void events
   * ```
   */
  emit<K extends EventType<E>>(type: K, ...payload: EmitArgs<E[K]>): void

  /**
   * Waits for the next `emit` of `type`: for non-React code, workers and tests
   * (`await bus.waitFor('app:ready')`). Until the promise settles this is a subscription like
   * `once` (counted by `listenerCount`, called in subscription order, shown in traces under
   * `options.label`); it ends before the promise resolves. Only an `emit` made after the call
   * counts: `latest(type)` is not looked at. `clear()` ends it, and the promise then never
   * settles.
   *
   * @param type - the event name.
   * @param options - `filter(payload)`: only a payload for which it returns `true` resolves
   *   the promise (a filter that throws rejects it with that error and ends the subscription);
   *   `signal`: aborting rejects with `signal.reason` and ends the subscription (an aborted
   *   signal rejects at once and subscribes nothing); `label` as for `on`.
   * @returns a promise of the payload (after schema validation).
   * @throws {TypeError} at the call, when `type` is not a string, `options.filter` is not a
   *   function, `options.signal` is not an AbortSignal or `options.label` is not a string.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'job:done': { id: string; ok: boolean } }>()
   * const done = bus.waitFor('job:done', {
   *   filter: ({ id }) => id === 'j-2',
   *   signal: AbortSignal.timeout(5000),
   * })
   * bus.emit('job:done', { id: 'j-1', ok: true }) // filtered out
   * bus.emit('job:done', { id: 'j-2', ok: false })
   * console.log(await done) // { id: 'j-2', ok: false }
   * ```
   */
  waitFor<K extends EventType<E>>(type: K, options?: WaitForOptions<E[K]>): Promise<E[K]>

  /**
   * The payload of the most recent `emit` of `type` on this bus, also when nobody listened;
   * `undefined` before the first one and after `clear()`.
   *
   * @param type - the event name.
   * @returns the latest payload (the same reference that was emitted), or `undefined`.
   * @throws {TypeError} when `type` is not a string.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ 'user:login': { userId: string } }>()
   * bus.latest('user:login') //=> undefined
   * bus.emit('user:login', { userId: 'u-1' })
   * bus.latest('user:login') //=> { userId: 'u-1' }
   * ```
   */
  latest<K extends EventType<E>>(type: K): E[K] | undefined

  /**
   * The number of active subscriptions of `type` (`onAny` ones not counted), or with no
   * argument, of all subscriptions, `onAny` ones included. Useful to spot leaks.
   *
   * @param type - the event name; omit it to count every subscription.
   * @returns a count of subscriptions (0 or more).
   * @throws {TypeError} when `type` is given but is not a string.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ tick: number }>()
   * const stop = bus.on('tick', () => {})
   * bus.onAny(() => {})
   * bus.listenerCount('tick') //=> 1
   * bus.listenerCount() //=> 2
   * stop()
   * bus.listenerCount('tick') //=> 0
   * ```
   */
  listenerCount(type?: EventType<E>): number

  /**
   * Ends every subscription (releasing their abort listeners) and forgets every latest
   * payload. Unsubscribe functions handed out earlier stay harmless to call.
   *
   * @example
   * ```ts
   * import { createEventBus } from 'busway/core'
   *
   * const bus = createEventBus<{ tick: number }>()
   * bus.on('tick', () => {})
   * bus.emit('tick', 1)
   * bus.clear()
   * bus.listenerCount() //=> 0
   * bus.latest('tick') //=> undefined
   * ```
   */
  clear(): void
}
