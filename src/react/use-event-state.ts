import { useCallback, useDebugValue, useMemo, useSyncExternalStore } from 'react'
import type { EventType } from '../core'
import { checkType } from '../core/report'
import { useBusFrom, type BusContext } from './context'

/**
 * The call signatures of `useEventState`: without `initial` the result may be `undefined`;
 * with it, the result has the payload's type.
 *
 * @example
 * ```tsx
 * import { createEventHooks, type UseEventState } from 'busway'
 *
 * interface AppEvents { 'theme:change': 'light' | 'dark' }
 * const { useEventState } = createEventHooks<AppEvents>()
 * const typed: UseEventState<AppEvents> = useEventState
 * function Theme() {
 *   const theme = useEventState('theme:change', 'light') // 'light' | 'dark', never undefined
 *   return <p>{theme}</p>
 * }
 * ```
 */
export interface UseEventState<E> {
  <K extends EventType<E>>(type: K): E[K] | undefined
  <K extends EventType<E>>(type: K, initial: E[K]): E[K]
}

export function createUseEventState<E>(context: BusContext<E>): UseEventState<E> {
  function useEventState<K extends EventType<E>>(type: K, initial?: E[K]): E[K] | undefined {
    const bus = useBusFrom(context, 'useEventState')
    checkType('useEventState', type)
    // `initial` is read on mount and when `type` changes, like useState's initial value, so an
    // inline object does not make every snapshot new (useSyncExternalStore requires a stable
    // snapshot between changes), yet a new type does not show the old type's initial value.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately keyed by type only
    const initialForType = useMemo(() => initial, [type])
    const subscribe = useCallback((onChange: () => void) => bus.on(type, onChange), [bus, type])
    const getSnapshot = () => {
      const payload = bus.latest(type)
      return payload === undefined ? initialForType : payload
    }
    const getServerSnapshot = () => initialForType
    const value = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
    useDebugValue(type)
    return value
  }
  // One implementation serves both overloads: `initial` is only absent in the one that
  // admits `undefined`.
  return useEventState as UseEventState<E>
}
