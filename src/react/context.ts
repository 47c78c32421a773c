import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

/**
 * The context the provider and hooks of one `createEventHooks()` call share, with the words
 * their errors use for that provider.
 */
export interface BusContext<E> {
  context: Context<EventBus<E> | null>
  /** Which `EventBusProvider` the hooks need, for the error thrown outside one. */
  provider: string
}

export function createBusContext<E>(): BusContext<E> {
  const context = createContext<EventBus<E> | null>(null)
  context.displayName = 'EventBusContext'
  return { context, provider: 'an <EventBusProvider> made by the same createEventHooks() call' }
}

/** Reads the provider's bus; `hook` names the public hook in the error thrown outside one. */
export function useBusFrom<E>(bus: BusContext<E>, hook: string): EventBus<E> {
  const value = useContext(bus.context)
  if (value === null) {
    throw new Error(
      `busway: ${hook}() must be called inside ${bus.provider}. Wrap the component tree in that <EventBusProvider>.`,
    )
  }
  return value
}

export function createUseBus<E>(bus: BusContext<E>) {
  return function useBus(): EventBus<E> {
    return useBusFrom(bus, 'useBus')
  }
}
