import { inspect, type EmitTrace } from 'busway/core'
import { connectBroadcast } from 'busway/bridge'
import { z } from 'zod'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { channelName, makeBus, onErrorMock, received, settle, type BridgeEvents } from './helpers'

// Node has BroadcastChannel as a global: two buses of this thread on one channel name behave as
// two tabs of one origin.

const cleanups: (() => void)[] = []
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup())
  vi.unstubAllGlobals()
})
function link(...args: Parameters<typeof connectBroadcast<BridgeEvents>>) {
  const disconnect = connectBroadcast(...args)
  cleanups.push(disconnect)
  return disconnect
}
const types = ['user:login', 'user:logout', 'cart:changed', 'toast:show'] as const

describe('Bridges rule 1: remote events are emitted (validated, recorded as latest, delivered, traced)', () => {
  test('two buses on one BroadcastChannel name: an emit on one reaches the other', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: [...types] })
    link(b, { channel, types: [...types] })
    const logins = received(b, 'user:login')

    a.emit('user:login', { userId: 'u-1' })
    a.emit('user:logout')
    await vi.waitFor(() => expect(logins).toEqual([{ userId: 'u-1' }]))
    expect(b.latest('user:login')).toEqual({ userId: 'u-1' })
  })

  test("a remote event goes through the receiving bus's schemas: their output is delivered", async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus({ schemas: { 'cart:changed': z.object({ items: z.coerce.number() }) } })
    link(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed'] })
    const carts = received(b, 'cart:changed')

    a.emit('cart:changed', { items: '3' as unknown as number })
    await vi.waitFor(() => expect(carts).toEqual([{ items: 3 }]))
  })

  test('a void event crosses as a void event', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['user:logout'] })
    link(b, { channel, types: ['user:logout'] })
    const logouts = received(b, 'user:logout')
    a.emit('user:logout')
    await vi.waitFor(() => expect(logouts).toEqual([undefined]))
  })
})

describe('Bridges rule 2: no loops, no echo', () => {
  test('a bus never receives its own events back, and a remote event is not sent on again', async () => {
    const channel = channelName()
    const buses = [makeBus(), makeBus(), makeBus()]
    const logs = buses.map((bus) => received(bus, 'cart:changed'))
    for (const bus of buses) link(bus, { channel, types: ['cart:changed'] })

    buses[0]!.emit('cart:changed', { items: 1 })
    await settle(60)
    expect(logs).toEqual([[{ items: 1 }], [{ items: 1 }], [{ items: 1 }]])
  })

  test('an emit made by the handler of a remote event stays on its bus (a toast raised by a login)', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['user:login', 'toast:show'] })
    link(b, { channel, types: ['user:login', 'toast:show'] })
    b.on('user:login', ({ userId }) => b.emit('toast:show', { text: `welcome ${userId}` }))
    const toastsOnA = received(a, 'toast:show')
    const toastsOnB = received(b, 'toast:show')

    a.emit('user:login', { userId: 'u-1' })
    await vi.waitFor(() => expect(toastsOnB).toEqual([{ text: 'welcome u-1' }]))
    await settle()
    expect(toastsOnA).toEqual([])
  })

  test('an event that reaches a bus by two paths is delivered once', async () => {
    const first = channelName()
    const second = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel: first, types: ['cart:changed'] })
    link(a, { channel: second, types: ['cart:changed'] })
    link(b, { channel: first, types: ['cart:changed'] })
    link(b, { channel: second, types: ['cart:changed'] })
    const carts = received(b, 'cart:changed')

    a.emit('cart:changed', { items: 1 })
    a.emit('cart:changed', { items: 2 })
    await settle(60)
    expect(carts).toEqual([{ items: 1 }, { items: 2 }])
  })
})

