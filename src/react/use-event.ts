import { useDebugValue, useInsertionEffect, useRef, useState } from 'react'
import type { EventHandler, EventType } from '../core'
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
    if (typeof handler !== 'function') {
      throw new TypeError(`busway: useEvent(type, handler): handler must be a function, got ${typeof handler}`)
    }
    const throwOnError = options?.throwOnError === true
    const latest = useRef({ handler, throwOnError })
    const [caught, setCaught] = useState<CaughtError | null>(null)
    useDebugValue(type)

    // Insertion effects run first in a commit, before layout and passive effects: the handler
    // is current, and the subscription live, before any useEffect of the same commit can emit.
    // They are also no-ops (with no warning) in server rendering on React 18 and 19.
    useInsertionEffect(() => {
      latest.current = { handler, throwOnError }
    })
    useInsertionEffect(
      () =>
        bus.on(type, (payload) => {
          const current = latest.current
          if (!current.throwOnError) {
            current.handler(payload)
            return
          }
          try {
            current.handler(payload)
          } catch (error) {
            setCaught({ error })
          }
        }),
      [bus, type],
    )

    if (caught !== null) throw caught.error
  }
}
