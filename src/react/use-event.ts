import { useDebugValue, useEffect, useInsertionEffect, useRef, useState } from 'react'
import type { EventBus, EventHandler, EventType } from '../core'
import { badInput, checkType, reportUncaught } from '../core/report'
import { useBusFrom, type BusContext } from './context'

/**
 * Options of `useEvent`.
 *
 * @example
 * ```tsx
 * import { createEventHooks, type UseEventOptions } from 'busway'
 *
 * const { useEvent } = createEventHooks<{ 'data:update': { id: string } }>()
 * const options: UseEventOptions = { throwOnError: true, label: 'Panel' }
 * function Panel() {
 *   useEvent('data:update', ({ id }) => { if (!id) throw new Error('no id') }, options)
 *   return null
 * }
 * ```
 */
export interface UseEventOptions {
  /**
   * When true, an error thrown by the handler is rethrown from the subscribing component's next
   * render, so the nearest React error boundary catches it, instead of going to the bus's
   * `onError` (or `reportError`). Other handlers of the same `emit` still run. Default false.
   */
  throwOnError?: boolean | undefined
  /**
   * A name for this subscriber in traces: `inspect`, `logEvents` and `<EventBusDevtools />` list
   * the labels of the handlers each event called, and name the one that threw. Changing it
   * subscribes again under the new label, which moves this handler to the end of its type's
   * call order, as a new `type` does.
   */
  label?: string | undefined
}

/** Holds a caught error, so that a thrown `undefined` or `null` still counts as one. */
interface CaughtError {
  error: unknown
}

/** What one `useEvent` call keeps across renders: one object, so a re-render allocates little. */
interface Subscriber<P> {
  /** The handler and option of the latest committed render. */
  handler: EventHandler<P>
  throwOnError: boolean
  /** The bus handler, the same for the component's lifetime. */
  deliver: (payload: P) => void
  unsubscribe: (() => void) | null
  /** An error caught for the error boundary that no render has thrown yet. */
  unthrown: CaughtError | null
  /**
   * Set by the passive cleanup and cleared by the passive effect: the component is in a hidden
   * <Activity>, unmounted, or between StrictMode's simulated unmount and remount.
   */
  hidden: boolean
}

function createSubscriber<P>(
  handler: EventHandler<P>,
  setCaught: (caught: CaughtError) => void,
): Subscriber<P> {
  const subscriber: Subscriber<P> = {
    handler,
    throwOnError: false,
    // Reads the latest handler and option from the subscriber, so a new handler never needs a
    // new subscription.
    deliver(payload) {
      if (!subscriber.throwOnError) return subscriber.handler(payload)
      try {
        subscriber.handler(payload)
      } catch (error) {
        // One error at a time waits for the boundary; the bus reports the others (core rule 4).
        if (subscriber.unthrown !== null) throw error
        subscriber.unthrown = { error }
        setCaught(subscriber.unthrown)
      }
    },
    unsubscribe: null,
    unthrown: null,
    hidden: false,
  }
  return subscriber
}

function subscribe<E, K extends EventType<E>>(
  bus: EventBus<E>,
  type: K,
  subscriber: Subscriber<E[K]>,
  label: string | undefined,
): () => void {
  return bus.on(type, subscriber.deliver, label === undefined ? undefined : { label })
}

export function createUseEvent<E>(context: BusContext<E>) {
  return function useEvent<K extends EventType<E>>(
    type: K,
    handler: EventHandler<E[K]>,
    options?: UseEventOptions,
  ): void {
    const bus = useBusFrom(context, 'useEvent')
    checkType('useEvent', type)
    if (typeof handler !== 'function') throw badInput('useEvent', 'handler', 'a function', handler)
    const throwOnError = options?.throwOnError === true
    const label = options?.label
    if (label !== undefined && typeof label !== 'string') {
      throw badInput('useEvent', 'options.label', 'a string', label)
    }
    const [caught, setCaught] = useState<CaughtError | null>(null)
    const ref = useRef<Subscriber<E[K]> | null>(null)
    const subscriber = (ref.current ??= createSubscriber(handler, setCaught))
    useDebugValue(type)

    // Insertion effects run first in a commit, before layout and passive effects: the handler
    // is current, and the subscription live, before any useEffect of the same commit can emit.
    // They are also no-ops (with no warning) in server rendering on React 18 and 19.
    useInsertionEffect(() => {
      subscriber.handler = handler
      subscriber.throwOnError = throwOnError
    })
    useInsertionEffect(() => {
      // A hidden <Activity> whose props change re-runs insertion effects only; the passive
      // effect subscribes when it is shown again.
      if (!subscriber.hidden) subscriber.unsubscribe = subscribe(bus, type, subscriber, label)
      return () => {
        subscriber.unsubscribe?.()
        subscriber.unsubscribe = null
      }
    }, [bus, type, subscriber, label])

    // A backstop: React 18 skips insertion-effect cleanups in a subtree that a Suspense boundary
    // hid and then deleted (facebook/react#26670), and React 19 keeps insertion effects of a
    // hidden <Activity>. Passive cleanups do run then, so they end the subscription too, a
    // microtask later: StrictMode's simulated unmount runs the same cleanup and at once runs the
    // effect again, and the subscription must survive that. A tree shown again subscribes again.
    useEffect(() => {
      subscriber.hidden = false
      subscriber.unsubscribe ??= subscribe(bus, type, subscriber, label)
      return () => {
        subscriber.hidden = true
        queueMicrotask(() => {
          if (!subscriber.hidden) return
          subscriber.unsubscribe?.()
          subscriber.unsubscribe = null
          // Unmounted before the render that would have thrown it: report it, not lose it.
          if (subscriber.unthrown !== null) reportUncaught(subscriber.unthrown.error)
          subscriber.unthrown = null
        })
      }
    }, [bus, type, subscriber, label])

    if (caught !== null) {
      // Writing to the subscriber during render bends React's rules; it only records that this
      // error has now been handed to the boundary, so unmounting does not report it twice.
      subscriber.unthrown = null
      throw caught.error
    }
  }
}