describe('Bridges rule 3: outgoing events are sent after local handlers; an unsendable payload is reported, local delivery goes on', () => {
  test('the local handlers have run when the message is posted', async () => {
    const channel = channelName()
    const a = makeBus()
    const order: string[] = []
    const post = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
    post.mockImplementation(() => void order.push('posted'))
    link(a, { channel, types: ['cart:changed'] })
    a.on('cart:changed', () => void order.push('handler'))
    a.emit('cart:changed', { items: 1 })
    post.mockRestore()
    expect(order).toEqual(['handler', 'posted'])
  })

  test("a payload that cannot be cloned goes to onError as 'out', and the local handlers still get it", () => {
    const channel = channelName()
    const a = makeBus()
    const onError = onErrorMock()
    link(a, { channel, types: ['toast:show'], onError })
    const toasts = received(a, 'toast:show')
    const payload = { text: 'hi', onClick: () => {} }

    expect(() => a.emit('toast:show', payload)).not.toThrow()
    expect(toasts).toEqual([payload])
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, context] = onError.mock.calls[0]!
    expect((error as Error).name).toBe('DataCloneError')
    expect(context).toEqual({ direction: 'out', type: 'toast:show', payload })
  })

  test('an event not in types stays local', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed', 'local:only'] })
    const locals = received(b, 'local:only')
    a.emit('local:only', 1)
    await settle()
    expect(locals).toEqual([])
  })

  test('without onError, a failure is reported as handler errors are (reportError)', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const a = makeBus()
    link(a, { channel: channelName(), types: ['toast:show'] })
    a.emit('toast:show', { text: 'x', fn: () => {} } as never)
    expect(reportError).toHaveBeenCalledTimes(1)
  })
})

describe('Bridges rule 4: untrusted input is checked before anything is emitted; what fails goes to onError', () => {
  async function raw(messages: unknown[], options: { schemas?: Record<string, z.ZodType> } = {}) {
    const channel = channelName()
    const bus = makeBus()
    const onError = onErrorMock()
    const emit = vi.spyOn(bus, 'emit')
    const deliveries: unknown[] = []
    bus.onAny((type, payload) => void deliveries.push([type, payload]))
    link(bus, { channel, types: ['cart:changed', 'user:login'], onError, ...(options as object) })
    const sender = new BroadcastChannel(channel)
    for (const message of messages) sender.postMessage(message)
    await settle(50)
    sender.close()
    return { onError, deliveries, emit }
  }

  test('an unlisted type is dropped and reported', async () => {
    const { onError, deliveries } = await raw([['busway', 'x', 1, 'local:only', 1]])
    expect(deliveries).toEqual([])
    expect(onError.mock.calls.map(([error, context]) => [(error as Error).message, context])).toEqual([
      [expect.stringContaining('"local:only": not in options.types'), { direction: 'in', type: 'local:only', payload: 1 }],
    ])
  })

  test('a malformed message (no type, no sender) is dropped and reported', async () => {
    const { onError, deliveries } = await raw([
      ['busway', 'x', 1, undefined, 1],
      ['busway', undefined, 1, 'cart:changed', { items: 1 }],
    ])
    expect(deliveries).toEqual([])
    expect(onError.mock.calls.map(([, context]) => context)).toEqual([
      { direction: 'in', type: undefined, payload: 1 },
      { direction: 'in', type: 'cart:changed', payload: { items: 1 } },
    ])
  })

  test("a payload failing the bridge's schema is dropped and reported, nothing emitted", async () => {
    const { onError, emit } = await raw([['busway', 'x', 1, 'cart:changed', { items: 'many' }]], {
      schemas: { 'cart:changed': z.object({ items: z.number() }) },
    })
    expect(emit).not.toHaveBeenCalled()
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'InvalidPayloadError' }), {
      direction: 'in',
      type: 'cart:changed',
      payload: { items: 'many' },
    })
  })

  test("a payload failing the bus's own schema is dropped and reported, latest unchanged", async () => {
    const channel = channelName()
    const bus = makeBus({ schemas: { 'cart:changed': z.object({ items: z.number() }) } })
    const onError = onErrorMock()
    link(bus, { channel, types: ['cart:changed'], onError })
    const sender = new BroadcastChannel(channel)
    sender.postMessage(['busway', 'x', 1, 'cart:changed', { items: 'many' }])
    await settle()
    sender.close()
    expect(bus.latest('cart:changed')).toBeUndefined()
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'InvalidPayloadError' }), expect.objectContaining({ direction: 'in' }))
  })

  test("a message that is not busway's is left alone: neither emitted nor reported", async () => {
    const { onError, deliveries } = await raw(['hello', { type: 'cart:changed', payload: { items: 1 } }, null])
    expect(deliveries).toEqual([])
    expect(onError).not.toHaveBeenCalled()
  })

  test('a valid message from a non-busway sender that follows the envelope is emitted', async () => {
    const { onError, deliveries } = await raw([['busway', 'other', 1, 'cart:changed', { items: 2 }]])
    expect(onError).not.toHaveBeenCalled()
    expect(deliveries).toEqual([['cart:changed', { items: 2 }]])
  })
})

