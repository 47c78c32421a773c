import type { JSX } from 'react'
import type { EventBus, EventHandler, EventType } from '../core'
import { createBusContext, createUseBus } from './context'
import { createEventBusProvider, type EventBusProviderProps } from './event-bus-provider'
import { createUseAnyEvent, type UseAnyEvent } from './use-any-event'
import { createUseEmit } from './use-emit'
import { createUseEvent } from './use-event'
import { createUseEventState, type UseEventState } from './use-event-state'
import type { UseEventOptions } from './use-subscription'

/**
 * The provider and hooks made by one `createEventHooks<E>()` call, typed by the event map `E`.
 * They share a React context of their own: hooks of one call do not see the provider of another.
 *
 * @example
 * ```tsx
 * import { createEventHooks, type EventHooks } from 'busway'
 *
 * interface AppEvents { 'user:login': { userId: string } }
 * export const hooks: EventHooks<AppEvents> = createEventHooks<AppEvents>()
 * ```
 */
export interface EventHooks<E> {
  /**
   * Makes a bus available to its subtree. Without a `bus` prop it creates one bus for its
   * lifetime (a single one under StrictMode too); with `bus` it provides that bus, for example
   * one that non-React code also emits into. A nested provider shadows the outer one.
   *
   * @throws {TypeError} when `bus` is given but is not an EventBus.
   *
   * @example
   * ```tsx
   * import { createEventBus } from 'busway/core'
   * import { createEventHooks } from 'busway'
   *
   * interface AppEvents { 'app:ready': void }
   * const { EventBusProvider } = createEventHooks<AppEvents>()
   * const appBus = createEventBus<AppEvents>()
   * export const App = () => <EventBusProvider bus={appBus}>{null}</EventBusProvider>
   * ```
   */
  EventBusProvider: (props: EventBusProviderProps<E>) => JSX.Element

  /**
   * Returns the bus of the nearest `EventBusProvider`, for calls the other hooks do not cover
   * (`once`, `off`, handing the bus to non-React code).
   *
   * Do not read `bus.latest(…)` or `bus.listenerCount(…)` during render: it is a read, not a
   * subscription, so the component does not re-render when the value changes, and the React
   * Compiler caches values computed from a hook's result until the hook's result (the bus)
   * changes, so it would show the first value for good. Read state through `useEventState`, or
   * `useSyncExternalStore` for other values.
   *
   * @returns the `EventBus` of the nearest provider.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   *
   * @example
   * ```tsx
   * import { useEffect } from 'react'
   * import { createEventHooks } from 'busway'
   *
   * const { useBus } = createEventHooks<{ 'app:ready': void }>()
   * function ReadyLog() {
   *   const bus = useBus()
   *   // once() returns its unsubscribe, so the effect's cleanup ends it
   *   useEffect(() => bus.once('app:ready', () => console.log('ready')), [bus])
   *   return null
   * }
   * ```
   */
  useBus(): EventBus<E>

  /**
   * Subscribes a component to a bus event: `handler` runs once per `emit` of `type` while the
   * component is mounted, and the subscription ends on unmount. (Not React's old `useEvent`
   * proposal, which became `useEffectEvent`.)
   *
   * The handler of the latest committed render is called, without resubscribing when only the
   * handler changed; the hook resubscribes only when `type` or the bus changes. The
   * subscription is live before any `useEffect` of the same commit runs, so an event emitted
   * from a sibling's mount effect is received. Under StrictMode it still runs exactly once per
   * emit. In server rendering it subscribes nothing.
   *
   * @param type - the event name.
   * @param handler - called with the payload.
   * @param options - `throwOnError: true` rethrows the handler's error from this component's
   *   next render, for the nearest error boundary, instead of reporting it through the bus.
   *   `label` names this subscriber in traces (`inspect`, `logEvents`, the devtools panel); it
   *   is read when the hook subscribes. `enabled: false` holds no subscription until it is
   *   true again, without remounting.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   * @throws {TypeError} when `type` is not a string, `handler` is not a function,
   *   `options.label` is not a string or `options.enabled` is not a boolean.
   *
   * @example
   * ```tsx
   * import { useState } from 'react'
   * import { createEventHooks } from 'busway'
   *
   * const { useEvent } = createEventHooks<{ 'user:login': { userId: string } }>()
   * function Header() {
   *   const [user, setUser] = useState('guest')
   *   useEvent('user:login', ({ userId }) => setUser(userId), { label: 'Header' })
   *   return <header>{user}</header>
   * }
   * ```
   */
  useEvent<K extends EventType<E>>(
    type: K,
    handler: EventHandler<E[K]>,
    options?: UseEventOptions,
  ): void

