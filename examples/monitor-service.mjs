// The "monitor" microservice of the Event Bus scenario, in Node: it knows nothing of busway and
// publishes plain JSON alerts on the subject the example's bridge listens to
// (`busway.example.system:alert`). Any NATS client, in any language, could do the same.
//   node examples/monitor-service.mjs nats://127.0.0.1:4222 [interval ms]
import { connect } from '@nats-io/transport-node'

const [server = 'nats://127.0.0.1:4222', interval = '4000'] = process.argv.slice(2)
const nc = await connect({ servers: server, name: 'busway-example-monitor' })
const loads = [42, 77, 93, 55]
let check = 0

const timer = setInterval(() => {
  const load = loads[check++ % loads.length]
  const severity = load >= 90 ? 'critical' : load >= 70 ? 'warning' : 'info'
  nc.publish('busway.example.system:alert', JSON.stringify({ severity, message: `Monitor service: CPU load ${load}%` }))
}, Number(interval))

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    clearInterval(timer)
    await nc.drain()
    process.exit(0)
  })
}
console.log(`monitor service: publishing system:alert to ${server} every ${interval} ms`)
