import { inspect, type EmitTrace } from 'busway/core'
import { connectNats } from 'busway/bridge'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { connect, headers, type NatsConnection } from '@nats-io/transport-node'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { startNatsServer, type NatsServer } from '../../scripts/nats-server.mjs'
import { makeBus, onErrorMock, received, settle, type BridgeEvents } from './helpers'

// The README's "Security and tenants" setup, run: nats-server gets the README's own nats.conf
// block (its password placeholders replaced by bcrypt hashes of test passwords, its WebSocket
// listener on localhost without TLS), and each claim of the text is checked against it.

type User = 'acme' | 'globex' | 'backend'
/** bcrypt (cost 11) of `${user}-test-password`. */
const HASHES: Record<User, string> = {
  acme: '$2a$11$GhdjytweKt5ASr67P.OYEuFFA9WZExeOBGkXcjRNzGKG1dN8VIbm6',
  globex: '$2a$11$1PcNAy5VOiwpM/px5xzdiu0lNJjhTEQk9c19o37vMB7jSjQakUjNe',
  backend: '$2a$11$uUyuAiWhA1rRWphV9i1VNubM1CPdRoLpFAwwW20fOpLDSg7KWlbHy',
}
const PASSWORD_PLACEHOLDER = '"$2a$11$…"'

/** The README's nats.conf, split into the WebSocket listener's settings and the rest. */
function readmeConfig(): { websocket: string; rest: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('**Security and tenants.**'))
  const conf = /```conf\n([\s\S]*?)```/.exec(section)?.[1]
  if (conf === undefined) throw new Error('README: no conf block under "Security and tenants"')
  let replaced = 0
  const withPasswords = conf.replace(/user: "(\w+)",(\s*)password: ("[^"]*")/g, (match, user: string, space: string, password: string) => {
    if (password !== PASSWORD_PLACEHOLDER || !(user in HASHES)) throw new Error(`README: unexpected user or password in ${match}`)
    replaced++
    return `user: "${user}",${space}password: "${HASHES[user as User]}"`
  })
  expect(replaced).toBe(Object.keys(HASHES).length)
  const websocketLine = /^websocket \{ (.*) \}$/m.exec(withPasswords)
  if (websocketLine === null) throw new Error('README: no one-line websocket block')
  // The test's listener replaces the README's address and certificate; its other settings stay.
  const websocket = websocketLine[1]!.replace(/listen: "[^"]*",\s*/, '').replace(/tls \{[^}]*\},\s*/, '')
  return { websocket, rest: withPasswords.replace(websocketLine[0], '') }
}

let server: NatsServer
beforeAll(async () => {
  const { websocket, rest } = readmeConfig()
  server = await startNatsServer({ websocket, extraConfig: rest })
})
afterAll(async () => {
  await server?.stop()
})

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A connection of `user` with its password, and the errors its `status()` yields. */
async function connectAs(user: User, url = server.url): Promise<NatsConnection & { statusErrors: Error[] }> {
  const nc = await connect({ servers: url, user, pass: `${user}-test-password` })
  cleanups.push(() => nc.close())
  const statusErrors: Error[] = []
  void (async () => {
    for await (const status of nc.status()) if (status.type === 'error') statusErrors.push(status.error)
  })()
  return Object.assign(nc, { statusErrors })
}
function link(...args: Parameters<typeof connectNats<BridgeEvents>>) {
  const disconnect = connectNats(...args)
  cleanups.push(disconnect)
  return disconnect
}
/** Every message a connection receives on `subject`, with its headers. */
function tap(nc: NatsConnection, subject: string) {
  const messages: { subject: string; body: string; origin: string | undefined; seq: string | undefined }[] = []
  nc.subscribe(subject, {
    callback(error, msg) {
      if (error) throw error
      messages.push({ subject: msg.subject, body: msg.string(), origin: msg.headers?.get('busway-origin'), seq: msg.headers?.get('busway-seq') })
    },
  })
  return messages
}
const flushAll = (...connections: NatsConnection[]) => Promise.all(connections.map((nc) => nc.flush()))
const types = ['cart:changed', 'system:alert'] as const
const permissionError = (operation: 'publish' | 'subscription', subject: string) =>
  expect.objectContaining({ name: 'PermissionViolationError', operation, subject })

