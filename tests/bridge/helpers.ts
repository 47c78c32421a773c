import { createEventBus, type EventBus, type EventBusOptions } from 'busway/core'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'

/** The event map of the bridge tests. */
export interface BridgeEvents {
  'user:login': { userId: string }
  'user:logout': void
  'cart:changed': { items: number }
  'toast:show': { text: string }
  'job:start': { id: string }
  'job:progress': { id: string; percent: number }
  'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
  'local:only': number
}

export const makeBus = (options?: EventBusOptions<BridgeEvents>): EventBus<BridgeEvents> =>
  createEventBus<BridgeEvents>(options)

/** A BroadcastChannel name of its own for each test. */
export const channelName = (): string => `busway-test-${Math.random().toString(36).slice(2)}`

/** Records the payloads a bus delivers for `type`. */
export function received<K extends keyof BridgeEvents & string>(bus: EventBus<BridgeEvents>, type: K): BridgeEvents[K][] {
  const payloads: BridgeEvents[K][] = []
  bus.on(type, (payload) => void payloads.push(payload))
  return payloads
}

/** Lets the message loop run a few times: long enough for a message in flight to land. */
export const settle = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** An `onError` mock typed for the bridges. */
export const onErrorMock = () => vi.fn<(error: unknown, context: { direction: 'in' | 'out'; type: string | undefined; payload: unknown }) => void>()

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/**
 * A fixture script bundled for `new Worker(code, { eval: true })`: a worker thread runs plain
 * JavaScript, so busway's public names are mapped to the sources here as the test config does.
 */
export async function bundleFixture(name: string): Promise<string> {
  const entries: Record<string, string> = {
    'busway/core': fromRoot('src/core/index.ts'),
    'busway/bridge': fromRoot('src/bridge/index.ts'),
  }
  const result = await build({
    entryPoints: [fromRoot(`tests/bridge/fixtures/${name}`)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    plugins: [
      {
        name: 'busway-sources',
        setup(context) {
          context.onResolve({ filter: /^busway\/(core|bridge)$/ }, ({ path }) => ({ path: entries[path]! }))
        },
      },
    ],
  })
  return result.outputFiles[0]!.text
}
