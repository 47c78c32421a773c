// Type-checked against the installed tarball with module/moduleResolution "node16", as a
// CommonJS module (this folder's package.json says "type": "commonjs", so imports compile to
// require()): the "require" conditions of the exports map (dist/*.d.cts).
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { createEventBus as createCoreEventBus, logEvents } from 'busway/core'
import { EventBusDevtools, type EventBusDevtoolsProps } from 'busway/devtools'

interface Events {
  'user:login': { userId: string }
  'app:ready': void
}

const bus: EventBus<Events> = createEventBus<Events>()
const coreBus: EventBus<Events> = createCoreEventBus<Events>()
bus.on('user:login', ({ userId }) => void userId.toUpperCase())
bus.emit('user:login', { userId: 'u-1' })
coreBus.emit('app:ready')
// @ts-expect-error wrong payload type
bus.emit('user:login', { userId: 1 })
// @ts-expect-error unknown event name
coreBus.emit('user:logout')

export const hooks = createEventHooks<Events>()
export function useLogin(): { userId: string } | undefined {
  hooks.useEvent('app:ready', () => {})
  // @ts-expect-error the payload has no such property
  hooks.useEvent('user:login', (payload) => void payload.nope)
  return hooks.useEventState('user:login')
}

export const stopLogging = logEvents(bus, { filter: ['user:login'] })
// @ts-expect-error not an event of the bus
logEvents(bus, { filter: ['user:logout'] })
export const devtoolsProps: EventBusDevtoolsProps<Events> = { bus, position: 'top-left' }
export const Devtools = EventBusDevtools

// busway/bridge through the exports map.
import { connectNats, type NatsConnectionLike } from 'busway/bridge'
declare const natsConnection: NatsConnectionLike
export const disconnectNats = (target: EventBus<Events>) => connectNats(target, natsConnection, { subject: 'app', types: ['user:login'] })
