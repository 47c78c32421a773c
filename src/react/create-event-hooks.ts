import type { JSX } from 'react'
import type { EventBus, EventHandler, EventType } from '../core'
import { createBusContext, useBusFrom } from './context'
import { createEventBusProvider, type EventBusProviderProps } from './event-bus-provider'
import { createUseEmit } from './use-emit'
import { createUseEvent, type UseEventOptions } from './use-event'
import { createUseEventState, type UseEventState } from './use-event-state'

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
   * (`latest`, `listenerCount`, `onAny`, …).
   *
   * @returns the `EventBus` of the nearest provider.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   *
   * @example
   * ```tsx
   * import { createEventHooks } from 'busway'
   *
   * const { useBus } = createEventHooks<{ tick: number }>()
   * function LastTick() {
   *   // a read, not a subscription: it does not re-render on the next tick (useEventState does)
   *   return <output>{useBus().latest('tick') ?? 'no tick yet'}</output>
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
   *   is read when the hook subscribes.
   * @throws {Error} outside an `EventBusProvider` of the same `createEventHooks()` call.
   * @throws {TypeError} when `type` is not a string, `handler` is not a function or
   *   `options.label` is not a string.
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
 * `useEvent`, `useEmit` and `useEventState`. Call it once per event map, at module level, and
 * export what it returns. Each call has its own React context.
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
 * export const { EventBusProvider, useBus, useEvent, useEmit, useEventState } =
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
    useBus: function useBus() {
      return useBusFrom(context, 'useBus')
    },
    useEvent: createUseEvent(context),
    useEmit: createUseEmit(context),
    useEventState: createUseEventState(context),
  }
}
