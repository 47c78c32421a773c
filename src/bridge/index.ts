export { connectBroadcast, type BroadcastOptions } from './broadcast'
export { connectPort, type NodePortLike, type PortLike, type WebPortLike } from './port'
export {
  connectNats,
  type JetStreamLike,
  type NatsConnectionLike,
  type NatsHeadersLike,
  type NatsMsgLike,
  type NatsOptions,
  type NatsStatusLike,
  type NatsStoredMsgLike,
} from './nats'
export type { BridgeErrorContext, BridgeOptions } from './link'
