import { inspect, type EmitTrace } from 'busway/core'
import { connectBroadcast, connectNats } from 'busway/bridge'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { z } from 'zod'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { startNatsServer, type NatsServer } from '../../scripts/nats-server.mjs'
import { channelName, makeBus, onErrorMock, received, settle, type BridgeEvents } from './helpers'
import { rawNatsClient } from './raw-nats'

// Real nats-server processes (Debian's `nats-server`), on ports they pick, with JetStream
// storing in a temporary directory; busway's side through @nats-io/transport-node.

let server: NatsServer
beforeAll(async () => {
  server = await startNatsServer({ jetstream: true })
})
afterAll(async () => {
  await server?.stop()
})

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
async function natsConnection(url = server.url): Promise<NatsConnection> {
  const nc = await connect({ servers: url, reconnectTimeWait: 50, maxReconnectAttempts: -1 })
  cleanups.push(() => nc.close())
  return nc
}
function link(...args: Parameters<typeof connectNats<BridgeEvents>>) {
  const disconnect = connectNats(...args)
  cleanups.push(disconnect)
  return disconnect
}
/** A subject prefix of its own for each test. */
const prefix = () => `busway.t${Math.random().toString(36).slice(2, 8)}`

describe('Bridges rule 1: remote events are emitted, through NATS', () => {
  test('two buses on two connections: an emit on one reaches the other, latest recorded', async () => {
    const subject = prefix()
    const [ncA, ncB] = await Promise.all([natsConnection(), natsConnection()])
    const a = makeBus()
    const b = makeBus()
    link(a, ncA, { subject, types: ['user:login', 'user:logout'] })
    link(b, ncB, { subject, types: ['user:login', 'user:logout'] })
    const logins = received(b, 'user:login')
    const logouts = received(b, 'user:logout')
    await Promise.all([ncA.flush(), ncB.flush()])

    a.emit('user:login', { userId: 'u-1' })
    a.emit('user:logout')
    await vi.waitFor(() => expect(logouts).toEqual([undefined]))
    expect(logins).toEqual([{ userId: 'u-1' }])
    expect(b.latest('user:login')).toEqual({ userId: 'u-1' })
  })
})

describe('Bridges rule 2: no loops, no echo, through NATS', () => {
  test('a bus never receives its own events back, though its connection echoes', async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const a = makeBus()
    link(a, nc, { subject, types: ['cart:changed'] })
    const carts = received(a, 'cart:changed')
    const seen = vi.fn()
    nc.subscribe(`${subject}.cart:changed`, { callback: seen })
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1))
    await settle()
    expect(carts).toEqual([{ items: 1 }])
  })

  test('an emit made by the handler of a remote event is not published', async () => {
    const subject = prefix()
    const [ncA, ncB] = await Promise.all([natsConnection(), natsConnection()])
    const a = makeBus()
    const b = makeBus()
    link(a, ncA, { subject, types: ['user:login', 'toast:show'] })
    link(b, ncB, { subject, types: ['user:login', 'toast:show'] })
    b.on('user:login', () => b.emit('toast:show', { text: 'hi' }))
    const toastsOnA = received(a, 'toast:show')
    await Promise.all([ncA.flush(), ncB.flush()])
    a.emit('user:login', { userId: 'u-1' })
    await vi.waitFor(() => expect(b.latest('toast:show')).toEqual({ text: 'hi' }))
    await ncB.flush()
    await settle()
    expect(toastsOnA).toEqual([])
  })

  test('an event that arrives by BroadcastChannel and by NATS is delivered once', async () => {
    const subject = prefix()
    const channel = channelName()
    const [ncA, ncB] = await Promise.all([natsConnection(), natsConnection()])
    const a = makeBus()
    const b = makeBus()
    for (const [bus, nc] of [[a, ncA], [b, ncB]] as const) {
      link(bus, nc, { subject, types: ['cart:changed'] })
      const disconnect = connectBroadcast(bus, { channel, types: ['cart:changed'] })
      cleanups.push(disconnect)
    }
    const carts = received(b, 'cart:changed')
    await Promise.all([ncA.flush(), ncB.flush()])
    a.emit('cart:changed', { items: 1 })
    a.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(carts).toHaveLength(2))
    await ncA.flush()
    await settle(80)
    expect(carts).toEqual([{ items: 1 }, { items: 2 }])
  })
})

