import type { EventBus } from '../core'
import { useBusFrom, type BusContext } from './context'

export function createUseEmit<E>(context: BusContext<E>) {
  return function useEmit(): EventBus<E>['emit'] {
    // `emit` is a closure owned by the bus, so its identity is stable for as long as the bus is.
    return useBusFrom(context, 'useEmit').emit
  }
}
