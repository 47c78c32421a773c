// `busway` under the `react-server` condition (React Server Components, as in the Next.js App
// Router): the core, the ready-made EventBusProvider from its 'use client' module (a Server
// Component renders it as a client component), and the client-only functions as ones that
// throw an error saying where to call them. The types are those of the full entry.
export * from './core'
export { EventBusProvider } from './react/ready-made'
export {
  createEventHooks,
  useAnyEvent,
  useBus,
  useEmit,
  useEvent,
  useEventState,
} from './react/client-only'
