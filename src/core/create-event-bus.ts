import type {
  AnyEventHandler,
  EventBus,
  EventBusOptions,
  EventHandler,
  EventType,
  HandlerErrorContext,
  SubscribeOptions,
} from './types'

/** One subscription. `active` turns false exactly once, when it ends in any way. */
interface Subscription {
  handler: (first: never, second: never) => void
  once: boolean
  active: boolean
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
}

const DEFAULT_MAX_DEPTH = 100

const noop = (): void => {}

/** Reports an error the way DOM `EventTarget` reports a listener's exception. */
function reportUncaught(error: unknown): void {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error)
  } else {
    setTimeout(() => {
      throw error
    })
  }
}

function assertType(method: string, type: unknown): void {
  if (typeof type !== 'string') {
    throw new TypeError(`busway: ${method}(type, …): type must be a string, got ${describe(type)}`)
  }
}

function assertHandler(method: string, handler: unknown, argument = 'handler'): void {
  if (typeof handler !== 'function') {
    throw new TypeError(
      `busway: ${method}(…): ${argument} must be a function, got ${describe(handler)}`,
    )
  }
}

function assertSignal(method: string, options: SubscribeOptions | undefined): void {
  if (options === undefined || options === null) return
  if (typeof options !== 'object') {
    throw new TypeError(`busway: ${method}(…): options must be an object, got ${describe(options)}`)
  }
  const signal: unknown = options.signal
  if (signal === undefined) return
  // Duck-typed rather than `instanceof`, so signals from another realm (an iframe, jsdom,
  // a polyfill) are accepted as DOM addEventListener accepts them.
  const candidate = signal as Partial<AbortSignal> | null
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.aborted !== 'boolean' ||
    typeof candidate.addEventListener !== 'function' ||
    typeof candidate.removeEventListener !== 'function'
  ) {
    throw new TypeError(
      `busway: ${method}(…): options.signal must be an AbortSignal, got ${describe(signal)}`,
    )
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function' || typeof value === 'object') return typeof value
  return String(value)
}

/**
 * Creates a typed event bus: a framework-agnostic dispatcher with no dependencies.
 *
 * `E` is an event map: keys are event names, values are payload types (`void` or `undefined`
 * for events without payload). Dispatch follows DOM `EventTarget`: synchronous, in subscription
 * order, on a snapshot taken when each `emit` starts, with handler errors isolated and reported.
 *
 * @param options - `onError` receives handler errors (default: `reportError`, as DOM
 *   `EventTarget`); `maxDepth` bounds nested emits (default 100).
 * @returns an {@link EventBus} whose methods are closures, safe to destructure.
 * @throws {TypeError} when `options` is not an object or `options.onError` is not a function.
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
 */
export function createEventBus<E extends object = Record<string, unknown>>(
  options?: EventBusOptions<E>,
): EventBus<E> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`busway: createEventBus(options): options must be an object, got ${describe(options)}`)
  }
  const onError = options?.onError
  if (onError !== undefined) assertHandler('createEventBus', onError, 'options.onError')
  const maxDepth = options?.maxDepth === undefined ? DEFAULT_MAX_DEPTH : options.maxDepth
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(
      `busway: createEventBus(options): options.maxDepth must be a positive integer, got ${describe(maxDepth)}`,
    )
  }

  // Subscription lists are copy-on-write: never mutated once built, so the array an `emit`
  // starts with is its snapshot, at no cost per emit.
  let byType = new Map<string, Subscription[]>()
  let anyList: Subscription[] = []
  let total = 0
  const latestPayloads = new Map<string, unknown>()
  // The types of the emits in progress, outermost first; `depth` is how many there are.
  const chain: string[] = []
  let depth = 0

  function release(subscription: Subscription): void {
    subscription.active = false
    total--
    if (subscription.onAbort !== undefined) {
      subscription.signal?.removeEventListener('abort', subscription.onAbort)
      subscription.onAbort = undefined
      subscription.signal = undefined
    }
  }

  function end(type: string | undefined, subscription: Subscription): void {
    if (!subscription.active) return
    release(subscription)
    if (type === undefined) {
      anyList = anyList.filter((other) => other !== subscription)
      return
    }
    const list = byType.get(type)
    if (list === undefined) return
    if (list.length === 1) byType.delete(type)
    else byType.set(type, list.filter((other) => other !== subscription))
  }

  function subscribe(
    method: string,
    type: string | undefined,
    handler: Subscription['handler'],
    once: boolean,
    subscribeOptions: SubscribeOptions | undefined,
  ): () => void {
    assertHandler(method, handler)
    assertSignal(method, subscribeOptions)
    const signal = subscribeOptions?.signal
    if (signal?.aborted) return noop

    const subscription: Subscription = {
      handler,
      once,
      active: true,
      signal: undefined,
      onAbort: undefined,
    }
    if (type === undefined) {
      anyList = [...anyList, subscription]
    } else {
      const list = byType.get(type)
      byType.set(type, list === undefined ? [subscription] : [...list, subscription])
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
    if (onError === undefined) {
      reportUncaught(error)
      return
    }
    try {
      onError(error, { type, payload } as HandlerErrorContext<E>)
    } catch (onErrorFailure) {
      reportUncaught(onErrorFailure)
    }
  }

  const bus: EventBus<E> = {
    on(type, handler, subscribeOptions) {
      assertType('on', type)
      return subscribe('on', type, handler, false, subscribeOptions)
    },

    once(type, handler, subscribeOptions) {
      assertType('once', type)
      return subscribe('once', type, handler, true, subscribeOptions)
    },

    off(type, handler) {
      assertType('off', type)
      assertHandler('off', handler)
      const list = byType.get(type)
      if (list === undefined) return
      for (const subscription of list) {
        if (subscription.handler === handler) end(type, subscription)
      }
    },

    onAny(
      handler: AnyEventHandler<E> | ((type: EventType<E>) => void),
      subscribeOptions?: SubscribeOptions,
    ) {
      return subscribe('onAny', undefined, handler, false, subscribeOptions)
    },

    emit(type: string, payload?: unknown) {
      assertType('emit', type)
      if (depth >= maxDepth) {
        throw new RangeError(
          `busway: emit("${type}") would nest deeper than maxDepth (${maxDepth}); ` +
            `chain: ${[...chain.slice(0, depth), type].join(' → ')}`,
        )
      }
      latestPayloads.set(type, payload)
      const list = byType.get(type)
      const anySnapshot = anyList
      chain[depth++] = type
      try {
        if (list !== undefined) {
          for (let index = 0; index < list.length; index++) {
            const subscription = list[index]!
            if (!subscription.active) continue
            if (subscription.once) end(type, subscription)
            try {
              ;(subscription.handler as EventHandler<unknown>)(payload)
            } catch (error) {
              report(error, type, payload)
            }
          }
        }
        for (let index = 0; index < anySnapshot.length; index++) {
          const subscription = anySnapshot[index]!
          if (!subscription.active) continue
          try {
            ;(subscription.handler as (type: string, payload: unknown) => void)(type, payload)
          } catch (error) {
            report(error, type, payload)
          }
        }
      } finally {
        depth--
      }
    },

    latest(type) {
      return latestPayloads.get(type) as never
    },

    listenerCount(type?: string) {
      if (type === undefined) return total
      assertType('listenerCount', type)
      return byType.get(type)?.length ?? 0
    },

    clear() {
      for (const list of byType.values()) list.forEach(release)
      anyList.forEach(release)
      byType = new Map()
      anyList = []
      latestPayloads.clear()
    },
  }
  return bus
}

