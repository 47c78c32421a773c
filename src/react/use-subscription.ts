import { useDebugValue, useInsertionEffect, useRef, useState } from 'react'
import type { EventBus } from '../core'
import { badInput, reportUncaught } from '../core/report'
import { useAttachment } from './use-attachment'

/**
 * Options of `useEvent` and `useAnyEvent`.
 *
 * @example
 * ```tsx
 * import { useEvent, type UseEventOptions } from 'busway'
 *
 * function Panel({ live }: { live: boolean }) {
 *   const options: UseEventOptions = { throwOnError: true, label: 'Panel', enabled: live }
 *   useEvent('data:update', (update) => { if (!update) throw new Error('no update') }, options)
 *   return null
 * }
 * ```
 */
export interface UseEventOptions {
  /**
   * When true, an error thrown by the handler, or the rejection of a promise (thenable) it
   * returns, is rethrown from the subscribing component's next render, so the nearest React
   * error boundary catches it, instead of going to the bus's `onError` (or `reportError`).
   * Other handlers of the same `emit` still run. Default false.
   */
  throwOnError?: boolean | undefined
  /**
   * A name for this subscriber in traces: `inspect`, `logEvents` and `<EventBusDevtools />` list
   * the labels of the handlers each event called, and name the one that threw. It is read when
   * the hook subscribes: a new label alone does not resubscribe (the hook resubscribes only when
   * `type`, the bus or `enabled` changes), it names the subscription made at the next such change.
   */
  label?: string | undefined
  /**
   * Whether the hook subscribes. Default true. While false it holds no subscription and the
   * handler is never called; turning it on or off subscribes or unsubscribes without
   * remounting the component (as TanStack Query's `enabled`).
   */
  enabled?: boolean | undefined
}

/** Holds a caught error, so that a thrown `undefined` or `null` still counts as one. */
interface CaughtError {
  error: unknown
}

type Handler = (first: never, second: never) => unknown

/** What one hook call keeps across renders: one object, so a re-render allocates little. */
interface Subscriber {
  /** The handler and option of the latest committed render. */
  handler: Handler
  throwOnError: boolean
  /** The bus handler, the same for the component's lifetime. */
  deliver: (first: unknown, second?: unknown) => unknown
  /** The label of the latest committed render, read when the hook subscribes. */
  label: string | undefined
  /** Whether a subscription is live: an error caught while none is goes to the bus. */
  attached: boolean
  /** An error caught for the error boundary that no render has thrown yet. */
  unthrown: CaughtError | null
  /** Hands `error` to the error boundary; false when it cannot take it (the bus reports it). */
  catch: (error: unknown) => boolean
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

function createSubscriber(handler: Handler, setCaught: (caught: CaughtError) => void): Subscriber {
  const subscriber: Subscriber = {
    handler,
    throwOnError: false,
    // Reads the latest handler and option from the subscriber, so a new handler never needs a
    // new subscription. Without throwOnError it returns what the handler returned, so that the
    // bus handles a returned promise as it does for any handler (core rule 7).
    deliver(first, second?) {
      const call = subscriber.handler as (first: unknown, second: unknown) => unknown
      if (!subscriber.throwOnError) return call(first, second)
      let result: unknown
      try {
        result = call(first, second)
      } catch (error) {
        if (!subscriber.catch(error)) throw error
        return undefined
      }
      if (!isThenable(result)) return undefined
      // The rejection goes to the boundary; the bus gets back a promise that rejects only with
      // what the boundary could not take, and reports that like any handler error.
      return Promise.resolve(result).then(undefined, (error: unknown) => {
        if (!subscriber.catch(error)) throw error
      })
    },
    label: undefined,
    attached: false,
    unthrown: null,
    catch(error) {
      // One error at a time waits for the boundary; the bus reports the others (core rule 4),
      // and those caught once the component no longer listens.
      if (subscriber.unthrown !== null || !subscriber.attached) return false
      subscriber.unthrown = { error }
      setCaught(subscriber.unthrown)
      return true
    },
  }
  return subscriber
}

/**
 * The subscription behind `useEvent` and `useAnyEvent`: checks the options, keeps the latest
 * handler, subscribes while mounted, shown and enabled, and hands errors to the error boundary
 * with `throwOnError`.
 *
 * @param hook - the public hook's name, for errors.
 * @param type - the event type to subscribe to, or `null` for every event (`onAny`): a change
 *   resubscribes.
 */
export function useSubscription(
  hook: string,
  bus: EventBus<never>,
  type: string | null,
  handler: Handler,
  options: UseEventOptions | undefined,
): void {
  if (typeof handler !== 'function') throw badInput(hook, 'handler', 'a function', handler)
  const throwOnError = options?.throwOnError === true
  const label = options?.label
  if (label !== undefined && typeof label !== 'string') throw badInput(hook, 'options.label', 'a string', label)
  const enabled = options?.enabled ?? true
  if (typeof enabled !== 'boolean') throw badInput(hook, 'options.enabled', 'a boolean', enabled)
  const [caught, setCaught] = useState<CaughtError | null>(null)
  const ref = useRef<Subscriber | null>(null)
  const subscriber = (ref.current ??= createSubscriber(handler, setCaught))
  useDebugValue(type ?? '*')

  // An insertion effect, before useAttachment's: the handler, option and label are current
  // before the subscription is made, and before any effect of the same commit can emit. Only
  // when one of them changed: a stable handler (a state setter) costs a re-render nothing here.
  useInsertionEffect(() => {
    subscriber.handler = handler
    subscriber.throwOnError = throwOnError
    subscriber.label = label
  }, [handler, throwOnError, label])
  useAttachment(() => {
    if (!enabled) return noop
    const options = { label: subscriber.label }
    const unsubscribe =
      type === null ? bus.onAny(subscriber.deliver as never, options) : bus.on(type as never, subscriber.deliver, options)
    subscriber.attached = true
    return () => {
      subscriber.attached = false
      unsubscribe()
      // Unmounted (or hidden) before the render that would have thrown it: report it rather
      // than lose it. A microtask later, so that a resubscription (StrictMode's simulated
      // unmount, a new type) keeps it for the boundary.
      if (subscriber.unthrown !== null) {
        queueMicrotask(() => {
          if (subscriber.attached || subscriber.unthrown === null) return
          reportUncaught(subscriber.unthrown.error)
          subscriber.unthrown = null
        })
      }
    }
    // `subscriber` lasts as long as the component.
  }, [bus, type, enabled])

  if (caught !== null) {
    // Writing to the subscriber during render bends React's rules; it only records that this
    // error has now been handed to the boundary, so unmounting does not report it twice.
    subscriber.unthrown = null
    throw caught.error
  }
}

function noop(): void {}