describe('README, Security and tenants: the nats.conf shown, run by nats-server', () => {
  test('it starts, and a user connects with its own password only', async () => {
    await connectAs('acme')
    await expect(connect({ servers: server.url, user: 'acme', pass: 'globex-test-password' })).rejects.toMatchObject({ name: 'AuthorizationError' })
    await expect(connect({ servers: server.url })).rejects.toMatchObject({ name: 'AuthorizationError' })
  })

  test("a tenant's events reach its other buses and the backend, never another tenant's", async () => {
    const [acme1, acme2, globex, backend] = await Promise.all([connectAs('acme'), connectAs('acme'), connectAs('globex'), connectAs('backend')])
    const [a1, a2, g] = [makeBus(), makeBus(), makeBus()]
    const onError = onErrorMock()
    link(a1, acme1, { subject: 'busway.acme', types, onError })
    link(a2, acme2, { subject: 'busway.acme', types, onError })
    link(g, globex, { subject: 'busway.globex', types, onError })
    const [a2Carts, gCarts, a1Carts] = [received(a2, 'cart:changed'), received(g, 'cart:changed'), received(a1, 'cart:changed')]
    const seen = tap(backend, 'busway.*.>')
    await flushAll(acme1, acme2, globex, backend)

    a1.emit('cart:changed', { items: 1 })
    g.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(seen).toHaveLength(2))
    await flushAll(acme1, acme2, globex)
    await settle()
    expect(a2Carts).toEqual([{ items: 1 }])
    expect(gCarts).toEqual([{ items: 2 }])
    expect(a1Carts).toEqual([{ items: 1 }]) // its own, not globex's
    expect(seen.map(({ subject, body }) => [subject, body]).sort()).toEqual([
      ['busway.acme.cart:changed', '{"items":1}'],
      ['busway.globex.cart:changed', '{"items":2}'],
    ])
    expect(onError).not.toHaveBeenCalled()
    expect([...acme1.statusErrors, ...acme2.statusErrors, ...globex.statusErrors, ...backend.statusErrors]).toEqual([])
  })

  test("the backend publishes into one tenant: a plain JSON message reaches that tenant's buses only", async () => {
    const [acme, globex, backend] = await Promise.all([connectAs('acme'), connectAs('globex'), connectAs('backend')])
    const [a, g] = [makeBus(), makeBus()]
    link(a, acme, { subject: 'busway.acme', types })
    link(g, globex, { subject: 'busway.globex', types })
    const gAlerts = received(g, 'system:alert')
    await flushAll(acme, globex)

    backend.publish('busway.acme.system:alert', JSON.stringify({ severity: 'critical', message: 'disk full' }))
    await vi.waitFor(() => expect(a.latest('system:alert')).toEqual({ severity: 'critical', message: 'disk full' }))
    await flushAll(backend, globex)
    await settle()
    expect(gAlerts).toEqual([])
    expect(backend.statusErrors).toEqual([])
  })

  test("a bus of acme given globex's prefix: the server refuses its subscriptions and its publishes, reported to onError; the connection stays open", async () => {
    const [acme, acme2, globex, backend] = await Promise.all([connectAs('acme'), connectAs('acme'), connectAs('globex'), connectAs('backend')])
    const [rogue, own, own2, g] = [makeBus(), makeBus(), makeBus(), makeBus()]
    const onError = onErrorMock()
    link(own, acme, { subject: 'busway.acme', types }) // the same connection, its own prefix
    link(own2, acme2, { subject: 'busway.acme', types })
    link(rogue, acme, { subject: 'busway.globex', types, onError })
    link(g, globex, { subject: 'busway.globex', types })
    const [gCarts, rogueCarts, rogueAlerts] = [received(g, 'cart:changed'), received(rogue, 'cart:changed'), received(rogue, 'system:alert')]
    const seen = tap(backend, 'busway.globex.>')
    await flushAll(acme, acme2, globex, backend)

    // Each subscription is refused: one 'in' report per type, and nats.js closes it.
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2))
    expect(onError.mock.calls).toEqual([
      [permissionError('subscription', 'busway.globex.cart:changed'), { direction: 'in', type: 'cart:changed', payload: undefined }],
      [permissionError('subscription', 'busway.globex.system:alert'), { direction: 'in', type: 'system:alert', payload: undefined }],
    ])
    onError.mockClear()

    // Each publish is refused: one 'out' report per event, with its type (the server's refusal,
    // a status of the connection, names the subject, not the message); local delivery goes on.
    rogue.emit('cart:changed', { items: 666 })
    rogue.emit('system:alert', { severity: 'critical', message: 'forged' })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2))
    expect(onError.mock.calls).toEqual([
      [permissionError('publish', 'busway.globex.cart:changed'), { direction: 'out', type: 'cart:changed', payload: undefined }],
      [permissionError('publish', 'busway.globex.system:alert'), { direction: 'out', type: 'system:alert', payload: undefined }],
    ])
    expect(rogueCarts).toEqual([{ items: 666 }])

    // Nothing reached globex; and what globex's side publishes reaches nothing of acme's.
    g.emit('cart:changed', { items: 3 })
    backend.publish('busway.globex.system:alert', JSON.stringify({ severity: 'info', message: 'for globex' }))
    await vi.waitFor(() => expect(seen).toHaveLength(2))
    await flushAll(acme, globex)
    await settle()
    expect(gCarts).toEqual([{ items: 3 }]) // its own emit: nothing of the rogue bus's
    expect(g.latest('system:alert')).toEqual({ severity: 'info', message: 'for globex' })
    expect(rogueCarts).toEqual([{ items: 666 }])
    expect(rogueAlerts).toEqual([{ severity: 'critical', message: 'forged' }])

    // The connection reports the same four refusals, stays open, and its other bridge works.
    expect(acme.statusErrors).toEqual([
      permissionError('subscription', 'busway.globex.cart:changed'),
      permissionError('subscription', 'busway.globex.system:alert'),
      permissionError('publish', 'busway.globex.cart:changed'),
      permissionError('publish', 'busway.globex.system:alert'),
    ])
    expect(acme.isClosed()).toBe(false)
    own.emit('cart:changed', { items: 4 })
    await vi.waitFor(() => expect(own2.latest('cart:changed')).toEqual({ items: 4 }))
    expect(onError).toHaveBeenCalledTimes(2)
  })

  test("a bridge reports the refused publishes of its own subjects only, and none after disconnect()", async () => {
    const acme = await connectAs('acme')
    const [rogue, other] = [makeBus(), makeBus()]
    const [onRogue, onOther] = [onErrorMock(), onErrorMock()]
    const disconnect = link(rogue, acme, { subject: 'busway.globex', types: ['cart:changed'], onError: onRogue })
    link(other, acme, { subject: 'busway.acme', types, onError: onOther })
    await vi.waitFor(() => expect(onRogue).toHaveBeenCalledTimes(1)) // its subscription, refused
    acme.publish('busway.globex.system:alert', '{}') // not one of its types
    acme.publish('busway.initech.cart:changed', '{}') // not its prefix
    acme.publish('busway.globex.cart:changed', '{}') // its subject, whoever publishes
    await vi.waitFor(() => expect(acme.statusErrors).toHaveLength(4))
    expect(onRogue.mock.calls.map(([error, context]) => [(error as { operation: string }).operation, context])).toEqual([
      ['subscription', { direction: 'in', type: 'cart:changed', payload: undefined }],
      ['publish', { direction: 'out', type: 'cart:changed', payload: undefined }],
    ])

    disconnect()
    rogue.emit('cart:changed', { items: 1 }) // stays local
    acme.publish('busway.globex.cart:changed', '{}')
    await vi.waitFor(() => expect(acme.statusErrors).toHaveLength(5))
    await settle()
    expect(onRogue).toHaveBeenCalledTimes(2)
    expect(onOther).not.toHaveBeenCalled()
    expect(acme.isClosed()).toBe(false)
  })

  test("acme's raw publish onto globex's subject with forged busway-* headers is refused and reaches no bus", async () => {
    const [acme, globex, backend] = await Promise.all([connectAs('acme'), connectAs('globex'), connectAs('backend')])
    const [g1, g2] = [makeBus(), makeBus()]
    link(g1, globex, { subject: 'busway.globex', types })
    link(g2, globex, { subject: 'busway.globex', types })
    const seen = tap(backend, 'busway.globex.>')
    await flushAll(globex, backend)
    // Headers copied from a real event of globex's, then a new sequence number: what a peer sends.
    g1.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(seen).toHaveLength(1))
    const forged = headers()
    forged.set('busway-origin', seen[0]!.origin!)
    forged.set('busway-seq', String(Number(seen[0]!.seq) + 1))

    acme.publish('busway.globex.cart:changed', JSON.stringify({ items: 999 }), { headers: forged })
    await acme.flush()
    await vi.waitFor(() => expect(acme.statusErrors).toEqual([permissionError('publish', 'busway.globex.cart:changed')]))
    await flushAll(globex, backend)
    await settle()
    expect(seen).toHaveLength(1)
    expect(g2.latest('cart:changed')).toEqual({ items: 1 })
    expect(acme.isClosed()).toBe(false)
  })

  test("within a tenant, forged busway-* headers can pass for another bus and make it drop its next event", async () => {
    const [acme1, acme2, mallory] = await Promise.all([connectAs('acme'), connectAs('acme'), connectAs('acme')])
    const [a1, a2] = [makeBus(), makeBus()]
    link(a1, acme1, { subject: 'busway.acme', types })
    link(a2, acme2, { subject: 'busway.acme', types })
    const a2Carts = received(a2, 'cart:changed')
    const traces: EmitTrace<BridgeEvents>[] = []
    inspect(a2, (trace) => traces.push(trace))
    const seen = tap(mallory, 'busway.acme.>')
    await flushAll(acme1, acme2, mallory)
    a1.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(a2Carts).toEqual([{ items: 1 }]))
    const { origin, seq } = seen[0]!

    // a1's id and its next sequence number: a2 takes the message for a1's, and then a1's real
    // event for a duplicate.
    const forged = headers()
    forged.set('busway-origin', origin!)
    forged.set('busway-seq', String(Number(seq) + 1))
    mallory.publish('busway.acme.cart:changed', JSON.stringify({ items: 999 }), { headers: forged })
    await vi.waitFor(() => expect(a2Carts).toEqual([{ items: 1 }, { items: 999 }]))
    expect(traces.at(-1)?.origin).toMatchObject({ bridge: 'nats', peer: origin })
    a1.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(seen).toHaveLength(3))
    await flushAll(acme2)
    await settle()
    expect(a2Carts).toEqual([{ items: 1 }, { items: 999 }])
    expect(mallory.statusErrors).toEqual([])
  })

  test("acme cannot read globex's events, not even through a wildcard, nor replies on _INBOX.>", async () => {
    const [acme, globex] = await Promise.all([connectAs('acme'), connectAs('globex')])
    const refusals: Error[] = []
    const read: string[] = []
    for (const subject of ['busway.globex.cart:changed', 'busway.>', '>', '_INBOX.>']) {
      acme.subscribe(subject, { callback: (error, msg) => void (error ? refusals.push(error) : read.push(msg.subject)) })
    }
    await acme.flush()
    const g = makeBus()
    link(g, globex, { subject: 'busway.globex', types })
    g.emit('cart:changed', { items: 1 })
    await flushAll(globex, acme)
    await settle()
    expect(refusals).toEqual(['busway.globex.cart:changed', 'busway.>', '>', '_INBOX.>'].map((subject) => permissionError('subscription', subject)))
    expect(read).toEqual([])
    expect(acme.isClosed()).toBe(false)
  })

  test("the WebSocket listener lets the app's pages connect and refuses a page of another origin", async () => {
    const upgrade = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port: server.wsPort,
          headers: {
            Origin: origin,
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        })
        req.once('upgrade', (response, socket) => {
          socket.destroy()
          resolve(response.statusCode!)
        })
        req.once('response', (response) => {
          response.resume()
          resolve(response.statusCode!)
        })
        req.once('error', reject)
        req.end()
      })
    expect(await upgrade('https://app.example.com')).toBe(101)
    expect(await upgrade('https://evil.example')).toBe(403)
    // What `same_origin: true` would check: the page's origin is the listener's own.
    expect(await upgrade(`http://127.0.0.1:${server.wsPort}`)).toBe(403)
  })
})

