import type { EventHandler, EventType } from '../core'
import { checkType } from '../core/report'
import { useBusFrom, type BusContext } from './context'
import { useSubscription, type UseEventOptions } from './use-subscription'

export function createUseEvent<E>(context: BusContext<E>) {
  return function useEvent<K extends EventType<E>>(
    type: K,
    handler: EventHandler<E[K]>,
    options?: UseEventOptions,
  ): void {
    const bus = useBusFrom(context, 'useEvent')
    checkType('useEvent', type)
    useSubscription('useEvent', bus as never, type, handler, options)
  }
}
