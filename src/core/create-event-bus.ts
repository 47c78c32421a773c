import type {
  AnyEventHandler,
  EventBus,
  EventBusOptions,
  EventType,
  HandlerErrorContext,
  SchemaEvents,
  SubscribeOptions,
} from './types'
import { INTERNALS, type BusInternals, type DispatchObserver } from './internals'
import { InvalidPayloadError } from './invalid-payload-error'
import { badInput, checkType, reportUncaught } from './report'
import type { StandardSchemaV1 } from './standard-schema'

/** A function the emit loop calls: a handler itself, or a wrapper for `once` and `signal`. */
type Call = (first: never, second: never) => unknown

/** One subscription. `list` turns undefined exactly once, when it ends in any way. */
interface Subscription {
  /** The function given to `on`, `once` or `onAny` (what `off` compares). */
  handler: Call
  label: string | undefined
  once: boolean
  signal: AbortSignal | undefined
  /** Called when `signal` ends the subscription (`waitFor` rejects then). */
  aborted: ((reason: unknown) => void) | undefined
  /** The list holding it while it is active. */
  list: SubscriptionList | undefined
  /** Its position in `list.calls` and `list.subscriptions`. */
  index: number
}

/**
 * The subscriptions of one event type (or of `onAny`), in subscription order, kept as two
 * parallel arrays: `calls`, what the emit loop calls, and `subscriptions`, the records.
 *
 * An emit walks `calls` up to the length it had when the emit started: that is its snapshot
 * (DOM `EventTarget`), since a subscription added meanwhile is appended past it. A subscription
 * that ends leaves a hole: its call becomes a no-op and its record `undefined`, in O(1), so a
 * walking emit skips it without checking anything. Holes are squeezed out once no emit walks
 * the list and they outnumber the live subscriptions, which keeps every operation amortized
 * O(1) and each emit O(handlers it calls).
 */
interface SubscriptionList {
  calls: Call[]
  subscriptions: (Subscription | undefined)[]
  /** How many of `subscriptions` are active. */
  live: number
  /** How many emits are walking the list right now; while any is, it is not compacted. */
  dispatching: number
  /** The event type, or undefined for the `onAny` list. */
  type: string | undefined
  /** The payload of the type's latest emit. */
  latest: unknown
}

/** All of one signal's subscriptions on a bus: one abort listener serves them all. */
interface SignalGroup {
  subscriptions: Set<Subscription>
  onAbort: () => void
}

/**
 * The per-type lists, keyed by event type. A prototype-less object rather than a Map: V8's
 * Map.delete is an order of magnitude slower than `delete` here, and a type's list is deleted
 * each time its last subscription ends (a React unmount).
 */
const createDictionary = (): Record<string, SubscriptionList | undefined> => Object.create(null)

const createList = (type: string | undefined, latest: unknown): SubscriptionList => ({
  calls: [],
  subscriptions: [],
  live: 0,
  dispatching: 0,
  type,
  latest,
})

const DEFAULT_MAX_DEPTH = 100
const hole: Call = () => undefined
const noop = (): void => {}

/** A list this small is compacted at every removal; a bigger one when its holes outnumber it. */
const SMALL = 32

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
  // a polyfill, React Native) are accepted, as DOM addEventListener accepts them.
  if (
    signal !== undefined &&
    (typeof signal?.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function' ||
      typeof signal.removeEventListener !== 'function')
  ) {
    throw badInput(method, 'options.signal', 'an AbortSignal', signal)
  }
}

/** Squeezes the holes out of a list no emit is walking. O(length). */
function compact(list: SubscriptionList): void {
  const { calls, subscriptions } = list
  let kept = 0
  for (let index = 0; index < calls.length; index++) {
    const subscription = subscriptions[index]
    if (subscription === undefined) continue
    subscription.index = kept
    calls[kept] = calls[index]!
    subscriptions[kept++] = subscription
  }
  calls.length = subscriptions.length = kept
}

/**
 * Tidies a list no emit is walking: trailing holes go at once (the newest subscription is
 * usually the first to end: a React unmount), the others once they are worth squeezing out.
 */
