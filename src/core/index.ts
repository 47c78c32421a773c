export { createEventBus } from './create-event-bus'
export { inspect, listenerCounts } from './inspect'
export { logEvents, type LogEventsOptions } from './log-events'
export { InvalidPayloadError } from './invalid-payload-error'
export type { StandardSchemaV1 } from './standard-schema'
export type {
  AnyEventArgs,
  AnyEventHandler,
  EmitArgs,
  EmitInspector,
  EmitOrigin,
  EmitTrace,
  EventBus,
  EventBusOptions,
  EventHandler,
  EventSchemas,
  EventType,
  HandlerErrorContext,
  HandlerErrorTrace,
  SchemaEvents,
  SubscribeOptions,
  WaitForOptions,
} from './types'
