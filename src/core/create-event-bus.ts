import type {
  AnyEventHandler,
  EventBus,
  EventBusOptions,
  EventHandler,
  EventType,
  HandlerErrorContext,
  SchemaEvents,
  SubscribeOptions,
} from './types'
import { INTERNALS, type BusInternals, type DispatchObserver } from './internals'
import { InvalidPayloadError } from './invalid-payload-error'
import { badInput, checkType, reportUncaught } from './report'
import type { StandardSchemaV1 } from './standard-schema'

/** One subscription. `active` turns false exactly once, when it ends in any way. */
interface Subscription {
  handler: (first: never, second: never) => void
  once: boolean
  active: boolean
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
  label: string | undefined
}

/** What the bus keeps of one event type: its subscriptions and its latest payload. */
interface TypeEntry {
  subscriptions: Subscription[]
  latest: unknown
  /** How many `emit`s are walking `subscriptions` right now; while any is, it is not mutated. */
  dispatching: number
}

/**
 * A list of subscriptions, changed in place unless an `emit` is walking it, in which case it
 * is replaced by a changed copy: that `emit` keeps its snapshot, as DOM `EventTarget` requires.
 */
interface SubscriptionList {
  subscriptions: Subscription[]
  dispatching: number
}

/**
 * The per-type entries, keyed by event type. A prototype-less object rather than a Map: V8's
 * Map.delete is an order of magnitude slower than `delete` here, and a type's entry is deleted
 * each time its last subscription ends (a React unmount).
 */
const createDictionary = (): Record<string, TypeEntry | undefined> => Object.create(null)

const DEFAULT_MAX_DEPTH = 100
const NONE: Subscription[] = []
const noop = (): void => {}

function checkHandler(method: string, handler: unknown, argument = 'handler'): void {
  if (typeof handler !== 'function') throw badInput(method, argument, 'a function', handler)
}

function checkOptions(method: string, options: SubscribeOptions | null | undefined): void {
  if (options == null) return
  if (typeof options !== 'object') throw badInput(method, 'options', 'an object', options)
  const label = options.label
  if (label !== undefined && typeof label !== 'string') {
    throw badInput(method, 'options.label', 'a string', label)
  }
  const signal = options.signal as Partial<AbortSignal> | null | undefined
  // Duck-typed rather than `instanceof`, so signals from another realm (an iframe, jsdom,
  // a polyfill) are accepted, as DOM addEventListener accepts them.
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function' ||
      typeof signal.removeEventListener !== 'function')
  ) {
    throw badInput(method, 'options.signal', 'an AbortSignal', signal)
  }
}

function add(list: SubscriptionList, subscription: Subscription): void {
  if (list.dispatching) list.subscriptions = [...list.subscriptions, subscription]
  else list.subscriptions.push(subscription)
}

function remove(list: SubscriptionList, subscription: Subscription): void {
  const index = list.subscriptions.indexOf(subscription)
  if (index < 0) return
  if (list.dispatching) {
    list.subscriptions = list.subscriptions.filter((other) => other !== subscription)
  } else {
    list.subscriptions.splice(index, 1)
  }
}

type SchemaTable = Record<string, StandardSchemaV1 | undefined>

/** Checks `options.schemas` and copies it to a prototype-less table, safe for any event name. */
function copySchemas(schemas: unknown): SchemaTable | undefined {
  if (schemas === undefined) return undefined
  if (schemas === null || typeof schemas !== 'object') {
    throw badInput('createEventBus', 'options.schemas', 'an object', schemas)
  }
  const table: SchemaTable = Object.create(null)
  for (const [type, schema] of Object.entries(schemas)) {
    if (typeof (schema as Partial<StandardSchemaV1> | null)?.['~standard']?.validate !== 'function') {
      throw badInput('createEventBus', `options.schemas["${type}"]`, 'a Standard Schema', schema)
    }
    table[type] = schema as StandardSchemaV1
  }
  return table
}

/** Returns the schema's output for `payload`, or throws when it is invalid. */
function validate(schemas: SchemaTable, type: string, payload: unknown): unknown {
  const schema = schemas[type]
  if (schema === undefined) return payload
  const result = schema['~standard'].validate(payload)
  if (typeof (result as Partial<PromiseLike<unknown>>).then === 'function') {
    throw new TypeError(`busway: emit("${type}"): its schema is async; emit is synchronous`)
  }
  const { issues, value } = result as StandardSchemaV1.Result<unknown> & { value?: unknown }
  if (issues) throw new InvalidPayloadError(type, issues)
  return value
}

