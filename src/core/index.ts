export { createEventBus } from './create-event-bus'
export type {
  AnyEventArgs,
  AnyEventHandler,
  EmitArgs,
  EventBus,
  EventBusOptions,
  EventHandler,
  EventType,
  HandlerErrorContext,
  SubscribeOptions,
} from './types'
