import { useDebugValue, useEffect, useInsertionEffect, useRef, useState } from 'react'
import type { EventHandler, EventType } from '../core'
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
 * const options: UseEventOptions = { throwOnError: true }
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
}

/** Holds a caught error, so that a thrown `undefined` or `null` still counts as one. */
interface CaughtError {
  error: unknown
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
    const latest = useRef({ handler, throwOnError })
    const [caught, setCaught] = useState<CaughtError | null>(null)
    // An error caught for the error boundary that no render has thrown yet.
    const unthrown = useRef<CaughtError | null>(null)
    const unsubscribe = useRef<(() => void) | null>(null)
    const mounted = useRef(false)
    useDebugValue(type)

    // The bus handler, the same for the component's lifetime: it reads the latest handler and
    // options from a ref, so a new handler never needs a new subscription.
    const [deliver] = useState(() => (payload: E[K]) => {
      const current = latest.current
      if (!current.throwOnError) return current.handler(payload)
      try {
        current.handler(payload)
      } catch (error) {
        // One error at a time waits for the boundary; the bus reports the others (core rule 4).
        if (unthrown.current !== null) throw error
        unthrown.current = { error }
        setCaught(unthrown.current)
      }
    })

    // Insertion effects run first in a commit, before layout and passive effects: the handler
    // is current, and the subscription live, before any useEffect of the same commit can emit.
    // They are also no-ops (with no warning) in server rendering on React 18 and 19.
    useInsertionEffect(() => {
      latest.current = { handler, throwOnError }
    })
    useInsertionEffect(() => {
      unsubscribe.current = bus.on(type, deliver)
      return () => {
        unsubscribe.current?.()
        unsubscribe.current = null
      }
    }, [bus, type, deliver])

    // A backstop: React 18 skips insertion-effect cleanups in a subtree that a Suspense boundary
    // hid and then deleted (facebook/react#26670), and React 19 keeps insertion effects of a
    // hidden <Activity>. Passive cleanups do run then, so they end the subscription too, a
    // microtask later: StrictMode's simulated unmount runs the same cleanup and at once runs the
    // effect again, and the subscription must survive that. A tree shown again subscribes again.
    useEffect(() => {
      mounted.current = true
      unsubscribe.current ??= bus.on(type, deliver)
      return () => {
        mounted.current = false
        queueMicrotask(() => {
          if (mounted.current) return
          unsubscribe.current?.()
          unsubscribe.current = null
          // Unmounted before the render that would have thrown it: report it, not lose it.
          if (unthrown.current !== null) reportUncaught(unthrown.current.error)
          unthrown.current = null
        })
      }
    }, [bus, type, deliver])

    if (caught !== null) {
      // Writing a ref during render bends React's rules; it only records that this error has
      // now been handed to the boundary, so unmounting afterwards does not report it twice.
      unthrown.current = null
      throw caught.error
    }
  }
}