/**
 * Creates a typed event bus: a framework-agnostic dispatcher with no dependencies.
 *
 * `E` is an event map: keys are event names, values are payload types (`void` or `undefined`
 * for events without payload). Dispatch follows DOM `EventTarget`: synchronous, in subscription
 * order, on a snapshot taken when each `emit` starts, with handler errors isolated and reported.
 *
 * With `options.schemas` (Standard Schema validators: zod, valibot, arktype, …) `emit`
 * validates payloads before any handler runs, and without a type argument the event map is
 * inferred from the schemas' output types.
 *
 * @param options - `onError` receives handler errors (default: `reportError`, as DOM
 *   `EventTarget`); `maxDepth` bounds nested emits (default 100); `schemas` validates payloads.
 * @returns an {@link EventBus} whose methods are closures, safe to destructure.
 * @throws {TypeError} when `options` is not an object, `options.onError` is not a function, or
 *   a value of `options.schemas` is not a Standard Schema.
 * @throws {RangeError} when `options.maxDepth` is not a positive integer.
 *
 * @example
 * ```ts
 * import { createEventBus } from 'busway/core'
 *
 * interface AppEvents {
 *   'user:login': { userId: string }
 *   'app:ready': void
 * }
 * const bus = createEventBus<AppEvents>()
 * const off = bus.on('user:login', ({ userId }) => console.log(userId))
 * bus.emit('user:login', { userId: 'u-1' }) // logs "u-1"
 * bus.emit('app:ready') // no payload needed for void events
 * off()
 * ```
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { createEventBus } from 'busway/core'
 *
 * // The event map is inferred: 'user:login' carries { userId: string }.
 * const bus = createEventBus({ schemas: { 'user:login': z.object({ userId: z.string() }) } })
 * bus.emit('user:login', JSON.parse(messageFromSocket)) // throws InvalidPayloadError when invalid
 * ```
 */
