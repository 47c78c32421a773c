/**
 * Registers the app's event map for the ready-made provider and hooks exported by `busway`, by
 * declaration merging (the convention of TanStack Router and Query). Without a registration
 * they are typed by `Record<string, unknown>`.
 *
 * @example
 * ```ts
 * import type { Register } from 'busway'
 *
 * interface AppEvents {
 *   'user:login': { userId: string }
 *   'app:ready': void
 * }
 * declare module 'busway' {
 *   interface Register {
 *     events: AppEvents
 *   }
 * }
 * type Events = Register extends { events: infer E } ? E : never //=> AppEvents
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by apps through declaration merging
export interface Register {}

/**
 * The event map registered with {@link Register}, or `Record<string, unknown>` without one:
 * the map the ready-made hooks exported by `busway` are typed by.
 *
 * @example
 * ```ts
 * import type { RegisteredEvents } from 'busway'
 *
 * type Events = RegisteredEvents //=> the registered map, else Record<string, unknown>
 * ```
 */
export type RegisteredEvents = Register extends { events: infer E extends object } ? E : Record<string, unknown>
