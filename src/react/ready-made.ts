'use client'
// The module of the React bindings a Server Component may render from: the ready-made
// EventBusProvider. Bundlers of React Server Components (Next.js App Router) turn a 'use client'
// module imported from the server into a client reference, so the provider renders on the
// client while the server layout that renders it stays a Server Component.
import type { Context } from 'react'
import type { EventBus } from '../core'
import { createUseBus, type BusContext } from './context'
import type { EventHooks } from './create-event-hooks'
import { createEventBusProvider } from './event-bus-provider'
import { sharedBusContext } from './nearest-bus'
import type { RegisteredEvents } from './register'
import { createUseAnyEvent } from './use-any-event'
import { createUseEmit } from './use-emit'
import { createUseEvent } from './use-event'
import { createUseEventState } from './use-event-state'

type Hooks = EventHooks<RegisteredEvents>

// The context is shared on globalThis like the devtools' one, so the ESM and CJS copies of the
// package (a framework may load both) have one provider for one set of hooks. It is made on
// first use, not on import: this module may be loaded where React has no createContext (the
// react-server build of React, which bundlers never run it with, but plain Node may).
let context: Context<EventBus<RegisteredEvents> | null> | undefined
const readyMade: BusContext<RegisteredEvents> = {
  get context() {
    return (context ??= sharedBusContext('ready-made') as Context<EventBus<RegisteredEvents> | null>)
  },
  provider: "busway's <EventBusProvider> (import { EventBusProvider } from 'busway')",
}
// Each export is made by a call marked pure, so a bundle keeps only the ones an app imports.

/**
 * The ready-made provider: makes a bus available to the ready-made hooks of its subtree.
 * Without a `bus` prop it creates one bus for its lifetime (one under StrictMode too); with
 * `bus` it provides that bus. A Server Component may render it (it is a client component).
 * Typed by the event map registered with {@link Register}.
 *
 * @throws {TypeError} when `bus` is given but is not an EventBus.
 *
 * @example
 * ```tsx
 * import { EventBusProvider } from 'busway'
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return <html><body><EventBusProvider>{children}</EventBusProvider></body></html>
 * }
 * ```
 */
export const EventBusProvider: Hooks['EventBusProvider'] = /* @__PURE__ */ createEventBusProvider(readyMade)

/**
 * The bus of the nearest ready-made `EventBusProvider`, for what the other hooks do not cover
 * (`once`, `off`, handing the bus to non-React code). Do not read `latest` or `listenerCount`
 * from it during render: use `useEventState` (a render read does not subscribe, and the React
 * Compiler keeps its first value).
 *
 * @returns the provider's `EventBus`.
 * @throws {Error} outside the ready-made `EventBusProvider`.
 *
 * @example
 * ```tsx
 * import { useEffect } from 'react'
 * import { useBus } from 'busway'
 *
 * function ReadyLog() {
 *   const bus = useBus()
 *   useEffect(() => bus.once('app:ready', () => console.log('ready')), [bus])
 *   return null
 * }
 * ```
 */
export const useBus: Hooks['useBus'] = /* @__PURE__ */ createUseBus(readyMade)

/**
 * Subscribes a component to a bus event of the ready-made provider's bus: `handler` runs once
 * per `emit` of `type` while mounted (and enabled), with the latest committed handler; the same
 * contract as `createEventHooks().useEvent` (options `throwOnError`, `label`, `enabled`).
 *
 * @throws {Error} outside the ready-made `EventBusProvider`.
 * @throws {TypeError} when `type` is not a string, `handler` is not a function, or an option
 *   has the wrong type.
 *
 * @example
 * ```tsx
 * import { useState } from 'react'
 * import { useEvent } from 'busway'
 *
 * function Header() {
 *   const [user, setUser] = useState('guest')
 *   useEvent('user:login', (login) => setUser(String(login)), { label: 'Header' })
 *   return <header>{user}</header>
 * }
 * ```
 */
export const useEvent: Hooks['useEvent'] = /* @__PURE__ */ createUseEvent(readyMade)

/**
 * Subscribes a component to every event of the ready-made provider's bus, as `bus.onAny`
 * does: `handler(type, payload)`, where checking `type` narrows `payload`; the same rules and
 * options as `useEvent`.
 *
 * @throws {Error} outside the ready-made `EventBusProvider`.
 * @throws {TypeError} when `handler` is not a function or an option has the wrong type.
 *
 * @example
 * ```tsx
 * import { useState } from 'react'
 * import { useAnyEvent } from 'busway'
 *
 * function EventCounter({ paused }: { paused: boolean }) {
 *   const [count, setCount] = useState(0)
 *   useAnyEvent(() => setCount((n) => n + 1), { enabled: !paused })
 *   return <output>{count}</output>
 * }
 * ```
 */
export const useAnyEvent: Hooks['useAnyEvent'] = /* @__PURE__ */ createUseAnyEvent(readyMade)

/**
 * The ready-made provider's `emit`, stable across renders.
 *
 * @returns `bus.emit` of the provider's bus.
 * @throws {Error} outside the ready-made `EventBusProvider`.
 *
 * @example
 * ```tsx
 * import { useEmit } from 'busway'
 *
 * function LoginButton() {
 *   const emit = useEmit()
 *   return <button onClick={() => emit('user:login', { userId: 'u-1' })}>Log in</button>
 * }
 * ```
 */
export const useEmit: Hooks['useEmit'] = /* @__PURE__ */ createUseEmit(readyMade)

/**
 * The latest payload of `type` on the ready-made provider's bus, or `initial` while there is
 * none; re-renders on each new payload of that type. Reads through `useSyncExternalStore`, and
 * returns `initial` in server rendering and hydration.
 *
 * @throws {Error} outside the ready-made `EventBusProvider`.
 * @throws {TypeError} when `type` is not a string.
 *
 * @example
 * ```tsx
 * import { useEventState } from 'busway'
 *
 * function Status() {
 *   return <p>{String(useEventState('status', 'idle'))}</p>
 * }
 * ```
 */
export const useEventState: Hooks['useEventState'] = /* @__PURE__ */ createUseEventState(readyMade)
