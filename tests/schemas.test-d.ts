import { createEventBus, type EventBus, type StandardSchemaV1 } from 'busway/core'
import type { StandardSchemaV1 as OfficialStandardSchemaV1 } from '@standard-schema/spec'
import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { z } from 'zod'

describe('createEventBus({ schemas }): the event map inferred from the schemas', () => {
  test('from zod schemas, with no separate interface', () => {
    const bus = createEventBus({
      schemas: {
        'user:login': z.object({ userId: z.string() }),
        'system:alert': z.object({ severity: z.enum(['info', 'warning', 'critical']), message: z.string() }),
      },
    })
    expectTypeOf(bus).toEqualTypeOf<
      EventBus<{
        'user:login': { userId: string }
        'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
      }>
    >()
    bus.on('user:login', ({ userId }) => expectTypeOf(userId).toBeString())
    bus.emit('system:alert', { severity: 'critical', message: 'db down' })
    // @ts-expect-error severity must be one of the enum's values
    bus.emit('system:alert', { severity: 'fatal', message: 'db down' })
    // @ts-expect-error 'user:logout' has no schema, so it is not an event of this bus
    bus.emit('user:logout', {})
  })

  test('from valibot schemas, taking the output type of transforms', () => {
    const bus = createEventBus({
      schemas: {
        'user:login': v.object({ userId: v.string() }),
        'user:seen': v.pipe(v.string(), v.transform((text) => new Date(text))),
      },
    })
    bus.on('user:seen', (when) => expectTypeOf(when).toEqualTypeOf<Date>())
    expectTypeOf(bus.latest('user:login')).toEqualTypeOf<{ userId: string } | undefined>()
  })

  test('onError is typed by the inferred map', () => {
    createEventBus({
      schemas: { ping: z.string() },
      onError: (_error, context) => {
        expectTypeOf(context.type).toEqualTypeOf<'ping'>()
        expectTypeOf(context.payload).toEqualTypeOf<string>()
      },
    })
  })
})

describe('createEventBus<E>({ schemas }) with an explicit event map', () => {
  interface AppEvents {
    'user:login': { userId: string }
    'app:ready': void
  }

  test('takes schemas for some events only', () => {
    const bus = createEventBus<AppEvents>({ schemas: { 'user:login': z.object({ userId: z.string() }) } })
    expectTypeOf(bus).toEqualTypeOf<EventBus<AppEvents>>()
    bus.emit('app:ready')
  })

  test('rejects a schema whose output is not the event’s payload type', () => {
    // @ts-expect-error the schema produces a string, the event carries { userId: string }
    createEventBus<AppEvents>({ schemas: { 'user:login': z.string() } })
  })

  test('rejects schemas for events the map does not have', () => {
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    createEventBus<AppEvents>({ schemas: { 'user:logout': z.object({}) } })
  })
})

test('busway’s copy of the Standard Schema interface accepts the official one', () => {
  expectTypeOf<OfficialStandardSchemaV1<string>>().toMatchTypeOf<StandardSchemaV1<string>>()
})
