// Starts a local nats-server for the tests, the benchmark and `npm run example:nats`: localhost
// only, on free ports the server picks itself (port -1), with a WebSocket listener for browsers
// and, optionally, JetStream storing into a temporary directory. Every run gets its own server.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const INSTALL_HINT =
  "nats-server is not installed (it is not on PATH): install Debian's package `nats-server` " +
  '(apt-get install -y nats-server), or a release from the NATS project'

/** Throws an error naming the package when nats-server is not on PATH. */
export function requireNatsServer() {
  const found = spawnSync('nats-server', ['--version'], { encoding: 'utf8' })
  if (found.error || found.status !== 0) throw new Error(INSTALL_HINT)
  return found.stdout.trim()
}

/**
 * Starts nats-server and resolves once it listens.
 * @param {{ jetstream?: boolean, port?: number, wsPort?: number, websocket?: string, extraConfig?: string, storeDir?: string }} [options]
 *   `port`/`wsPort`: reuse given ports (a restart); by default the server picks free ones.
 *   `websocket`: more settings of the WebSocket listener (`allowed_origins: [...]`);
 *   `extraConfig`: more top-level configuration (an `authorization` block).
 */
export async function startNatsServer(options = {}) {
  requireNatsServer()
  const dir = mkdtempSync(join(tmpdir(), 'busway-nats-'))
  const storeDir = options.storeDir ?? join(dir, 'jetstream')
  const config = [
    `listen: "127.0.0.1:${options.port ?? -1}"`,
    `websocket { listen: "127.0.0.1:${options.wsPort ?? -1}", no_tls: true${options.websocket ? `, ${options.websocket}` : ''} }`,
    options.jetstream ? `jetstream { store_dir: ${JSON.stringify(storeDir)} }` : '',
    options.extraConfig ?? '',
  ].join('\n')
  const configFile = join(dir, 'nats.conf')
  writeFileSync(configFile, config)
  const child = spawn('nats-server', ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  const ports = await new Promise((resolve, reject) => {
    const found = {}
    const timer = setTimeout(() => reject(new Error(`nats-server did not start in 10 s:\n${log}`)), 10_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`nats-server exited with ${code}:\n${log}`))
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk) => {
      if (found.ready) return
      log += chunk
      found.wsPort ??= Number(/websocket clients on ws:\/\/[\d.]+:(\d+)/.exec(log)?.[1]) || undefined
      found.port ??= Number(/client connections on [\d.]+:(\d+)/.exec(log)?.[1]) || undefined
      if (/Server is ready/.test(log) && found.port && found.wsPort) {
        found.ready = true
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve(found)
      }
    })
  })
  const server = {
    port: ports.port,
    wsPort: ports.wsPort,
    url: `nats://127.0.0.1:${ports.port}`,
    wsUrl: `ws://127.0.0.1:${ports.wsPort}`,
    storeDir,
    /** Stops the server (SIGKILL with `kill: true`, as a crash) and removes its directory. */
    async stop({ kill = false, keepStore = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill(kill ? 'SIGKILL' : 'SIGTERM')
        await exited
      }
      if (!keepStore) rmSync(dir, { recursive: true, force: true })
    },
    /** Kills the server and starts a new one on the same ports and store. */
    async restart() {
      await server.stop({ kill: true, keepStore: true })
      const next = await startNatsServer({ ...options, port: server.port, wsPort: server.wsPort, storeDir })
      server.stop = async (stopOptions) => {
        await next.stop(stopOptions)
        rmSync(dir, { recursive: true, force: true })
      }
      return server
    },
  }
  return server
}
