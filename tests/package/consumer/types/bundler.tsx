// Type-checked against the installed tarball with moduleResolution "bundler" (ESM):
// tests/package/consumer/tsconfig.bundler.json. Every `@ts-expect-error` must be needed, which
// proves that the shipped declarations carry the event map (an `any` would accept everything).
import { StrictMode, type ReactElement } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import * as readyMade from 'busway'
import { createEventBus as createCoreEventBus, type EventBus as CoreEventBus } from 'busway/core'

interface AppEvents {
  'user:login': { userId: string }
  'data:update': { resourceId: string; data: unknown }
  'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
  'app:ready': void
}

type IsAny<T> = 0 extends 1 & T ? true : false
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Expect<T extends true> = T

const bus = createEventBus<AppEvents>({
  maxDepth: 10,
  onError: (error, context) => {
    const type: keyof AppEvents = context.type
    void [error, type, context.payload]
  },
})
const coreBus = createCoreEventBus<AppEvents>()
export const latestLogin = bus.latest('user:login')

export type Checks = [
  Expect<Equal<IsAny<typeof bus>, false>>,
  Expect<Equal<IsAny<typeof coreBus>, false>>,
  Expect<Equal<IsAny<Parameters<typeof bus.on>>, false>>,
  Expect<Equal<typeof latestLogin, { userId: string } | undefined>>,
  Expect<Equal<ReturnType<typeof bus.emit>, void>>,
]

// busway and busway/core agree on the bus type, both ways.
export const sameBusA: CoreEventBus<AppEvents> = bus
export const sameBusB: EventBus<AppEvents> = coreBus

const controller = new AbortController()
const onLogin = ({ userId }: { userId: string }) => void userId.toUpperCase()
export const off = bus.on('user:login', onLogin, { signal: controller.signal })
bus.once('app:ready', () => {})
bus.off('user:login', onLogin)
bus.emit('user:login', { userId: 'u-1' })
bus.emit('app:ready')
bus.emit('app:ready', undefined)
bus.emit('system:alert', { severity: 'critical', message: 'disk full' })
export const counts: number[] = [bus.listenerCount(), bus.listenerCount('user:login')]
bus.clear()
off()

// @ts-expect-error wrong payload type
bus.emit('user:login', { userId: 42 })
// @ts-expect-error missing payload of a non-void event
bus.emit('user:login')
// @ts-expect-error unknown event name
bus.emit('user:logout', { userId: 'u-1' })
// @ts-expect-error not one of the severities
bus.emit('system:alert', { severity: 'fatal', message: 'x' })
// @ts-expect-error handler parameter does not match the payload
bus.on('user:login', (payload: { id: number }) => void payload)
// @ts-expect-error the payload has no such property
bus.on('data:update', (payload) => void payload.userId)
// @ts-expect-error latest() may be undefined
void bus.latest('user:login').userId
// @ts-expect-error core bus is typed too
coreBus.emit('user:login', { userId: 1 })

// onAny: checking `type` narrows `payload`; handlers with fewer parameters compile.
bus.onAny((type, payload) => {
  if (type === 'user:login') {
    const id: string = payload.userId
    void id
  }
  if (type === 'system:alert') {
    // @ts-expect-error narrowed to the system:alert payload
    void payload.userId
  }
})
bus.onAny((type) => void type)
bus.onAny(() => {}, { signal: controller.signal })

// React hooks
export const { EventBusProvider, useBus, useEvent, useEmit, useEventState } = createEventHooks<AppEvents>()

export function Widget(): ReactElement {
  const current = useBus()
  const sameBus: EventBus<AppEvents> = current
  const emit = useEmit()
  useEvent('user:login', ({ userId }) => void userId.toUpperCase())
  useEvent('system:alert', (alert) => void alert.severity, { throwOnError: true })
  // @ts-expect-error the payload has no such property
  useEvent('user:login', (payload) => void payload.resourceId)
  // @ts-expect-error unknown event name
  useEvent('user:logout', () => {})

  const alert = useEventState('system:alert')
  const alertOrInitial = useEventState('system:alert', { severity: 'info', message: 'none' })
  // @ts-expect-error the initial value must have the payload's type
  useEventState('user:login', { userId: 1 })
  // @ts-expect-error without an initial value the state may be undefined
  void alert.message

  emit('app:ready')
  emit('user:login', { userId: 'u-2' })
  // @ts-expect-error useEmit is typed by the event map
  emit('user:login', { userId: 2 })
  void sameBus
  return (
    <p>
      {alertOrInitial.message}
      {alert?.severity}
    </p>
  )
}

export const app = (
  <StrictMode>
    <EventBusProvider>
      <Widget />
    </EventBusProvider>
    <EventBusProvider bus={coreBus}>
      <Widget />
    </EventBusProvider>
  </StrictMode>
)

// The ready-made hooks take the event map registered by declaration merging.
declare module 'busway' {
  interface Register {
    events: AppEvents
  }
}
export function ReadyMade(): ReactElement {
  const emit = readyMade.useEmit()
  emit('user:login', { userId: 'u-1' })
  // @ts-expect-error not a registered event
  emit('user:logout')
  const login = readyMade.useEventState('user:login')
  readyMade.useAnyEvent((type, payload) => {
    if (type === 'user:login') void payload.userId.toUpperCase()
  }, { enabled: login !== undefined })
  return <readyMade.EventBusProvider bus={bus}>{login?.userId}</readyMade.EventBusProvider>
}
