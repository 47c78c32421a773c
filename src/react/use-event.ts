import { useDebugValue, useInsertionEffect, useRef, useState } from 'react'
import type { EventHandler, EventType } from '../core'
import { badInput, checkType, reportUncaught } from '../core/report'
import { useBusFrom, type BusContext } from './context'
import { useAttachment } from './use-attachment'

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
   * the labels of the handlers each event called, and name the one that threw. It is read when
   * the hook subscribes: a new label alone does not resubscribe (the hook resubscribes only when
   * `type` or the bus changes), it names the subscription made at the next such change.
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
  /** The label of the latest committed render, read when the hook subscribes. */
  label: string | undefined
  /** An error caught for the error boundary that no render has thrown yet. */
  unthrown: CaughtError | null
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
    label: undefined,
    unthrown: null,
  }
  return subscriber
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

    // An insertion effect, before useAttachment's: the handler, option and label are current
    // before the subscription is made, and before any useEffect of the same commit can emit.
    useInsertionEffect(() => {
      subscriber.handler = handler
      subscriber.throwOnError = throwOnError
      subscriber.label = label
    })
    useAttachment(
      () => bus.on(type, subscriber.deliver, { label: subscriber.label }),
      [bus, type, subscriber],
      () => {
        // Unmounted before the render that would have thrown it: report it, not lose it.
        if (subscriber.unthrown !== null) reportUncaught(subscriber.unthrown.error)
        subscriber.unthrown = null
      },
    )

    if (caught !== null) {
      // Writing to the subscriber during render bends React's rules; it only records that this
      // error has now been handed to the boundary, so unmounting does not report it twice.
      subscriber.unthrown = null
      throw caught.error
    }
  }
}
