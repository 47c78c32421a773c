import {
  EventBusProvider,
  createEventBus,
  createEventHooks,
  useAnyEvent,
  useBus,
  useEmit,
  useEvent,
  useEventState,
  type EventBus,
  type RegisteredEvents,
} from 'busway'
import { describe, expectTypeOf, test } from 'vitest'
// The test program registers TestEvents for the ready-made hooks, as an app registers its map:
// `declare module 'busway' { interface Register { events: TestEvents } }`.
import type { TestEvents } from './react/support/events'

describe('Register: the ready-made hooks are typed by the registered event map', () => {
  test('RegisteredEvents is the registered map', () => {
    expectTypeOf<RegisteredEvents>().toEqualTypeOf<TestEvents>()
  })

  test('useBus, useEmit, useEvent and useEventState take the registered types and payloads', () => {
    expectTypeOf(useBus).returns.toEqualTypeOf<EventBus<TestEvents>>()
    const emit = useEmit()
    emit('user:login', { userId: 'u-1' })
    emit('app:ready')
    // @ts-expect-error 'user:logout' is not a registered event
    emit('user:logout')
    // @ts-expect-error the payload of 'count' is a number
    emit('count', 'one')
    useEvent('user:login', (payload) => expectTypeOf(payload).toEqualTypeOf<{ userId: string }>())
    // @ts-expect-error 'user:logout' is not a registered event
    useEvent('user:logout', () => {})
    expectTypeOf(useEventState('count')).toEqualTypeOf<number | undefined>()
    expectTypeOf(useEventState('count', 0)).toEqualTypeOf<number>()
  })

  test('EventBusProvider takes a bus of the registered map only', () => {
    EventBusProvider({ bus: createEventBus<TestEvents>() })
    // @ts-expect-error a bus of another event map
    EventBusProvider({ bus: createEventBus<{ other: number }>() })
  })
})

describe('useAnyEvent', () => {
  test('checking type narrows payload', () => {
    useAnyEvent((type, payload) => {
      expectTypeOf(type).toEqualTypeOf<keyof TestEvents>()
      if (type === 'user:login') expectTypeOf(payload).toEqualTypeOf<{ userId: string }>()
      if (type === 'count') expectTypeOf(payload).toEqualTypeOf<number>()
    })
    const { useAnyEvent: useAnyOther } = createEventHooks<{ tick: number; stop: void }>()
    useAnyOther((type, payload) => {
      if (type === 'tick') expectTypeOf(payload).toEqualTypeOf<number>()
      else expectTypeOf(payload).toEqualTypeOf<void>()
    })
  })

  test('takes a handler that reads only the type, and the options of useEvent', () => {
    useAnyEvent((type) => expectTypeOf(type).toEqualTypeOf<keyof TestEvents>(), {
      enabled: false,
      label: 'log',
      throwOnError: true,
    })
    // @ts-expect-error enabled is a boolean
    useAnyEvent(() => {}, { enabled: 'yes' })
    // @ts-expect-error the handler's payload for 'count' is a number, not a string
    useAnyEvent((type, payload: string) => void [type, payload])
  })

  test('useEvent takes enabled', () => {
    useEvent('ping', () => {}, { enabled: true })
    // @ts-expect-error enabled is a boolean
    useEvent('ping', () => {}, { enabled: 1 })
  })
})
