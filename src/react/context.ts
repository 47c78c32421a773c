import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

/** The context a `createEventHooks()` call shares between its provider and its hooks. */
export type BusContext<E> = Context<EventBus<E> | null>

export function createBusContext<E>(): BusContext<E> {
  const context = createContext<EventBus<E> | null>(null)
  context.displayName = 'EventBusContext'
  return context
}

/** Reads the provider's bus; `hook` names the public hook in the error thrown outside one. */
export function useBusFrom<E>(context: BusContext<E>, hook: string): EventBus<E> {
  const bus = useContext(context)
  if (bus === null) {
    throw new Error(
      `busway: ${hook}() must be called inside an <EventBusProvider> made by the same ` +
        `createEventHooks() call. Wrap the component tree in that <EventBusProvider>.`,
    )
  }
  return bus
}
