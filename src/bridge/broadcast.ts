import { requireInternals } from '../core/internals'
import { badInput } from '../core/report'
import type { EventBus } from '../core/types'
import { connect, envelope, hello, receiveEnvelope, type BridgeOptions } from './link'

/**
 * Options of `connectBroadcast`: those of every bridge, and the channel's name.
 *
 * @example
 * ```ts
 * import type { BroadcastOptions } from 'busway/bridge'
 *
 * const options: BroadcastOptions<{ 'user:logout': void }> = { channel: 'app', types: ['user:logout'] }
 * ```
 */
export interface BroadcastOptions<E> extends BridgeOptions<E> {
  /** The BroadcastChannel's name: buses connected with the same name (same origin) are linked. */
  channel: string
}

/**
 * Connects a bus to the buses of the other tabs, iframes and workers of this origin (and, in
 * Node, of this process's threads) through a `BroadcastChannel` it opens under `options.channel`.
 *
 * - A local emit of one of `types` is posted after its local handlers ran (structured clone:
 *   a payload that cannot be cloned, such as one holding a function, goes to `onError` with
 *   `direction: 'out'`, and local delivery is not affected).
 * - A message that arrives is checked (shape, `types`, `schemas`) and emitted on the bus, so the
 *   bus's schemas, `latest`, handlers and traces see it; it is never sent on again by a bridge
 *   of this bus, nor is anything its handlers emit.
 * - A BroadcastChannel reaches the pages that are open now: a tab opened later gets the latest
 *   payloads of `types` with `replay: true`, from the tabs that are open.
 * - Back/forward cache: in a page, the channel is closed on `pagehide` and opened again on
 *   `pageshow` (an open channel keeps a page out of the cache); with `replay`, the page then
 *   asks again for what it missed.
 * - Connect in an effect or a worker, never during server rendering: in React,
 *   `useEffect(() => connectBroadcast(bus, options), [bus])`; each connect opens its own
 *   channel, so StrictMode's connect, disconnect, connect works.
 *
 * @param bus - a bus made by `createEventBus`.
 * @param options - `channel`, `types`, and optionally `schemas`, `onError`, `replay`, `signal`.
 * @returns `disconnect()`: stops both directions and closes the channel; calling it again does
 *   nothing.
 * @throws {TypeError} when `bus` was not made by `createEventBus`, `options.channel` is not a
 *   non-empty string, `options.types` is missing or empty, another option has the wrong type,
 *   or this runtime has no `BroadcastChannel`.
 *
 * @example
 * ```ts
 * import { createEventBus } from 'busway/core'
 * import { connectBroadcast } from 'busway/bridge'
 *
 * const bus = createEventBus<{ 'user:logout': void; 'cart:changed': { items: number } }>()
 * const disconnect = connectBroadcast(bus, { channel: 'app', types: ['user:logout', 'cart:changed'], replay: true })
 * bus.emit('user:logout') // every other tab's bus emits 'user:logout' too
 * disconnect()
 * ```
 */
export function connectBroadcast<E>(bus: EventBus<E>, options: BroadcastOptions<E>): () => void {
  requireInternals('connectBroadcast', 'bus', bus)
  const name = (options as Partial<BroadcastOptions<E>> | null)?.channel
  if (typeof name !== 'string' || name === '') {
    throw badInput('connectBroadcast', 'options.channel', 'a non-empty string', name)
  }
  if (typeof BroadcastChannel !== 'function') {
    throw new TypeError('busway: connectBroadcast(): this runtime has no BroadcastChannel')
  }
  return connect('connectBroadcast', 'broadcast', bus, options, (link) => {
    let channel: BroadcastChannel | undefined
    const onMessage = (event: MessageEvent): void => receiveEnvelope(link, event.data)
    const onMessageError = (): void =>
      link.dropped(new TypeError('busway: connectBroadcast(): a message could not be deserialized'), undefined, undefined)
    const open = (): void => {
      channel = new BroadcastChannel(name)
      channel.addEventListener('message', onMessage)
      channel.addEventListener('messageerror', onMessageError)
    }
    const close = (): void => {
      channel?.close()
      channel = undefined
    }
    // Pages only: workers and Node have no pagehide.
    const page = typeof window === 'object' && typeof window.addEventListener === 'function' ? window : undefined
    const onPageShow = (event: PageTransitionEvent): void => {
      if (channel !== undefined) return
      open()
      if (event.persisted && link.replay) link.requestReplay()
    }
    page?.addEventListener('pagehide', close)
    page?.addEventListener('pageshow', onPageShow)
    open()
    return {
      send(type, payload, seq, id, to) {
        channel?.postMessage(envelope(link.busId, type, payload, seq, id, to))
      },
      requestReplay() {
        channel?.postMessage(hello(link))
      },
      close() {
        page?.removeEventListener('pagehide', close)
        page?.removeEventListener('pageshow', onPageShow)
        close()
      },
    }
  })
}