describe('Bridges option replay: a late joiner gets the latest payload of each listed type', () => {
  test('a tab opened later receives what the open tabs hold, marked replayed in traces', async () => {
    const channel = channelName()
    const a = makeBus()
    link(a, { channel, types: ['cart:changed', 'user:login', 'user:logout'] })
    a.emit('cart:changed', { items: 4 })
    a.emit('user:login', { userId: 'u-9' })

    const late = makeBus()
    const traces: EmitTrace<BridgeEvents>[] = []
    inspect(late, (trace) => traces.push(trace))
    link(late, { channel, types: ['cart:changed', 'user:login'], replay: true })
    await vi.waitFor(() => expect(late.latest('user:login')).toEqual({ userId: 'u-9' }))
    expect(late.latest('cart:changed')).toEqual({ items: 4 })
    expect(traces.map((trace) => trace.origin)).toEqual([
      expect.objectContaining({ bridge: 'broadcast', replayed: true }),
      expect.objectContaining({ bridge: 'broadcast', replayed: true }),
    ])
  })

  test('several open tabs answer, and the late joiner emits each type once', async () => {
    const channel = channelName()
    const open = [makeBus(), makeBus(), makeBus()]
    for (const bus of open) {
      link(bus, { channel, types: ['cart:changed'] })
      bus.emit('cart:changed', { items: 5 })
    }
    const late = makeBus()
    const carts = received(late, 'cart:changed')
    link(late, { channel, types: ['cart:changed'], replay: true })
    await settle(60)
    expect(carts).toEqual([{ items: 5 }])
  })

  test('without replay, a tab opened later gets nothing of what came before', async () => {
    const channel = channelName()
    const a = makeBus()
    link(a, { channel, types: ['cart:changed'] })
    a.emit('cart:changed', { items: 4 })
    const late = makeBus()
    link(late, { channel, types: ['cart:changed'] })
    await settle()
    expect(late.latest('cart:changed')).toBeUndefined()
  })
})

describe('Bridges rule 6: lifetime', () => {
  test('disconnect() stops both directions, closes its channel, and is idempotent', async () => {
    const channel = channelName()
    const close = vi.spyOn(BroadcastChannel.prototype, 'close')
    const a = makeBus()
    const b = makeBus()
    const disconnect = connectBroadcast(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed'] })
    const onA = received(a, 'cart:changed')
    const onB = received(b, 'cart:changed')

    disconnect()
    disconnect()
    expect(close).toHaveBeenCalledTimes(1)
    close.mockRestore()
    a.emit('cart:changed', { items: 1 })
    b.emit('cart:changed', { items: 2 })
    await settle()
    expect(onA).toEqual([{ items: 1 }])
    expect(onB).toEqual([{ items: 2 }])
  })

  test('aborting signal disconnects; an already-aborted signal connects nothing', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    const controller = new AbortController()
    link(a, { channel, types: ['cart:changed'], signal: controller.signal })
    link(b, { channel, types: ['cart:changed'], signal: AbortSignal.abort() })
    const c = makeBus()
    link(c, { channel, types: ['cart:changed'] })
    const onC = received(c, 'cart:changed')

    b.emit('cart:changed', { items: 0 })
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(onC).toEqual([{ items: 1 }]))
    controller.abort()
    a.emit('cart:changed', { items: 2 })
    await settle()
    expect(onC).toEqual([{ items: 1 }])
  })

  test('clear() and listenerCount() do not see the bridge, which keeps working after clear()', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed'] })
    expect(a.listenerCount()).toBe(0)
    a.clear()
    const onB = received(b, 'cart:changed')
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(onB).toEqual([{ items: 1 }]))
  })

  test('connect, disconnect, connect (React StrictMode) leaves one working link', async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    connectBroadcast(a, { channel, types: ['cart:changed'] })()
    link(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed'] })
    const onB = received(b, 'cart:changed')
    a.emit('cart:changed', { items: 1 })
    await settle()
    expect(onB).toEqual([{ items: 1 }])
  })

  test('back/forward cache: the channel closes on pagehide and reopens on pageshow', async () => {
    const page = new EventTarget() as EventTarget & { addEventListener: EventTarget['addEventListener'] }
    vi.stubGlobal('window', page)
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['cart:changed'] })
    link(b, { channel, types: ['cart:changed'], replay: true })
    const onB = received(b, 'cart:changed')

    page.dispatchEvent(new Event('pagehide'))
    a.emit('cart:changed', { items: 1 })
    await settle()
    expect(onB).toEqual([])
    const show = Object.assign(new Event('pageshow'), { persisted: true })
    page.dispatchEvent(show)
    // Back from the cache with replay: it asks for what it missed.
    await vi.waitFor(() => expect(onB).toEqual([{ items: 1 }]))
    a.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(onB).toEqual([{ items: 1 }, { items: 2 }]))
  })
})