/** `text` with `pattern` replaced, which must match. */
function edit(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`the README's config no longer matches ${pattern}`)
  return text.replace(pattern, replacement)
}

describe('README, Security and tenants: inboxes', () => {
  test('a tenant allowed to subscribe to _INBOX.> reads the replies meant for another: the tenants get none', async () => {
    // The README's config with what it used to give the tenants, and a backend that answers requests.
    const { websocket, rest } = readmeConfig()
    let config = edit(rest, /subscribe: "(busway\.acme\.>)"/, 'subscribe: ["$1", "_INBOX.>"]')
    config = edit(config, /subscribe: "(busway\.globex\.>)"/, 'subscribe: ["$1", "_INBOX.>"]')
    config = edit(config, /subscribe: "busway\.\*\.>" \}/, 'subscribe: "busway.*.>", allow_responses: true }')
    const other = await startNatsServer({ websocket, extraConfig: config })
    cleanups.push(() => other.stop())
    const [acme, globex, backend] = await Promise.all([connectAs('acme', other.url), connectAs('globex', other.url), connectAs('backend', other.url)])
    backend.subscribe('busway.acme.secret', { callback: (_, msg) => void msg.respond('for acme only') })
    const spied = tap(globex, '_INBOX.>')
    await flushAll(backend, globex)

    expect((await acme.request('busway.acme.secret', '', { timeout: 2000 })).string()).toBe('for acme only')
    await vi.waitFor(() => expect(spied.map(({ body }) => body)).toEqual(['for acme only']))
  })

  test("JetStream with an inbox of the tenant's own (inboxPrefix) and its stream's API subjects: publish and replay work", async () => {
    // acme's permissions as the README's text extends them, and an administrator to make the stream.
    const { websocket, rest } = readmeConfig()
    let config = edit(
      rest,
      /permissions: \{ publish: "busway\.acme\.>", +subscribe: "busway\.acme\.>" \}/,
      'permissions: { publish: ["busway.acme.>", "$JS.API.STREAM.INFO.acme", "$JS.API.STREAM.MSG.GET.acme"], subscribe: ["busway.acme.>", "_INBOX_acme.>"] }',
    )
    config = edit(config, /\n {2}\]\n\}/, '\n    { user: "admin", password: "admin-test-password" }\n  ]\n}')
    const other = await startNatsServer({ websocket, extraConfig: config, jetstream: true })
    cleanups.push(() => other.stop())
    const admin = await connect({ servers: other.url, user: 'admin', pass: 'admin-test-password' })
    cleanups.push(() => admin.close())
    await (await jetstreamManager(admin)).streams.add({ name: 'acme', subjects: ['busway.acme.>'], max_msgs_per_subject: 1 })

    // Without an inbox of its own, the publish's reply subscription is refused: reported as 'out'.
    const plain = await connectAs('acme', other.url)
    const refused = onErrorMock()
    const a0 = makeBus()
    link(a0, plain, { subject: 'busway.acme', types, jetstream: jetstream(plain), stream: 'acme', onError: refused })
    a0.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(refused).toHaveBeenCalledTimes(1))
    expect(refused).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/^Permissions Violation for Subscription to "_INBOX\./) }),
      { direction: 'out', type: 'cart:changed', payload: { items: 1 } },
    )

    const nc = await connect({ servers: other.url, user: 'acme', pass: 'acme-test-password', inboxPrefix: '_INBOX_acme' })
    cleanups.push(() => nc.close())
    // Outside the prefix, a JetStream publish is refused: reported once, by its rejection.
    const rogue = makeBus()
    const onRogue = onErrorMock()
    link(rogue, nc, { subject: 'busway.globex', types: ['cart:changed'], jetstream: jetstream(nc), stream: 'acme', onError: onRogue })
    rogue.emit('cart:changed', { items: 666 })
    await vi.waitFor(() => expect(onRogue).toHaveBeenCalledTimes(2))
    await nc.flush()
    await settle()
    expect(onRogue.mock.calls.map(([error, context]) => [(error as Error).message, context])).toEqual([
      ['Permissions Violation for Subscription to "busway.globex.cart:changed"', { direction: 'in', type: 'cart:changed', payload: undefined }],
      ['Permissions Violation for Publish to "busway.globex.cart:changed"', { direction: 'out', type: 'cart:changed', payload: { items: 666 } }],
    ])

    const onError = onErrorMock()
    const a1 = makeBus()
    link(a1, nc, { subject: 'busway.acme', types, jetstream: jetstream(nc), stream: 'acme', onError })
    a1.emit('cart:changed', { items: 2 })
    await vi.waitFor(async () => expect((await jetstreamManager(admin)).streams.info('acme')).resolves.toMatchObject({ state: { messages: 1 } }))
    const late = makeBus()
    link(late, nc, { subject: 'busway.acme', types, jetstream: jetstream(nc), stream: 'acme', replay: true, onError })
    await vi.waitFor(() => expect(late.latest('cart:changed')).toEqual({ items: 2 }))
    expect(onError).not.toHaveBeenCalled()
  })
})
