import type { AnyEventHandler, EventType } from '../core'
import { useBusFrom, type BusContext } from './context'
import { useSubscription, type UseEventOptions } from './use-subscription'

/**
 * The call signatures of `useAnyEvent`: a handler of `(type, payload)`, where checking `type`
 * narrows `payload`, or one that reads only `type` (as `bus.onAny` takes).
 *
 * @example
 * ```tsx
 * import { createEventHooks, type UseAnyEvent } from 'busway'
 *
 * interface AppEvents { 'user:login': { userId: string }; 'app:ready': void }
 * const { useAnyEvent } = createEventHooks<AppEvents>()
 * const typed: UseAnyEvent<AppEvents> = useAnyEvent
 * ```
 */
export interface UseAnyEvent<E> {
  (handler: AnyEventHandler<E>, options?: UseEventOptions): void
  // A handler that reads only `type` does not match the rest-of-union-tuples signature above,
  // so it gets an overload of its own (as bus.onAny does).
  (handler: (type: EventType<E>) => void, options?: UseEventOptions): void
}

export function createUseAnyEvent<E>(context: BusContext<E>): UseAnyEvent<E> {
  function useAnyEvent(handler: AnyEventHandler<E>, options?: UseEventOptions): void {
    const bus = useBusFrom(context, 'useAnyEvent')
    useSubscription('useAnyEvent', bus as never, null, handler as never, options)
  }
  // One implementation serves both overloads: the bus calls either handler with (type, payload).
  return useAnyEvent as UseAnyEvent<E>
}
