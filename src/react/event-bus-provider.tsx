import { useRef, type ReactNode } from 'react'
import { createEventBus, type EventBus } from '../core'
import { badInput } from '../core/report'
import type { BusContext } from './context'
import { nearestBusContext } from './nearest-bus'

/**
 * Props of `EventBusProvider`.
 *
 * @example
 * ```tsx
 * import { createEventBus } from 'busway/core'
 * import { createEventHooks, type EventBusProviderProps } from 'busway'
 *
 * interface AppEvents { 'app:ready': void }
 * const { EventBusProvider } = createEventHooks<AppEvents>()
 * const props: EventBusProviderProps<AppEvents> = { bus: createEventBus<AppEvents>(), children: null }
 * ```
 */
export interface EventBusProviderProps<E> {
  /**
   * A bus made elsewhere with `createEventBus`, for example one that non-React code also
   * uses. Without it, the provider creates one bus and keeps it for its lifetime.
   */
  bus?: EventBus<E> | undefined
  /** The subtree that sees this bus. */
  children?: ReactNode
}

export function createEventBusProvider<E extends object>(busContext: BusContext<E>) {
  return function EventBusProvider({ bus, children }: EventBusProviderProps<E>) {
    if (bus !== undefined && (bus === null || typeof bus !== 'object' || typeof bus.on !== 'function')) {
      throw badInput('EventBusProvider', 'the bus prop', 'an EventBus made by createEventBus()', bus)
    }
    // A ref, not useState's initializer, which React 19 calls twice under StrictMode: React 19
    // keeps the ref of the first render pass, so one bus is created. React 18 re-runs a mounting
    // component with fresh hooks in StrictMode, so there a second, never-used bus is created and
    // dropped; every component still sees the same bus for the provider's lifetime.
    const ownBus = useRef<EventBus<E> | null>(null)
    const value = bus ?? (ownBus.current ??= createEventBus<E>())
    const Nearest = nearestBusContext()
    const Context = busContext.context
    return (
      <Context.Provider value={value}>
        <Nearest.Provider value={value as EventBus<object>}>{children}</Nearest.Provider>
      </Context.Provider>
    )
  }
}
