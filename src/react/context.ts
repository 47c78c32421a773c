import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

/**
 * What an `EventBusProvider` gives the hooks under it: its bus, and a way to have them all
 * render again. A hook with `throwOnError` uses it to rethrow a caught error from its
 * component's next render, so no hook needs a state of its own for that: a state hook costs
 * every render of every subscribed component, and errors are rare.
 */
export interface ProvidedBus<E> {
  bus: EventBus<E>
  /**
   * Renders every hook under the provider again (the provider's value becomes a new object).
   * Any of these functions a provider gave works for its whole lifetime.
   */
  renderHooks: () => void
}

/**
 * The context the provider and hooks of one `createEventHooks()` call share, with the words
 * their errors use for that provider.
 */
export interface BusContext<E> {
  context: Context<ProvidedBus<E> | null>
  /** Which `EventBusProvider` the hooks need, for the error thrown outside one. */
  provider: string
}

export function createBusContext<E>(): BusContext<E> {
  const context = createContext<ProvidedBus<E> | null>(null)
  context.displayName = 'EventBusContext'
  return { context, provider: 'an <EventBusProvider> made by the same createEventHooks() call' }
}

/** Reads what the provider gives; `hook` names the public hook in the error thrown outside one. */
export function useProvidedBus<E>(bus: BusContext<E>, hook: string): ProvidedBus<E> {
  const value = useContext(bus.context)
  if (value === null) {
    throw new Error(
      `busway: ${hook}() must be called inside ${bus.provider}. Wrap the component tree in that <EventBusProvider>.`,
    )
  }
  return value
}

/** Reads the provider's bus; `hook` names the public hook in the error thrown outside one. */
export function useBusFrom<E>(bus: BusContext<E>, hook: string): EventBus<E> {
  return useProvidedBus(bus, hook).bus
}

export function createUseBus<E>(bus: BusContext<E>) {
  return function useBus(): EventBus<E> {
    return useBusFrom(bus, 'useBus')
  }
}
