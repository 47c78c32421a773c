import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

type NearestBusContext = Context<EventBus<object> | null>

// Every EventBusProvider, whichever createEventHooks() call made it, also provides its bus
// here, so that tools that know no event map (the devtools panel) can find the nearest bus.
// The contexts live on globalThis under a Symbol.for key, so the bundles of the package's entry
// points (and its ESM and CJS builds) share them; there is one per copy of React, keyed by its
// createContext, as a page may run two apps on two Reacts, and a context works with its own only.
const KEY = Symbol.for('busway.nearest-bus-contexts.v1')

/** The context every `EventBusProvider` also provides its bus on. */
export function nearestBusContext(): NearestBusContext {
  const registry = globalThis as { [KEY]?: WeakMap<object, NearestBusContext> }
  const contexts = (registry[KEY] ??= new WeakMap())
  if (!contexts.has(createContext)) contexts.set(createContext, createContext<EventBus<object> | null>(null))
  return contexts.get(createContext)!
}

/** The bus of the nearest `EventBusProvider` of any `createEventHooks()` call, or null. */
export function useNearestBus(): EventBus<object> | null {
  return useContext(nearestBusContext())
}