export function createEventBus<const S extends Record<string, StandardSchemaV1>>(
  options: EventBusOptions<SchemaEvents<S>> & { schemas: S },
): EventBus<SchemaEvents<S>>
export function createEventBus<E extends object = Record<string, unknown>>(
  options?: EventBusOptions<E>,
): EventBus<E>
export function createEventBus<E extends object>(options?: EventBusOptions<E>): EventBus<E> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw badInput('createEventBus', 'options', 'an object', options)
  }
  const onError = options?.onError
  if (onError !== undefined) checkHandler('createEventBus', onError, 'options.onError')
  const maxDepth = options?.maxDepth === undefined ? DEFAULT_MAX_DEPTH : options.maxDepth
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw badInput('createEventBus', 'options.maxDepth', 'a positive integer', maxDepth, RangeError)
  }

  const schemas = copySchemas(options?.schemas)

  let entries = createDictionary()
  let anyList: SubscriptionList = { subscriptions: [], dispatching: 0 }
  let total = 0
  // The types of the emits in progress, outermost first; `depth` is how many there are.
  const chain: string[] = []
  let depth = 0

  function release(subscription: Subscription): void {
    subscription.active = false
    total--
    if (subscription.onAbort !== undefined) {
      subscription.signal!.removeEventListener('abort', subscription.onAbort)
      subscription.signal = subscription.onAbort = undefined
    }
  }

  function end(type: string | undefined, subscription: Subscription): void {
    if (!subscription.active) return
    release(subscription)
    if (type === undefined) return remove(anyList, subscription)
    const entry = entries[type]
    if (entry === undefined) return
    remove(entry, subscription)
    // Rule 5 of the contract: of a type nobody listens to, only its latest payload is kept.
    if (entry.subscriptions.length === 0 && entry.latest === undefined) delete entries[type]
  }

  function subscribe(
    method: string,
    type: string | undefined,
    handler: Subscription['handler'],
    once: boolean,
    subscribeOptions: SubscribeOptions | undefined,
  ): () => void {
    checkHandler(method, handler)
    checkOptions(method, subscribeOptions)
    const signal = subscribeOptions?.signal
    if (signal?.aborted) return noop

    const subscription: Subscription = {
      handler,
      once,
      active: true,
      signal: undefined,
      onAbort: undefined,
      label: subscribeOptions?.label,
    }
    if (type === undefined) {
      add(anyList, subscription)
    } else {
      const entry = entries[type]
      if (entry === undefined) {
        entries[type] = { subscriptions: [subscription], latest: undefined, dispatching: 0 }
      } else {
        // A type's list may be the shared empty one, which must never be changed in place.
        if (entry.subscriptions === NONE) entry.subscriptions = []
        add(entry, subscription)
      }
    }
    total++
    const unsubscribe = (): void => end(type, subscription)
    if (signal !== undefined) {
      subscription.signal = signal
      subscription.onAbort = unsubscribe
      signal.addEventListener('abort', unsubscribe, { once: true })
    }
    return unsubscribe
  }

  function report(error: unknown, type: string, payload: unknown): void {
    if (onError === undefined) return reportUncaught(error)
    try {
      // The type checker cannot tie this `type` to this `payload`; emit's signature did.
      onError(error, { type, payload } as HandlerErrorContext<E>)
    } catch (onErrorFailure) {
      reportUncaught(onErrorFailure)
    }
  }

  function depthError(type: string): RangeError {
    return new RangeError(
      `busway: emit("${type}") would nest deeper than maxDepth (${maxDepth}); ` +
        `chain: ${[...chain.slice(0, depth), type].join(' → ')}`,
    )
  }

  /**
   * Calls the active subscriptions of `snapshot` (what `list` held when the emit started) in
   * order, each in its own try/catch. Kept apart from `emit` so that `emit` stays small enough
   * for the JIT to inline into its callers.
   */
  function deliver(
    list: SubscriptionList,
    snapshot: Subscription[],
    type: string,
    payload: unknown,
    toAny: boolean,
    observer: DispatchObserver | undefined,
  ): void {
    chain[depth++] = type
    list.dispatching++
    try {
      for (let index = 0; index < snapshot.length; index++) {
        const subscription = snapshot[index]!
        if (!subscription.active) continue
        if (subscription.once) end(type, subscription)
        observer?.called(subscription.label)
        try {
          if (toAny) (subscription.handler as (type: string, payload: unknown) => void)(type, payload)
          else (subscription.handler as EventHandler<unknown>)(payload)
        } catch (error) {
          observer?.threw(error, subscription.label)
          report(error, type, payload)
        }
      }
    } finally {
      depth--
      list.dispatching--
    }
  }

  /** Records `payload` as the latest of `type`, then calls the type's and the onAny handlers. */
  function dispatch(type: string, payload: unknown, observer?: DispatchObserver): void {
    let entry = entries[type]
    if (entry !== undefined) entry.latest = payload
    else if (payload !== undefined) {
      entries[type] = entry = { subscriptions: NONE, latest: payload, dispatching: 0 }
    }
    const typed = entry === undefined || entry.subscriptions.length === 0 ? undefined : entry
    const anyAtStart = anyList
    const anySnapshot = anyAtStart.subscriptions
    if (anySnapshot.length === 0) {
      if (typed !== undefined) deliver(typed, typed.subscriptions, type, payload, false, observer)
      return
    }
    // The onAny snapshot is taken now, so it is kept while the type's handlers run.
    anyAtStart.dispatching++
    try {
      if (typed !== undefined) deliver(typed, typed.subscriptions, type, payload, false, observer)
    } finally {
      anyAtStart.dispatching--
    }
    deliver(anyAtStart, anySnapshot, type, payload, true, observer)
  }

  // `inspect` replaces `dispatch` here with a traced one while it has inspectors.
  const internals: BusInternals = { dispatch, subscriptions: () => entries }

  const bus: EventBus<E> & { [INTERNALS]: BusInternals } = {
    on(type, handler, subscribeOptions) {
      checkType('on', type)
      return subscribe('on', type, handler, false, subscribeOptions)
    },

    once(type, handler, subscribeOptions) {
      checkType('once', type)
      return subscribe('once', type, handler, true, subscribeOptions)
    },

    off(type, handler) {
      checkType('off', type)
      checkHandler('off', handler)
      const entry = entries[type]
      if (entry === undefined) return
      for (const subscription of [...entry.subscriptions]) {
        if (subscription.handler === handler) end(type, subscription)
      }
    },

    onAny: (
      handler: AnyEventHandler<E> | ((type: EventType<E>) => void),
      subscribeOptions?: SubscribeOptions,
    ) => subscribe('onAny', undefined, handler, false, subscribeOptions),

    emit(type: string, payload?: unknown) {
      if (typeof type !== 'string') checkType('emit', type)
      if (depth >= maxDepth) throw depthError(type)
      if (schemas !== undefined) payload = validate(schemas, type, payload)
      internals.dispatch(type, payload)
    },

    latest(type) {
      checkType('latest', type)
      return entries[type]?.latest as never
    },

    listenerCount(type?: string) {
      if (type === undefined) return total
      checkType('listenerCount', type)
      return entries[type]?.subscriptions.length ?? 0
    },

    clear() {
      for (const type in entries) entries[type]!.subscriptions.forEach(release)
      anyList.subscriptions.forEach(release)
      // New containers, so emits still walking the old lists are not disturbed.
      entries = createDictionary()
      anyList = { subscriptions: [], dispatching: 0 }
    },

    [INTERNALS]: internals,
  }
  return bus
}
