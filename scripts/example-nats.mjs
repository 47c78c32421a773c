// `npm run example:nats`: a local nats-server with a WebSocket listener, the Node monitor
// service publishing `system:alert` into it, and the example app connected through connectNats.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { INSTALL_HINT, startNatsServer } from './nats-server.mjs'

const fromRoot = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url))

let server
try {
  server = await startNatsServer()
} catch (error) {
  console.error(error.message === INSTALL_HINT ? INSTALL_HINT : `nats-server did not start: ${error.message}`)
  process.exit(1)
}
console.log(`nats-server: ${server.url} (WebSocket ${server.wsUrl})`)

const children = [
  spawn(process.execPath, [fromRoot('examples/monitor-service.mjs'), server.url], { stdio: 'inherit' }),
  spawn(process.execPath, [fromRoot('node_modules/vite/bin/vite.js'), '--config', fromRoot('examples/vite.config.ts')], {
    stdio: 'inherit',
    env: { ...process.env, VITE_NATS_URL: server.wsUrl },
  }),
]

let stopping = false
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  await server.stop()
  process.exit(code)
}
process.once('SIGINT', () => stop())
process.once('SIGTERM', () => stop())
for (const child of children) child.once('exit', (code) => stop(code ?? 0))
