export { createEventHooks, type EventHooks } from './create-event-hooks'
export type { EventBusProviderProps } from './event-bus-provider'
export type { UseEventOptions } from './use-event'
export type { UseEventState } from './use-event-state'
