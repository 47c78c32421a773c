import {
  createEventBus,
  inspect,
  listenerCounts,
  logEvents,
  type EmitInspector,
  type EmitTrace,
  type EventBus,
  type HandlerErrorTrace,
} from 'busway/core'
import { createEventHooks } from 'busway'
import type { EventBusDevtoolsProps } from 'busway/devtools'
import { describe, expectTypeOf, test } from 'vitest'

interface AppEvents {
  'user:login': { userId: string }
  tick: number
  'app:ready': void
}

const bus = createEventBus<AppEvents>()

describe('tracing types', () => {
  test('an inspector receives traces whose payload narrows by type', () => {
    inspect(bus, (trace) => {
      expectTypeOf(trace.id).toEqualTypeOf<number>()
      expectTypeOf(trace.parentId).toEqualTypeOf<number | undefined>()
      expectTypeOf(trace.type).toEqualTypeOf<'user:login' | 'tick' | 'app:ready'>()
      expectTypeOf(trace.labels).toEqualTypeOf<readonly string[]>()
      expectTypeOf(trace.errors).toEqualTypeOf<readonly HandlerErrorTrace[]>()
      if (trace.type === 'user:login') expectTypeOf(trace.payload).toEqualTypeOf<{ userId: string }>()
      if (trace.type === 'tick') expectTypeOf(trace.payload).toEqualTypeOf<number>()
    })
  })

  test('inspect returns a detach function; traces are read-only', () => {
    const detach = inspect(bus, (trace) => {
      // @ts-expect-error a trace is read-only
      trace.id = 2
    })
    expectTypeOf(detach).toEqualTypeOf<() => void>()
  })

  test('an inspector written for any bus fits a bus of a narrower event map', () => {
    const generic: EmitInspector = (trace) => console.log(trace.type)
    expectTypeOf(inspect(bus, generic)).toEqualTypeOf<() => void>()
  })

  test('an inspector written for another event map is rejected', () => {
    // @ts-expect-error 'other' is not an event of AppEvents
    inspect(bus, (trace: EmitTrace<{ other: string }>) => void trace)
  })

  test('listenerCounts is keyed by the event types', () => {
    expectTypeOf(listenerCounts(bus)).toEqualTypeOf<Partial<Record<'user:login' | 'tick' | 'app:ready', number>>>()
  })

  test('logEvents filters by the bus’s event types or a predicate on its traces', () => {
    expectTypeOf(logEvents(bus, { filter: ['tick'] })).toEqualTypeOf<() => void>()
    logEvents(bus, { filter: (trace) => trace.type === 'tick' && trace.payload > 1 })
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    logEvents(bus, { filter: ['user:logout'] })
  })

  test('labels are strings, on the bus and in useEvent', () => {
    bus.on('tick', () => {}, { label: 'clock' })
    // @ts-expect-error a label is a string
    bus.on('tick', () => {}, { label: 1 })
    const { useEvent } = createEventHooks<AppEvents>()
    expectTypeOf(useEvent).parameter(2).toEqualTypeOf<
      { throwOnError?: boolean | undefined; label?: string | undefined; enabled?: boolean | undefined } | undefined
    >()
  })

  test('the devtools bus prop takes a bus of the given event map', () => {
    const props: EventBusDevtoolsProps<AppEvents> = { bus, capacity: 100, colorScheme: 'dark' }
    expectTypeOf(props.bus).toEqualTypeOf<EventBus<AppEvents> | undefined>()
    // @ts-expect-error not a position
    const bad: EventBusDevtoolsProps = { position: 'center' }
    void bad
  })
})