describe('Bridges rule 5: NATS subjects, JSON bodies and busway-* headers; any client takes part', () => {
  test('a plain JSON message from a raw NATS client (text protocol over TCP) reaches the bus', async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    link(bus, nc, { subject, types: ['system:alert'] })
    await nc.flush()
    const traces: EmitTrace<BridgeEvents>[] = []
    inspect(bus, (trace) => traces.push(trace))
    const raw = await rawNatsClient(server.port)
    cleanups.push(() => raw.close())
    raw.publish(`${subject}.system:alert`, JSON.stringify({ severity: 'critical', message: 'disk full ü' }))
    await vi.waitFor(() => expect(bus.latest('system:alert')).toEqual({ severity: 'critical', message: 'disk full ü' }))
    expect(traces[0]!.origin).toEqual({ bridge: 'nats', peer: '', id: undefined })
  })

  test("busway's events are read as plain JSON by a raw subscriber, metadata in busway-* headers", async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    inspect(bus, () => {})
    link(bus, nc, { subject, types: ['cart:changed', 'user:logout'] })
    const raw = await rawNatsClient(server.port)
    cleanups.push(() => raw.close())
    raw.subscribe(`${subject}.>`)
    await raw.flush()
    bus.emit('cart:changed', { items: 2 })
    bus.emit('user:logout')
    await vi.waitFor(() => expect(raw.messages).toHaveLength(2))
    const [cart, logout] = raw.messages
    expect(cart!.subject).toBe(`${subject}.cart:changed`)
    expect(JSON.parse(cart!.body)).toEqual({ items: 2 })
    expect(cart!.headers).toMatch(/^NATS\/1\.0\r\n/)
    expect(cart!.headers).toMatch(/busway-origin: \w+\r\n/)
    expect(cart!.headers).toMatch(/busway-seq: 1\r\n/)
    expect(cart!.headers).toMatch(/busway-id: 1\r\n/)
    expect(logout).toMatchObject({ subject: `${subject}.user:logout`, body: '' })
  })

  test('invalid, malformed and unlisted messages are dropped and reported; unlisted subjects are not even subscribed', async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    const onError = onErrorMock()
    const seen = vi.fn()
    bus.onAny(seen)
    link(bus, nc, { subject, types: ['cart:changed'], onError, schemas: { 'cart:changed': z.object({ items: z.number() }) } })
    await nc.flush()
    const raw = await rawNatsClient(server.port)
    cleanups.push(() => raw.close())
    raw.publish(`${subject}.cart:changed`, '{"items": ')
    raw.publish(`${subject}.cart:changed`, '{"items": "many"}')
    raw.publish(`${subject}.local:only`, '1')
    raw.publish(`${subject}.cart:changed`, '{"items": 5}')
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1))
    await settle()
    expect(seen.mock.calls).toEqual([['cart:changed', { items: 5 }]])
    expect(onError.mock.calls.map(([error, context]) => [(error as Error).name, context])).toEqual([
      ['SyntaxError', { direction: 'in', type: 'cart:changed', payload: undefined }],
      ['InvalidPayloadError', { direction: 'in', type: 'cart:changed', payload: { items: 'many' } }],
    ])
  })

  test("a payload that is not JSON is reported as 'out' while local delivery goes on", async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    const onError = onErrorMock()
    link(bus, nc, { subject, types: ['toast:show', 'cart:changed'], onError })
    const toasts = received(bus, 'toast:show')
    const carts = received(bus, 'cart:changed')
    const withFunction = { text: 'x', onClick: () => {} }
    const withBigInt = { items: 10n as unknown as number }
    bus.emit('toast:show', withFunction)
    bus.emit('cart:changed', withBigInt)
    expect(toasts).toEqual([withFunction])
    expect(carts).toEqual([withBigInt])
    expect(onError.mock.calls.map(([error, context]) => [(error as Error).name, context])).toEqual([
      ['TypeError', { direction: 'out', type: 'toast:show', payload: withFunction }],
      ['TypeError', { direction: 'out', type: 'cart:changed', payload: withBigInt }],
    ])
  })

  test.each(['a.b', 'a b', 'tab\t', '*', 'a>', '$sys', ''])('a type that is not a subject token (%j) is a TypeError at connect', async (type) => {
    const nc = await natsConnection()
    expect(() => connectNats(makeBus() as never, nc, { subject: 'app', types: [type] as never })).toThrow(TypeError)
    expect(() => connectNats(makeBus() as never, nc, { subject: 'app', types: [type] as never })).toThrow(/connectNats\(\): options\.types/)
  })

  test.each(['', 'a..b', 'a.*', 'a.>', 'a b'])('a subject prefix with an empty token, wildcard or space (%j) is a TypeError at connect', async (subject) => {
    const nc = await natsConnection()
    expect(() => connectNats(makeBus(), nc, { subject, types: ['cart:changed'] })).toThrow(/connectNats\(\): options\.subject must be/)
  })
})

