import { useCallback, useDebugValue, useRef, useSyncExternalStore } from 'react'
import type { EventType } from '../core'
import { useBusFrom, type BusContext } from './context'

/** `useEventState`'s call signatures: without `initial` the result may be `undefined`. */
export interface UseEventState<E> {
  <K extends EventType<E>>(type: K): E[K] | undefined
  <K extends EventType<E>>(type: K, initial: E[K]): E[K]
}

export function createUseEventState<E>(context: BusContext<E>): UseEventState<E> {
  function useEventState<K extends EventType<E>>(type: K, initial?: E[K]): E[K] | undefined {
    const bus = useBusFrom(context, 'useEventState')
    // Read once, like useState's initial value, so an inline object does not make every
    // snapshot new (useSyncExternalStore requires a stable snapshot between changes).
    const initialRef = useRef(initial)
    const subscribe = useCallback((onChange: () => void) => bus.on(type, onChange), [bus, type])
    const getSnapshot = () => {
      const payload = bus.latest(type)
      return payload === undefined ? initialRef.current : payload
    }
    const getServerSnapshot = () => initialRef.current
    const value = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
    useDebugValue(type)
    return value
  }
  // One implementation serves both overloads: `initial` is only absent in the one that
  // admits `undefined`.
  return useEventState as UseEventState<E>
}
