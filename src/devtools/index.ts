'use client'
// The panel is a client component, so a Server Component (a Next.js layout) may render it.
// In production it is a component that renders nothing, and the panel's own module is
// imported but unused, so bundlers leave its code out (as TanStack Query's devtools do).
import { EventBusDevtools as Panel } from './event-bus-devtools'

export type { EventBusDevtoolsProps } from './event-bus-devtools'

/**
 * A devtools panel for a bus: a small floating toggle that opens a live list of events, newest
 * first, with their time, type, a payload preview that expands to a tree, how many handlers ran
 * (and the labels of labelled ones), dispatch time and errors (in red), events emitted by a
 * handler nested under the event it was handling, and a listeners view with each type's
 * subscription count. It renders into a shadow root under `document.body`, and nothing on the
 * server.
 *
 * When `process.env.NODE_ENV` is `'production'` it renders nothing and bundlers leave its
 * code out, wherever it is rendered (a Server Component included): it can stay in the app.
 *
 * @param props - see {@link EventBusDevtoolsProps}: `bus` (default: the nearest
 *   `EventBusProvider`'s), `capacity` (default 500), `initialIsOpen`, `position`, `colorScheme`.
 * @throws {Error} when there is neither a `bus` prop nor an `EventBusProvider` above it.
 * @throws {TypeError} when the bus was not made by `createEventBus`, or `position` or
 *   `colorScheme` is not one of its values.
 * @throws {RangeError} when `capacity` is not a positive integer.
 *
 * @example
 * ```tsx
 * import { EventBusProvider } from 'busway'
 * import { EventBusDevtools } from 'busway/devtools'
 *
 * // app/layout.tsx: a Server Component may render both
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html><body>
 *       <EventBusProvider>
 *         {children}
 *         <EventBusDevtools />
 *       </EventBusProvider>
 *     </body></html>
 *   )
 * }
 * ```
 */
export const EventBusDevtools: typeof Panel =
  process.env.NODE_ENV !== 'production'
    ? Panel
    : function EventBusDevtools() {
        return null
      }
