import { requireInternals } from '../core/internals'
import { badInput } from '../core/report'
import type { EventBus } from '../core/types'
import { connect, envelope, hello, receiveEnvelope, type BridgeOptions } from './link'

/**
 * A web port: a `Worker`, a `MessagePort`, or `self` inside a worker (anything with
 * `postMessage` and `addEventListener('message')`, whose listener gets a `MessageEvent`).
 */
export interface WebPortLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void
  /** A MessagePort's: starts delivery when listening through addEventListener. */
  start?(): void
}

/** A Node port: `node:worker_threads`' `parentPort`, a `Worker` or a `MessagePort` (`on('message')` gets the value). */
export interface NodePortLike {
  postMessage(value: unknown): void
  on(event: 'message' | 'messageerror', listener: (value: unknown) => void): unknown
  off(event: 'message' | 'messageerror', listener: (value: unknown) => void): unknown
}

/**
 * What `connectPort` accepts: a web `Worker`, `MessagePort` or worker `self`, or a Node
 * `worker_threads` `Worker`, `MessagePort` or `parentPort`.
 */
export type PortLike = WebPortLike | NodePortLike

/**
 * Connects a bus to the bus at the other end of a port: a page and its Web Worker, two ends of a
 * `MessageChannel`, or a Node thread and its `worker_threads` worker.
 *
 * - A local emit of one of `types` is posted after its local handlers ran (structured clone: a
 *   payload that cannot be cloned goes to `onError` with `direction: 'out'`, local delivery goes
 *   on). A message that arrives is checked (shape, `types`, `schemas`) and emitted on the bus;
 *   it is never sent on again, nor is anything its handlers emit.
 * - The port may carry the app's own messages too: messages that are not busway's are left
 *   alone (neither emitted nor reported).
 * - A port queues messages until it is listened to; with `replay: true` the side that connects
 *   asks the other for the latest payload of each of `types` (the other side must be connected
 *   by then: set `replay` on the side that connects last, usually the worker).
 * - Node: the bridge listens with `on('message')`, which keeps the thread alive until
 *   `disconnect()`.
 *
 * @param bus - a bus made by `createEventBus`.
 * @param port - a `Worker`, `MessagePort`, worker `self`, or `worker_threads` `parentPort`,
 *   `Worker` or `MessagePort`.
 * @param options - `types`, and optionally `schemas`, `onError`, `replay`, `signal`.
 * @returns `disconnect()`: stops both directions and removes the bridge's listeners; it never
 *   closes or terminates the port, which stays the caller's. Calling it again does nothing.
 * @throws {TypeError} when `bus` was not made by `createEventBus`, `port` has no `postMessage`
 *   or no way to listen (`addEventListener` or `on`/`off`), or an option is wrong.
 *
 * @example
 * ```ts
 * // main thread
 * import { createEventBus } from 'busway/core'
 * import { connectPort } from 'busway/bridge'
 *
 * const bus = createEventBus<{ 'job:start': { id: string }; 'job:progress': { id: string; percent: number } }>()
 * const worker = new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module' })
 * const disconnect = connectPort(bus, worker, { types: ['job:start', 'job:progress'] })
 * bus.on('job:progress', ({ percent }) => console.log(`${percent}%`))
 * bus.emit('job:start', { id: 'j-1' })
 *
 * // job.worker.ts: connectPort(workerBus, self, { types: ['job:start', 'job:progress'] })
 * ```
 */
export function connectPort<E>(bus: EventBus<E>, port: PortLike, options: BridgeOptions<E>): () => void {
  requireInternals('connectPort', 'bus', bus)
  const candidate = port as Partial<WebPortLike & NodePortLike> | null
  if (typeof candidate?.postMessage !== 'function') {
    throw badInput('connectPort', 'port', 'a Worker, MessagePort or worker_threads port (with postMessage)', port)
  }
  const node = typeof candidate.on === 'function' && typeof candidate.off === 'function'
  if (!node && (typeof candidate.addEventListener !== 'function' || typeof candidate.removeEventListener !== 'function')) {
    throw badInput('connectPort', 'port', 'a port that can be listened to (addEventListener, or on and off)', port)
  }
  return connect('connectPort', 'port', bus, options, (link) => {
    const onValue = (value: unknown): void => receiveEnvelope(link, value)
    const onEvent = (event: MessageEvent): void => receiveEnvelope(link, event.data)
    const onMessageError = (): void =>
      link.dropped(new TypeError('busway: connectPort(): a message could not be deserialized'), undefined, undefined)
    if (node) {
      const nodePort = port as NodePortLike
      nodePort.on('message', onValue)
      nodePort.on('messageerror', onMessageError)
    } else {
      const webPort = port as WebPortLike
      webPort.addEventListener('message', onEvent)
      webPort.addEventListener('messageerror', onMessageError)
      // A MessagePort listened to through addEventListener delivers nothing until started.
      webPort.start?.()
    }
    return {
      send(type, payload, seq, id, to) {
        port.postMessage(envelope(link.busId, type, payload, seq, id, to))
      },
      requestReplay() {
        port.postMessage(hello(link))
      },
      close() {
        if (node) {
          ;(port as NodePortLike).off('message', onValue)
          ;(port as NodePortLike).off('messageerror', onMessageError)
        } else {
          ;(port as WebPortLike).removeEventListener('message', onEvent)
          ;(port as WebPortLike).removeEventListener('messageerror', onMessageError)
        }
      },
    }
  })
}
