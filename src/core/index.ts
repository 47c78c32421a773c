export { createEventBus } from './create-event-bus'
export { InvalidPayloadError } from './invalid-payload-error'
export type { StandardSchemaV1 } from './standard-schema'
export type {
  AnyEventArgs,
  AnyEventHandler,
  EmitArgs,
  EventBus,
  EventBusOptions,
  EventHandler,
  EventSchemas,
  EventType,
  HandlerErrorContext,
  SchemaEvents,
  SubscribeOptions,
} from './types'
