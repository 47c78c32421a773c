// Type-checked against the installed tarball with moduleResolution "node10" (no exports map):
// `busway` through package.json "types", `busway/core` through the core/package.json stub.
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { createEventBus as createCoreEventBus, inspect } from 'busway/core'
import { EventBusDevtools, type EventBusDevtoolsProps } from 'busway/devtools'

interface Events {
  'user:login': { userId: string }
  'app:ready': void
}

const bus: EventBus<Events> = createEventBus<Events>()
const coreBus: EventBus<Events> = createCoreEventBus<Events>()
bus.emit('user:login', { userId: 'u-1' })
coreBus.emit('app:ready')
// @ts-expect-error wrong payload type
bus.emit('user:login', { userId: 1 })
// @ts-expect-error unknown event name
coreBus.emit('user:logout')

export const hooks = createEventHooks<Events>()

inspect(bus, (trace) => {
  if (trace.type === 'user:login') void trace.payload.userId
})
export const devtoolsProps: EventBusDevtoolsProps<Events> = { bus, capacity: 100 }
export const Devtools = EventBusDevtools

// busway/bridge through the bridge/package.json stub.
import { connectBroadcast, connectPort, type BridgeOptions } from 'busway/bridge'
const bridgeOptions: BridgeOptions<Events> = { types: ['user:login'] }
export const disconnectAll = [connectBroadcast(bus, { channel: 'app', ...bridgeOptions }), connectPort(bus, new MessageChannel().port1, bridgeOptions)]
// @ts-expect-error unknown event name
connectBroadcast(bus, { channel: 'app', types: ['user:logout'] })
