import { connectPort, type WebPortLike } from 'busway/bridge'
import { MessageChannel, Worker } from 'node:worker_threads'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { bundleFixture, makeBus, onErrorMock, received, settle, type BridgeEvents } from './helpers'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})
function link(...args: Parameters<typeof connectPort<BridgeEvents>>) {
  const disconnect = connectPort(...args)
  cleanups.push(disconnect)
  return disconnect
}
function channel() {
  const { port1, port2 } = new MessageChannel()
  cleanups.push(() => (port1.close(), port2.close()))
  return { port1, port2 }
}
/** A Node MessagePort seen through its web interface only (addEventListener, start), as a browser's. */
const webView = (port: MessagePort | import('node:worker_threads').MessagePort): WebPortLike => ({
  postMessage: (message) => port.postMessage(message),
  addEventListener: (type, listener) => (port as MessagePort).addEventListener(type, listener),
  removeEventListener: (type, listener) => (port as MessagePort).removeEventListener(type, listener),
  start: () => (port as MessagePort).start(),
})

describe('Bridges rule 1: remote events are emitted, over a port', () => {
  test('the two ends of a worker_threads MessageChannel (on/off)', async () => {
    const { port1, port2 } = channel()
    const a = makeBus()
    const b = makeBus()
    link(a, port1, { types: ['cart:changed'] })
    link(b, port2, { types: ['cart:changed'] })
    const onA = received(a, 'cart:changed')
    const onB = received(b, 'cart:changed')
    a.emit('cart:changed', { items: 1 })
    b.emit('cart:changed', { items: 2 })
    await vi.waitFor(() => expect(onB).toEqual([{ items: 2 }, { items: 1 }]))
    expect(onA).toEqual([{ items: 1 }, { items: 2 }])
  })

  test('web ports (addEventListener, started by the bridge)', async () => {
    const { port1, port2 } = channel()
    const a = makeBus()
    const b = makeBus()
    link(a, webView(port1), { types: ['cart:changed'] })
    link(b, webView(port2), { types: ['cart:changed'] })
    const onB = received(b, 'cart:changed')
    a.emit('cart:changed', { items: 1 })
    await vi.waitFor(() => expect(onB).toEqual([{ items: 1 }]))
  })

  test('a real worker_threads Worker: its bus answers job:start with progress, replay included', async () => {
    const bus = makeBus()
    bus.emit('user:login', { userId: 'u-7' })
    const worker = new Worker(await bundleFixture('job-worker.ts'), { eval: true })
    cleanups.push(() => worker.terminate())
    link(bus, worker, { types: ['job:start', 'job:progress', 'user:login'] })
    const progress = received(bus, 'job:progress')
    await new Promise((resolve) => worker.once('online', resolve))
    // The worker's replay request is answered with the latest login before its job starts.
    await settle(100)
    bus.emit('job:start', { id: 'j-1' })
    await vi.waitFor(() => expect(progress.map(({ percent }) => percent)).toEqual([25, 50, 100]), { timeout: 5000 })
    expect(progress[0]).toEqual({ id: 'j-1 by u-7', percent: 25 })
  })
})

describe('Bridges rule 2: no loops, no echo, over a port', () => {
  test('a remote event and what its handlers emit are not sent back', async () => {
    const { port1, port2 } = channel()
    const a = makeBus()
    const b = makeBus()
    link(a, port1, { types: ['user:login', 'toast:show'] })
    link(b, port2, { types: ['user:login', 'toast:show'] })
    b.on('user:login', () => b.emit('toast:show', { text: 'hi' }))
    const loginsOnA = received(a, 'user:login')
    const toastsOnA = received(a, 'toast:show')
    a.emit('user:login', { userId: 'u-1' })
    await vi.waitFor(() => expect(b.latest('toast:show')).toEqual({ text: 'hi' }))
    await settle()
    expect(loginsOnA).toEqual([{ userId: 'u-1' }])
    expect(toastsOnA).toEqual([])
  })
})