  /**
   * Subscribes a component to every event of the bus, as `bus.onAny` does: `handler` runs with
   * `(type, payload)` once per `emit`, after that type's own handlers, while the component is
   * mounted; checking `type` narrows `payload`. The same rules as `useEvent` hold: the latest
   * committed handler is called without resubscribing, the subscription is live before the
   * commit's effects, exactly once per emit under StrictMode, cleaned up on unmount, nothing in
   * server rendering, and the same options (`throwOnError`, `label`, `enabled`).
   *
   * @param handler - called with the event type and payload of every `emit`.
   * @param options - as `useEvent`'s: `throwOnError`, `label`, `enabled`.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   * @throws {TypeError} when `handler` is not a function, `options.label` is not a string or
   *   `options.enabled` is not a boolean.
   *
   * @example
   * ```tsx
   * import { useState } from 'react'
   * import { createEventHooks } from 'busway'
   *
   * const { useAnyEvent } = createEventHooks<{ 'user:login': { userId: string }; 'app:ready': void }>()
   * function EventCounter({ paused }: { paused: boolean }) {
   *   const [count, setCount] = useState(0)
   *   useAnyEvent((type, payload) => {
   *     if (type === 'user:login') console.log(payload.userId) // payload is { userId: string }
   *     setCount((n) => n + 1)
   *   }, { enabled: !paused, label: 'EventCounter' })
   *   return <output>{count} events</output>
   * }
   * ```
   */
  useAnyEvent: UseAnyEvent<E>

  /**
   * Returns the bus's `emit`, with a stable identity across renders (it changes only when the
   * provider's bus does), so it can go in dependency lists and to memoized children.
   *
   * @returns `bus.emit` of the provider's bus.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   *
   * @example
   * ```tsx
   * import { createEventHooks } from 'busway'
   *
   * const { useEmit } = createEventHooks<{ 'user:login': { userId: string } }>()
   * function LoginButton() {
   *   const emit = useEmit()
   *   return <button onClick={() => emit('user:login', { userId: 'u-1' })}>Log in</button>
   * }
   * ```
   */
  useEmit(): EventBus<E>['emit']

  /**
   * Returns the latest payload of `type` on the bus (`bus.latest(type)`), or `initial` while
   * there is none, and re-renders the component when a new payload of that type (and only that
   * type) is emitted. Reads through React's `useSyncExternalStore`, so it is safe under
   * concurrent rendering; during server rendering and hydration it returns `initial`.
   * `initial` is read on mount and when `type` changes, as `useState`'s initial value is read
   * once: a new inline object each render does not re-render the component.
   *
   * @param type - the event name.
   * @param initial - the value while no payload of `type` was emitted.
   * @returns the latest payload of `type`, else `initial` (`undefined` without it).
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   * @throws {TypeError} when `type` is not a string.
   *
   * @example
   * ```tsx
   * import { createEventHooks } from 'busway'
   *
   * const { useEventState } = createEventHooks<{ 'user:login': { userId: string } }>()
   * function Header() {
   *   const login = useEventState('user:login')
   *   return <header>{login ? login.userId : 'guest'}</header>
   * }
   * ```
   */
  useEventState: UseEventState<E>
}

/**
 * Creates a React provider and hooks for the event map `E`: `EventBusProvider`, `useBus`,
 * `useEvent`, `useAnyEvent`, `useEmit` and `useEventState`. Each call has its own React
 * context, so its hooks see only its own provider: this is the way to run several separate,
 * separately typed buses in one app. (For one app-wide bus, the ready-made hooks exported by
 * `busway` need no such module.) Call it once per event map, at module level, and export what
 * it returns; it is client-only, so under the React Server Components bundling of Next.js the
 * module that calls it starts with `'use client'`.
 *
 * @returns the {@link EventHooks} of `E`.
 *
 * @example
 * ```tsx
 * import { createEventHooks } from 'busway'
 *
 * interface AppEvents {
 *   'user:login': { userId: string }
 *   'app:ready': void
 * }
 * export const { EventBusProvider, useBus, useEvent, useAnyEvent, useEmit, useEventState } =
 *   createEventHooks<AppEvents>()
 *
 * export function App({ children }: { children: React.ReactNode }) {
 *   return <EventBusProvider>{children}</EventBusProvider>
 * }
 * ```
 */
export function createEventHooks<E extends object = Record<string, unknown>>(): EventHooks<E> {
  const context = createBusContext<E>()
  return {
    EventBusProvider: createEventBusProvider(context),
    useBus: createUseBus(context),
    useEvent: createUseEvent(context),
    useAnyEvent: createUseAnyEvent(context),
    useEmit: createUseEmit(context),
    useEventState: createUseEventState(context),
  }
}
