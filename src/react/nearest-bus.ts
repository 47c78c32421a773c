import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

type NearestBusContext = Context<EventBus<object> | null>

// Every EventBusProvider, whichever createEventHooks() call made it, also provides its bus
// here, so that tools that know no event map (the devtools panel) can find the nearest bus.
// The context lives on globalThis under a Symbol.for key, so the bundles of the package's entry
// points (and its ESM and CJS builds) all share one.
const KEY = Symbol.for('busway.nearest-bus-context')

/** The context every `EventBusProvider` also provides its bus on. */
export function nearestBusContext(): NearestBusContext {
  const registry = globalThis as { [KEY]?: NearestBusContext }
  return (registry[KEY] ??= createContext<EventBus<object> | null>(null))
}

/** The bus of the nearest `EventBusProvider` of any `createEventHooks()` call, or null. */
export function useNearestBus(): EventBus<object> | null {
  return useContext(nearestBusContext())
}