describe('Bridges rule 3 and 4 over a port', () => {
  test("an uncloneable payload goes to onError as 'out'; local delivery goes on", () => {
    const { port1 } = channel()
    const bus = makeBus()
    const onError = onErrorMock()
    link(bus, port1, { types: ['toast:show'], onError })
    const toasts = received(bus, 'toast:show')
    const payload = { text: 'x', run: () => {} } as never
    bus.emit('toast:show', payload)
    expect(toasts).toEqual([payload])
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'DataCloneError' }), { direction: 'out', type: 'toast:show', payload })
  })

  test("the app's own messages on the port are left alone; busway's malformed ones are reported", async () => {
    const { port1, port2 } = channel()
    const bus = makeBus()
    const onError = onErrorMock()
    const seen = vi.fn()
    bus.onAny(seen)
    link(bus, port1, { types: ['cart:changed'], onError })
    port2.postMessage({ kind: 'app-message' })
    port2.postMessage(['app', 'w', 1, 'cart:changed', { items: 9 }])
    port2.postMessage(['busway', 'w', 1, 'cart:changed', { items: 1 }])
    port2.postMessage(['busway', 'w', 1, 'cart:changed', { items: 1 }]) // the same event again
    port2.postMessage(['busway', 'w', 2, 'user:login', { userId: 'x' }])
    port2.postMessage(['busway', 7, 3, 'cart:changed', { items: 3 }])
    await settle()
    expect(seen.mock.calls).toEqual([['cart:changed', { items: 1 }]])
    expect(onError.mock.calls.map(([, context]) => context)).toEqual([
      { direction: 'in', type: 'user:login', payload: { userId: 'x' } },
      { direction: 'in', type: 'cart:changed', payload: { items: 3 } },
    ])
  })

  test('the duplicate check remembers at least the last 1,024 events received, at most 2,048, from any number of peers', async () => {
    const { port1, port2 } = channel()
    const bus = makeBus()
    const onCart = received(bus, 'cart:changed')
    link(bus, port1, { types: ['cart:changed'] })
    const event = (peer: string, seq: number) => ['busway', peer, seq, 'cart:changed', { items: seq }]
    port2.postMessage(event('w', 1))
    port2.postMessage(event('w', 2))
    port2.postMessage(event('w', 4)) // out of order, with a gap: 3 comes last
    for (let index = 0; index < 1020; index++) port2.postMessage(event(`peer-${index}`, 1))
    port2.postMessage(event('w', 3))
    for (const seq of [1, 2, 3, 4]) port2.postMessage(event('w', seq)) // 1,021 to 1,024 events later: repeats
    await settle(100)
    expect(onCart).toHaveLength(4 + 1020)
    for (let index = 0; index < 2048; index++) port2.postMessage(event(`other-${index}`, 1))
    port2.postMessage(event('w', 1)) // 2,048 events later: forgotten, delivered again
    await settle(100)
    expect(onCart).toHaveLength(4 + 1020 + 2048 + 1)
    expect(onCart.at(-1)).toEqual({ items: 1 })
  })
})

describe('Bridges rule 6: disconnect() closes only what the bridge opened', () => {
  test('the port stays open and usable by the app after disconnect()', async () => {
    const { port1, port2 } = channel()
    const bus = makeBus()
    const closed = vi.fn()
    port1.on('close', closed)
    const disconnect = link(bus, port1, { types: ['cart:changed'] })
    disconnect()
    disconnect()
    const appMessages: unknown[] = []
    port1.on('message', (message) => appMessages.push(message))
    port2.postMessage(['busway', 'w', 1, 'cart:changed', { items: 1 }])
    port2.postMessage('app')
    await settle()
    expect(closed).not.toHaveBeenCalled()
    expect(appMessages).toHaveLength(2)
    expect(bus.latest('cart:changed')).toBeUndefined()
  })

  test('aborting signal disconnects', async () => {
    const { port1, port2 } = channel()
    const a = makeBus()
    const b = makeBus()
    const controller = new AbortController()
    link(a, port1, { types: ['cart:changed'], signal: controller.signal })
    link(b, port2, { types: ['cart:changed'] })
    const onB = received(b, 'cart:changed')
    controller.abort()
    a.emit('cart:changed', { items: 1 })
    await settle()
    expect(onB).toEqual([])
  })
})

describe('Bridges rule 8: bad input', () => {
  test.each([
    ['a bus not made by createEventBus', () => connectPort({} as never, new MessageChannel().port1, { types: ['a'] } as never), /connectPort\(\): bus must be/],
    ['a port without postMessage', () => connectPort(makeBus(), {} as never, { types: ['cart:changed'] }), /connectPort\(\): port must be a Worker, MessagePort/],
    ['a port that cannot be listened to', () => connectPort(makeBus(), { postMessage() {} } as never, { types: ['cart:changed'] }), /connectPort\(\): port must be a port that can be listened to/],
    ['empty types', () => connectPort(makeBus(), new MessageChannel().port1, { types: [] }), /connectPort\(\): options\.types must be a non-empty array/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(TypeError)
    expect(call).toThrow(message)
  })
})