describe('Bridges rule 5: JetStream — message ids, duplicates dropped, replay of the last message of each subject', () => {
  async function stream(subject: string) {
    const nc = await natsConnection()
    const jsm = await jetstreamManager(nc)
    const name = `S${Math.random().toString(36).slice(2, 8)}`
    await jsm.streams.add({ name, subjects: [`${subject}.>`], max_msgs_per_subject: 1 })
    cleanups.push(() => jsm.streams.delete(name))
    return { nc, jsm, name, js: jetstream(nc) }
  }

  test('a late joiner with replay gets the latest payload of each type, marked replayed', async () => {
    const subject = prefix()
    const { nc, js, name } = await stream(subject)
    const a = makeBus()
    const onErrorA = onErrorMock()
    link(a, nc, { subject, types: ['cart:changed', 'user:login', 'user:logout'], jetstream: js, stream: name, onError: onErrorA })
    a.emit('cart:changed', { items: 1 })
    a.emit('cart:changed', { items: 2 })
    a.emit('user:login', { userId: 'u-3' })
    await settle(100)
    expect(onErrorA).not.toHaveBeenCalled()

    const late = makeBus()
    const traces: EmitTrace<BridgeEvents>[] = []
    inspect(late, (trace) => traces.push(trace))
    const ncLate = await natsConnection()
    link(late, ncLate, { subject, types: ['cart:changed', 'user:login', 'user:logout'], jetstream: jetstream(ncLate), stream: name, replay: true })
    await vi.waitFor(() => expect(traces).toHaveLength(2))
    expect(late.latest('cart:changed')).toEqual({ items: 2 })
    expect(late.latest('user:login')).toEqual({ userId: 'u-3' })
    expect(traces.map(({ type, origin }) => [type, origin])).toEqual([
      ['cart:changed', { bridge: 'nats', peer: expect.any(String), id: undefined, replayed: true }],
      ['user:login', { bridge: 'nats', peer: expect.any(String), id: undefined, replayed: true }],
    ])
  })

  test('a publish retried with the same message id is stored once and delivered once', async () => {
    const subject = prefix()
    const { nc, js, jsm, name } = await stream(subject)
    const a = makeBus()
    link(a, nc, { subject, types: ['cart:changed'], jetstream: js, stream: name })
    const b = makeBus()
    const ncB = await natsConnection()
    link(b, ncB, { subject, types: ['cart:changed'] })
    const carts = received(b, 'cart:changed')
    await ncB.flush()

    const raw = await rawNatsClient(server.port)
    cleanups.push(() => raw.close())
    raw.subscribe(`${subject}.>`)
    await raw.flush()
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(raw.messages).toHaveLength(1))
    // The retry a lost acknowledgement causes: the same body, headers and message id again.
    const { headers } = raw.messages[0]!
    const msgId = /Nats-Msg-Id: (\S+)/.exec(headers)![1]!
    const origin = /busway-origin: (\S+)/.exec(headers)![1]!
    const seq = /busway-seq: (\S+)/.exec(headers)![1]!
    const { headers: natsHeaders } = await import('@nats-io/nats-core')
    const retry = natsHeaders()
    retry.set('busway-origin', origin)
    retry.set('busway-seq', seq)
    const ack = await js.publish(`${subject}.cart:changed`, JSON.stringify({ items: 1 }), { msgID: msgId, headers: retry })
    expect(ack.duplicate).toBe(true)
    await ncB.flush()
    await settle()
    expect(carts).toEqual([{ items: 1 }])
    expect((await jsm.streams.info(name)).state.messages).toBe(1)
  })

  test('replay without jetstream and stream is a TypeError at connect', async () => {
    const nc = await natsConnection()
    expect(() => connectNats(makeBus(), nc, { subject: 'app', types: ['cart:changed'], replay: true })).toThrow(
      /connectNats\(\): options\.replay reads a JetStream stream/,
    )
    expect(() => connectNats(makeBus(), nc, { subject: 'app', types: ['cart:changed'], stream: 'S' })).toThrow(
      /options\.jetstream and options\.stream/,
    )
  })
})