describe('Bridges rule 7: traces carry origin', () => {
  test("trace.origin names the bridge, the peer and the event's id at its sender", async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    const sent: EmitTrace<BridgeEvents>[] = []
    const got: EmitTrace<BridgeEvents>[] = []
    inspect(a, (trace) => sent.push(trace))
    link(a, { channel, types: ['user:login', 'toast:show'] })
    link(b, { channel, types: ['user:login', 'toast:show'] })
    // inspect attached after the bridge: both orders compose.
    inspect(b, (trace) => got.push(trace))
    b.on('user:login', () => b.emit('toast:show', { text: 'hi' }))

    a.emit('local:only', 1)
    a.emit('user:login', { userId: 'u-1' })
    await vi.waitFor(() => expect(got).toHaveLength(2))
    const login = got.find((trace) => trace.type === 'user:login')!
    const toast = got.find((trace) => trace.type === 'toast:show')!
    expect(sent.map((trace) => [trace.id, trace.type, trace.origin])).toEqual([
      [1, 'local:only', undefined],
      [2, 'user:login', undefined],
    ])
    expect(login.origin).toEqual({ bridge: 'broadcast', peer: expect.any(String), id: 2 })
    // The emit a remote event's handler made is local, and caused by it.
    expect(toast.origin).toBeUndefined()
    expect(toast.parentId).toBe(login.id)
  })

  test("origin.id is undefined when the sender was not being inspected", async () => {
    const channel = channelName()
    const a = makeBus()
    const b = makeBus()
    link(a, { channel, types: ['user:login'] })
    link(b, { channel, types: ['user:login'] })
    const got: EmitTrace<BridgeEvents>[] = []
    inspect(b, (trace) => got.push(trace))
    a.emit('user:login', { userId: 'u-1' })
    await vi.waitFor(() => expect(got).toHaveLength(1))
    expect(got[0]!.origin).toEqual({ bridge: 'broadcast', peer: expect.any(String), id: undefined })
  })
})

describe('Bridges rule 8: bad input is a TypeError naming the function and argument', () => {
  test.each([
    ['a bus not made by createEventBus', () => connectBroadcast({} as never, { channel: 'c', types: ['a'] } as never), /connectBroadcast\(\): bus must be/],
    ['a missing channel', () => connectBroadcast(makeBus(), { types: ['cart:changed'] } as never), /connectBroadcast\(\): options\.channel must be/],
    ['missing types', () => connectBroadcast(makeBus(), { channel: 'c' } as never), /connectBroadcast\(\): options\.types must be a non-empty array/],
    ['empty types', () => connectBroadcast(makeBus(), { channel: 'c', types: [] }), /options\.types must be a non-empty array/],
    ['a type that is not a string', () => connectBroadcast(makeBus(), { channel: 'c', types: [1 as never] }), /options\.types must be an array of strings/],
    ['a schema that is not a Standard Schema', () => connectBroadcast(makeBus(), { channel: 'c', types: ['cart:changed'], schemas: { 'cart:changed': {} as never } }), /options\.schemas\["cart:changed"\] must be a Standard Schema/],
    ['an onError that is not a function', () => connectBroadcast(makeBus(), { channel: 'c', types: ['cart:changed'], onError: 1 as never }), /options\.onError must be a function/],
    ['a signal that is not an AbortSignal', () => connectBroadcast(makeBus(), { channel: 'c', types: ['cart:changed'], signal: {} as never }), /options\.signal must be an AbortSignal/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(TypeError)
    expect(call).toThrow(message)
  })
})
