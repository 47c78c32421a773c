import { createContext, useContext, type Context } from 'react'
import type { EventBus } from '../core'

type SharedBusContext = Context<EventBus<object> | null>

// Contexts that every copy of the package must share live on globalThis under a Symbol.for key,
// so the bundles of the package's entry points (and its ESM and CJS builds, which an app may
// load side by side) find the same one; there is one per copy of React, keyed by its
// createContext, as a page may run two apps on two Reacts, and a context works with its own only.
const KEY = Symbol.for('busway.shared-contexts.v2')

/** The context named `name` for this copy of React, made on first use. */
export function sharedBusContext(name: 'nearest' | 'ready-made'): SharedBusContext {
  const registry = globalThis as { [KEY]?: WeakMap<object, Map<string, SharedBusContext>> }
  const byReact = (registry[KEY] ??= new WeakMap())
  let contexts = byReact.get(createContext)
  if (contexts === undefined) byReact.set(createContext, (contexts = new Map()))
  let context = contexts.get(name)
  if (context === undefined) {
    context = createContext<EventBus<object> | null>(null)
    context.displayName = name === 'nearest' ? 'NearestEventBusContext' : 'EventBusContext'
    contexts.set(name, context)
  }
  return context
}

/**
 * The context every `EventBusProvider`, whichever `createEventHooks()` call made it, also
 * provides its bus on, so that tools that know no event map (the devtools panel) find the
 * nearest bus.
 */
export function nearestBusContext(): SharedBusContext {
  return sharedBusContext('nearest')
}

/** The bus of the nearest `EventBusProvider` of any `createEventHooks()` call, or null. */
export function useNearestBus(): EventBus<object> | null {
  return useContext(nearestBusContext())
}