describe('Bridges rule 6: lifetime, through NATS', () => {
  test('nats-server killed and restarted mid-stream: the connections reconnect and the bridge keeps working', async () => {
    const own = await startNatsServer()
    cleanups.push(() => own.stop())
    const [ncA, ncB] = await Promise.all([natsConnection(own.url), natsConnection(own.url)])
    const a = makeBus()
    const b = makeBus()
    link(a, ncA, { subject: 'app', types: ['cart:changed'] })
    link(b, ncB, { subject: 'app', types: ['cart:changed'] })
    const carts = received(b, 'cart:changed')
    await Promise.all([ncA.flush(), ncB.flush()])
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(carts).toEqual([{ items: 1 }]))

    const reconnected = (nc: NatsConnection) =>
      (async () => {
        for await (const status of nc.status()) if (status.type === 'reconnect') return
      })()
    const both = Promise.all([reconnected(ncA), reconnected(ncB)])
    await own.restart()
    await both
    await Promise.all([ncA.flush(), ncB.flush()])
    a.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(carts).toEqual([{ items: 1 }, { items: 2 }]))
  }, 20_000)

  test("disconnect() ends the bridge's subscriptions and never closes the caller's connection", async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    const appMessages = vi.fn()
    nc.subscribe(`${subject}.cart:changed`, { callback: appMessages })
    const disconnect = link(bus, nc, { subject, types: ['cart:changed'] })
    disconnect()
    disconnect()
    expect(nc.isClosed()).toBe(false)
    const other = await natsConnection()
    other.publish(`${subject}.cart:changed`, JSON.stringify({ items: 1 }))
    await vi.waitFor(() => expect(appMessages).toHaveBeenCalledTimes(1))
    expect(bus.latest('cart:changed')).toBeUndefined()
    bus.emit('cart:changed', { items: 2 })
    await nc.flush()
    expect(appMessages).toHaveBeenCalledTimes(1)
  })

  test("disconnect() ends the bridge's watch of the connection's status (where refused publishes come)", async () => {
    const nc = await natsConnection()
    const status = vi.spyOn(nc, 'status')
    const disconnect = link(makeBus(), nc, { subject: prefix(), types: ['cart:changed'] })
    expect(status).toHaveBeenCalledTimes(1)
    const watch = status.mock.results[0]!.value as { stop(): void }
    const stop = vi.spyOn(watch, 'stop')
    disconnect()
    expect(stop).toHaveBeenCalledTimes(1)
  })

  test('aborting signal disconnects', async () => {
    const subject = prefix()
    const nc = await natsConnection()
    const bus = makeBus()
    const controller = new AbortController()
    link(bus, nc, { subject, types: ['cart:changed'], signal: controller.signal })
    controller.abort()
    const other = await natsConnection()
    other.publish(`${subject}.cart:changed`, JSON.stringify({ items: 1 }))
    await other.flush()
    await nc.flush()
    await settle()
    expect(bus.latest('cart:changed')).toBeUndefined()
  })
})

describe('Bridges rule 8: bad input, connectNats', () => {
  test('a connection without publish/subscribe, or a bus not made by createEventBus', async () => {
    const nc = await natsConnection()
    expect(() => connectNats(makeBus(), {} as never, { subject: 'app', types: ['cart:changed'] })).toThrow(
      /connectNats\(\): nc must be a NATS connection/,
    )
    expect(() => connectNats({} as never, nc, { subject: 'app', types: ['a'] } as never)).toThrow(/connectNats\(\): bus must be/)
  })
})
