import { createEventBus, type EmitTrace } from 'busway/core'
import { connectBroadcast, connectNats, connectPort, type BridgeErrorContext } from 'busway/bridge'
import { headers } from '@nats-io/nats-core'
import { jetstream } from '@nats-io/jetstream'
import type { NatsConnection } from '@nats-io/transport-node'
import { MessageChannel, parentPort, Worker as NodeWorker } from 'node:worker_threads'
import { z } from 'zod'
import { describe, expectTypeOf, test } from 'vitest'

interface AppEvents {
  'user:login': { userId: string }
  'user:logout': void
  'cart:changed': { items: number }
}
const bus = createEventBus<AppEvents>()
declare const nc: NatsConnection

describe('bridge types', () => {
  test('types are event names of the bus', () => {
    connectBroadcast(bus, { channel: 'app', types: ['user:login', 'user:logout'] })
    // @ts-expect-error -- 'user:signup' is not an event of AppEvents
    connectBroadcast(bus, { channel: 'app', types: ['user:signup'] })
    // @ts-expect-error -- types is required
    connectBroadcast(bus, { channel: 'app' })
    expectTypeOf(connectBroadcast(bus, { channel: 'app', types: ['user:login'] })).toEqualTypeOf<() => void>()
  })

  test('schemas are keyed by event names, their output the payload type', () => {
    connectBroadcast(bus, { channel: 'app', types: ['cart:changed'], schemas: { 'cart:changed': z.object({ items: z.number() }) } })
    // @ts-expect-error -- the schema's output is not the payload type of 'cart:changed'
    connectBroadcast(bus, { channel: 'app', types: ['cart:changed'], schemas: { 'cart:changed': z.object({ items: z.string() }) } })
  })

  test("onError's context narrows: 'out' has an event of the bus (no payload for a publish NATS refused), 'in' whatever arrived", () => {
    connectBroadcast(bus, {
      channel: 'app',
      types: ['cart:changed'],
      onError(_error, context) {
        if (context.direction === 'out') {
          if (context.type === 'cart:changed') expectTypeOf(context.payload).toEqualTypeOf<{ items: number } | undefined>()
        } else {
          expectTypeOf(context.type).toEqualTypeOf<string | undefined>()
          expectTypeOf(context.payload).toEqualTypeOf<unknown>()
        }
      },
    })
    const generic = (error: unknown, context: BridgeErrorContext) => console.warn(context.direction, error)
    connectBroadcast(bus, { channel: 'app', types: ['cart:changed'], onError: generic })
  })

  test('connectPort takes web and Node ports', () => {
    connectPort(bus, new Worker('job.js'), { types: ['cart:changed'] })
    connectPort(bus, new MessageChannel().port1, { types: ['cart:changed'] })
    connectPort(bus, new globalThis.MessageChannel().port1, { types: ['cart:changed'] })
    connectPort(bus, parentPort!, { types: ['cart:changed'] })
    connectPort(bus, new NodeWorker('./job.js'), { types: ['cart:changed'] })
    // @ts-expect-error -- a string is not a port
    connectPort(bus, 'worker', { types: ['cart:changed'] })
  })

  test("connectNats takes nats.js connections, JetStream clients and nats-core's headers", () => {
    connectNats(bus, nc, { subject: 'app.acme', types: ['user:login'] })
    connectNats(bus, nc, { subject: 'app.acme', types: ['user:login'], jetstream: jetstream(nc), stream: 'APP', replay: true, headers })
    // status() is optional: a connection-like object without it is accepted too
    connectNats(bus, { publish: nc.publish.bind(nc), subscribe: nc.subscribe.bind(nc) }, { subject: 'app.acme', types: ['user:login'] })
    // @ts-expect-error -- subject is required
    connectNats(bus, nc, { types: ['user:login'] })
  })

  test('trace.origin is optional and typed', () => {
    expectTypeOf<EmitTrace<AppEvents>['origin']>().toEqualTypeOf<
      { readonly bridge: 'broadcast' | 'port' | 'nats'; readonly peer: string; readonly id: number | undefined; readonly replayed?: boolean } | undefined
    >()
  })
})
