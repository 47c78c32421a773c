import { useEffect, useState } from 'react'
import { connectBroadcast, connectNats, connectPort } from 'busway/bridge'
import { useBus } from '../hooks'

/** The NATS WebSocket URL: `?nats=ws://…` in the address, or VITE_NATS_URL (npm run example:nats). */
function natsUrl(): string | undefined {
  return new URLSearchParams(window.location.search).get('nats') ?? import.meta.env.VITE_NATS_URL ?? undefined
}

const url = natsUrl()

/**
 * The page's NATS connection, opened once for its lifetime (like the bus itself), so effects
 * that run twice under StrictMode share it. Loaded only when used: the default example ships
 * no NATS client.
 */
const natsConnection =
  url === undefined ? undefined : import('@nats-io/nats-core').then(({ wsconnect }) => wsconnect({ servers: url }))

/**
 * Connects the app's bus beyond this page, in effects (never during server rendering), each
 * returning its disconnect: React StrictMode's connect, disconnect, connect is harmless.
 * - other tabs of this origin, through BroadcastChannel (a tab opened later catches up: replay);
 * - the CSV export worker, through its port;
 * - with a NATS server, every browser and service on the `busway.example` subjects.
 */
export function Bridges() {
  const bus = useBus()
  const [nats, setNats] = useState<string>()

  useEffect(
    () => connectBroadcast(bus, { channel: 'busway-example', types: ['user:login', 'data:update'], replay: true }),
    [bus],
  )

  useEffect(() => {
    const worker = new Worker(new URL('../export.worker.ts', import.meta.url), { type: 'module' })
    const disconnect = connectPort(bus, worker, { types: ['report:export', 'report:progress'] })
    return () => {
      disconnect()
      worker.terminate() // the bridge never closes a port; the app owns its worker
    }
  }, [bus])

  useEffect(() => {
    if (natsConnection === undefined) return
    let disconnect: (() => void) | undefined
    let cancelled = false
    natsConnection.then(
      (nc) => {
        if (cancelled) return
        disconnect = connectNats(bus, nc, { subject: 'busway.example', types: ['system:alert', 'user:login', 'data:update'] })
        setNats(url)
      },
      (error: unknown) => setNats(`nothing: ${String(error)}`),
    )
    return () => {
      cancelled = true
      disconnect?.() // ends the bridge's subscriptions; the connection stays the page's
    }
  }, [bus])

  return (
    <p className="hint bridges" data-testid="bridges">
      Open this page in a second tab: sign-ins and data updates stay in sync through BroadcastChannel.
      {nats !== undefined && <> NATS: connected to {nats}; alerts from the monitor service arrive here.</>}
    </p>
  )
}