function tidy(list: SubscriptionList): void {
  if (list.dispatching !== 0) return
  const { calls, subscriptions } = list
  while (calls.length > 0 && subscriptions[calls.length - 1] === undefined) {
    calls.pop()
    subscriptions.pop()
  }
  const length = calls.length
  if (length !== list.live && (length <= SMALL || length >= 2 * list.live)) compact(list)
}

/** Handlers return `void`, but an async one returns a promise: its rejection is its error. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as Partial<PromiseLike<unknown>> | null | undefined)?.then === 'function'
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

/**
 * Returns the schema's output for `payload`, or throws: the schema's own error when it throws,
 * an `InvalidPayloadError` when the payload fails it, a TypeError when it validates
 * asynchronously. Rule 10 of the contract: that promise is never left unhandled; its rejection
 * goes to `report`, as a handler's error would.
 */
function validate(
  schemas: SchemaTable,
  type: string,
  payload: unknown,
  report: (error: unknown, type: string, payload: unknown) => void,
): unknown {
  const schema = schemas[type]
  if (schema === undefined) return payload
  const result = schema['~standard'].validate(payload)
  if (isThenable(result)) {
    result.then(undefined, (error: unknown) => report(error, type, payload))
    throw new TypeError(`busway: emit("${type}"): its schema is asynchronous; emit is synchronous`)
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
// `_Arity` is never given: a second type parameter without a default makes an instantiation
// with one type argument (`ReturnType<typeof createEventBus<AppEvents>>`) skip this overload,
// since TypeScript keeps only the overloads whose arity matches; without it, an interface
// `AppEvents` was checked against `S`'s constraint and failed to compile.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- its arity is its purpose
export function createEventBus<const S extends Record<string, StandardSchemaV1>, _Arity>(
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

  let lists = createDictionary()
  let anyList = createList(undefined, undefined)
  let total = 0
  const signals = new Map<AbortSignal, SignalGroup>()
  // The types of the emits in progress, outermost first; `depth` is how many there are.
  const chain: string[] = []
  let depth = 0

  /** Ends a subscription, in O(1): a hole in its list, and its signal released. */
  function end(subscription: Subscription): void {
    const list = subscription.list
    if (list === undefined) return
    subscription.list = undefined
    total--
    list.calls[subscription.index] = hole
    list.subscriptions[subscription.index] = undefined
    // Rule 5 of the contract: of a type nobody listens to, only its latest payload is kept.
    const type = list.type
    // (After clear(), `lists[type]` is another list or none; that list never reaches 0 here.)
    if (--list.live === 0 && list.latest === undefined && type !== undefined) {
      delete lists[type]
    } else {
      tidy(list)
    }
    const signal = subscription.signal
    if (signal === undefined) return
    subscription.signal = undefined
    const group = signals.get(signal)!
    group.subscriptions.delete(subscription)
    if (group.subscriptions.size > 0) return
    signals.delete(signal)
    signal.removeEventListener('abort', group.onAbort)
  }

  /** Ends every subscription of an aborted signal, and rejects the `waitFor`s among them. */
  function abortAll(signal: AbortSignal): void {
    const group = signals.get(signal)
    if (group === undefined) return
    signals.delete(signal)
    signal.removeEventListener('abort', group.onAbort)
    for (const subscription of group.subscriptions) {
      subscription.signal = undefined
      end(subscription)
      subscription.aborted?.(signal.reason)
    }
  }

  /**
   * Whether a subscription may be called now; ends it first when it is `once`. A subscription
   * whose signal is aborted is never called, even before the bus's abort listener has run
   * (an earlier abort listener may emit, or stop the event's propagation): DOM's abort steps
   * remove signal-bound listeners before any abort listener runs.
   */
  function admit(subscription: Subscription): boolean {
    // An ended subscription is never asked: it left a hole, which no emit calls.
    if (subscription.signal?.aborted) {
      abortAll(subscription.signal)
      return false
    }
    if (subscription.once) end(subscription)
    return true
  }

  /** What the emit loop calls: the handler itself when nothing has to be checked first. */
  function callOf(subscription: Subscription): Call {
    const handler = subscription.handler as (...args: unknown[]) => unknown
    if (!subscription.once && subscription.signal === undefined) return handler
    // Passes on exactly the arguments it gets: `(payload)`, or `(type, payload)` for onAny.
    return ((...args: unknown[]) => (admit(subscription) ? handler(...args) : undefined)) as Call
  }

  function subscribe(
    method: string,
    type: string | undefined,
    handler: Call,
    once: boolean,
    subscribeOptions: SubscribeOptions | undefined,
    aborted?: (reason: unknown) => void,
  ): () => void {
    checkHandler(method, handler)
    checkOptions(method, subscribeOptions)
    const signal = subscribeOptions?.signal
    if (signal?.aborted) return noop

    let list = anyList
    if (type !== undefined) list = lists[type] ??= createList(type, undefined)
    const subscription: Subscription = {
      handler,
      label: subscribeOptions?.label,
      once,
      signal,
      aborted,
      list,
      index: list.calls.length,
    }
    list.calls.push(callOf(subscription))
    list.subscriptions.push(subscription)
    list.live++
    total++
    if (signal !== undefined) {
      let group = signals.get(signal)
      if (group === undefined) {
        group = { subscriptions: new Set(), onAbort: () => abortAll(signal) }
        signals.set(signal, group)
        // One listener per signal, however many subscriptions share it: removing N listeners
        // from a signal is O(N²) in EventTarget, and Node warns past 10 listeners. abortAll()
        // removes it.
        signal.addEventListener('abort', group.onAbort)
      }
      group.subscriptions.add(subscription)
    }
    return () => end(subscription)
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

  /** Rule 7 of the contract: an async handler's rejection is that handler's error. */
  function settle(result: PromiseLike<unknown>, type: string, payload: unknown): void {
    result.then(undefined, (error: unknown) => report(error, type, payload))
  }

  function depthError(type: string): RangeError {
    return new RangeError(
      `busway: emit("${type}") would nest deeper than maxDepth (${maxDepth}); ` +
        `chain: ${[...chain.slice(0, depth), type].join(' → ')}`,
    )
  }

  /**
   * Calls the first `length` entries of `list` (what it held when the emit started), in order,
   * each in its own try/catch. Kept apart from `emit` so that `emit` stays small enough for the
   * JIT to inline into its callers. Handlers are called as plain functions, so `this` is
   * undefined in them (rule 8).
   */
  function deliver(
    list: SubscriptionList,
    length: number,
    type: string,
    payload: unknown,
    observer: DispatchObserver | undefined,
  ): void {
    chain[depth++] = type
    list.dispatching++
    try {
      if (observer !== undefined) return deliverTraced(list, length, type, payload, observer)
      const calls = list.calls as ((first: unknown, second?: unknown) => unknown)[]
      if (list.type === undefined) {
        for (let index = 0; index < length; index++) {
          const call = calls[index]!
          try {
            const result = call(type, payload)
            if (result !== undefined && isThenable(result)) settle(result, type, payload)
          } catch (error) {
            report(error, type, payload)
          }
        }
      } else {
        for (let index = 0; index < length; index++) {
          const call = calls[index]!
          try {
            const result = call(payload)
            if (result !== undefined && isThenable(result)) settle(result, type, payload)
          } catch (error) {
            report(error, type, payload)
          }
        }
      }
    } finally {
      depth--
      if (--list.dispatching === 0 && list.calls.length !== list.live) tidy(list)
    }
  }

  /** `deliver` for a traced emit: it counts the handlers it really calls, with their labels. */
  function deliverTraced(
    list: SubscriptionList,
    length: number,
    type: string,
    payload: unknown,
    observer: DispatchObserver,
  ): void {
    for (let index = 0; index < length; index++) {
      const subscription = list.subscriptions[index]
      if (subscription === undefined || !admit(subscription)) continue
      const handler = subscription.handler as (first: unknown, second?: unknown) => unknown
      observer.called(subscription.label)
      try {
        const result = list.type === undefined ? handler(type, payload) : handler(payload)
        if (result !== undefined && isThenable(result)) settle(result, type, payload)
      } catch (error) {
        observer.threw(error, subscription.label)
        report(error, type, payload)
      }
    }
  }

  /** Records `payload` as the latest of `type`, then calls the type's and the onAny handlers. */
  function dispatch(type: string, payload: unknown, observer?: DispatchObserver): void {
    let list = lists[type]
    if (list !== undefined) {
      list.latest = payload
      if (list.live === 0) {
        // Rule 5: nothing is kept of a type nobody listens to but a latest payload it has.
        if (payload === undefined) delete lists[type]
        list = undefined
      }
    } else if (payload !== undefined) {
      lists[type] = createList(type, payload)
    }
    const any = anyList
    if (any.live === 0) {
      if (list !== undefined) deliver(list, list.calls.length, type, payload, observer)
      return
    }
    // The onAny snapshot is taken now, and kept while the type's handlers run.
    const anyLength = any.calls.length
    any.dispatching++
    try {
      if (list !== undefined) deliver(list, list.calls.length, type, payload, observer)
    } finally {
      any.dispatching--
    }
    deliver(any, anyLength, type, payload, observer)
  }

  // `inspect` replaces `dispatch` here with a traced one while it has inspectors.
  const internals: BusInternals = { dispatch, lists: () => lists }

  const bus: EventBus<E> & { [INTERNALS]: BusInternals } = {
    on(type, handler, subscribeOptions) {
      checkType('on', type)
      return subscribe('on', type, handler as Call, false, subscribeOptions)
    },

    once(type, handler, subscribeOptions) {
      checkType('once', type)
      return subscribe('once', type, handler as Call, true, subscribeOptions)
    },

    off(type, handler) {
      checkType('off', type)
      checkHandler('off', handler)
      const list = lists[type]
      if (list === undefined) return
      for (const subscription of [...list.subscriptions]) {
        if (subscription?.handler === handler) end(subscription)
      }
    },

    onAny: (
      handler: AnyEventHandler<E> | ((type: EventType<E>) => void),
      subscribeOptions?: SubscribeOptions,
    ) => subscribe('onAny', undefined, handler as Call, false, subscribeOptions),

    emit(type: string, payload?: unknown) {
      if (typeof type !== 'string') checkType('emit', type)
      if (depth >= maxDepth) throw depthError(type)
      if (schemas !== undefined) payload = validate(schemas, type, payload, report)
      internals.dispatch(type, payload)
      // Bridges send an event after its local handlers ran (busway/bridge sets this).
      internals.forward?.(type, payload)
    },

    waitFor(type, waitOptions) {
      checkType('waitFor', type)
      checkOptions('waitFor', waitOptions)
      const filter = waitOptions?.filter
      if (filter !== undefined) checkHandler('waitFor', filter, 'options.filter')
      const signal = waitOptions?.signal
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const unsubscribe = subscribe(
          'waitFor',
          type,
          ((payload: never) => {
            try {
              if (filter !== undefined && filter(payload) !== true) return
            } catch (error) {
              unsubscribe()
              return reject(error)
            }
            // Ended before the promise resolves, as `once`.
            unsubscribe()
            resolve(payload)
          }) as Call,
          false,
          waitOptions,
          reject,
        )
      })
    },

    latest(type) {
      checkType('latest', type)
      return lists[type]?.latest as never
    },

    listenerCount(type?: string) {
      if (type === undefined) return total
      checkType('listenerCount', type)
      return lists[type]?.live ?? 0
    },

    clear() {
      const ended = [anyList]
      for (const type in lists) ended.push(lists[type]!)
      // New containers, so emits still walking the old lists are not disturbed; every old
      // subscription ends, leaving holes those emits skip.
      lists = createDictionary()
      anyList = createList(undefined, undefined)
      for (const list of ended) {
        // A copy: ending subscriptions compacts the list.
        for (const subscription of [...list.subscriptions]) if (subscription) end(subscription)
      }
    },

    [INTERNALS]: internals,
  }
  return bus
}
