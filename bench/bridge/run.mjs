// Bridge benchmark: events per second through each bridge against its raw transport alone, in
// the same run; NATS end-to-end latency on localhost; heap after 100,000 events per bridge.
//
//   npm run bench:bridge     (builds, then runs node --expose-gc; needs nats-server on PATH)
//
// Each throughput round sends N events with 100-byte JSON payloads from one end and stops the
// clock when the other end has received all N: raw is the transport alone (postMessage, or
// JSON.stringify + nc.publish and JSON.parse in the subscription), bridge is bus.emit on one bus
// through to a handler on the other. Rounds alternate raw and bridge, which of the two goes
// first alternating too (so neither always inherits the other's garbage); the median is
// reported.
//
// NATS is measured twice: against a raw publish without headers, and against one that carries
// the same header block the bridge writes (busway-origin and busway-seq; busway-id only when the
// bus is inspected, which it is not here) and reads the same three headers on receipt. The
// block is written directly, as the bridge writes it, rather than with nats-core's headers(),
// whose key checks would make the baseline dearer than the bridge's own headers. A bridge also
// subscribes on the connection it publishes on, and NATS echoes a connection's messages to its
// own subscribers by default, so each event also comes back to its sender, to be dropped there;
// the last row measures the same with connections opened with noEcho (which changes nothing for
// the raw side: it publishes on one connection and subscribes on the other).
import { MessageChannel } from 'node:worker_threads'
import { connect } from '@nats-io/transport-node'
import { startNatsServer } from '../../scripts/nats-server.mjs'
import { createEventBus } from '../../dist/core.js'
import { connectBroadcast, connectNats, connectPort } from '../../dist/bridge.js'

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench:bridge does)')

const N = 20_000
const ROUNDS = 11
const payloadOf = (index) => ({ id: `evt-${String(index).padStart(6, '0')}`, kind: 'cart', items: [1, 2, 3], note: 'n'.repeat(46) })
const PAYLOAD_BYTES = JSON.stringify(payloadOf(0)).length
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const decoder = new TextDecoder()
const encoder = new TextEncoder()
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]

/** Resolves after `count` calls of the returned function. */
function counter(count) {
  let seen = 0
  let resolve
  const done = new Promise((r) => (resolve = r))
  return { tick: () => ++seen === count && resolve(), done }
}

async function time(run) {
  const start = performance.now()
  await run()
  return performance.now() - start
}

// ── transports: each gives a raw send/receive pair and a bridged pair of buses ──────────────

function broadcastPair() {
  const name = `bench-${Math.random()}`
  return {
    name: 'BroadcastChannel',
    raw() {
      const a = new BroadcastChannel(name)
      const b = new BroadcastChannel(name)
      return { send: (payload) => a.postMessage(payload), listen: (fn) => (b.onmessage = (event) => fn(event.data)), close: () => (a.close(), b.close()) }
    },
    bridge: (busA, busB) => [connectBroadcast(busA, { channel: name, types: ['cart:changed'] }), connectBroadcast(busB, { channel: name, types: ['cart:changed'] })],
  }
}

function portPair() {
  return {
    name: 'MessagePort',
    raw() {
      const { port1, port2 } = new MessageChannel()
      return { send: (payload) => port1.postMessage(payload), listen: (fn) => port2.on('message', fn), close: () => (port1.close(), port2.close()) }
    },
    bridge(busA, busB) {
      const { port1, port2 } = new MessageChannel()
      return [connectPort(busA, port1, { types: ['cart:changed'] }), connectPort(busB, port2, { types: ['cart:changed'] }), () => (port1.close(), port2.close())]
    },
  }
}

/** `withHeaders`: the raw side also writes the bridge's header block and reads its three headers. */
function natsPair(ncA, ncB, withHeaders = false, name = withHeaders ? 'NATS (core), raw with the same headers' : 'NATS (core)') {
  let seq = 0
  const publish = (subject, payload) => {
    if (!withHeaders) return ncA.publish(subject, JSON.stringify(payload))
    // nats-core's publish takes any object whose encode() gives the header block's bytes.
    const block = `NATS/1.0\r\nbusway-origin: k2j4h5g6f7d8\r\nbusway-seq: ${++seq}\r\n\r\n`
    ncA.publish(subject, JSON.stringify(payload), { headers: { encode: () => encoder.encode(block) } })
  }
  const read = (msg) => {
    if (withHeaders) for (const key of ['busway-origin', 'busway-seq', 'busway-id']) msg.headers.get(key)
    return JSON.parse(decoder.decode(msg.data))
  }
  return {
    name,
    raw() {
      const subject = `bench.raw.${Math.random().toString(36).slice(2)}`
      let sub
      return {
        send: (payload) => publish(subject, payload),
        listen(fn) {
          sub = ncB.subscribe(subject, { callback: (_error, msg) => fn(read(msg)) })
          return ncB.flush()
        },
        close: () => sub.unsubscribe(),
      }
    },
    async bridge(busA, busB) {
      const subject = `bench.bridge.${Math.random().toString(36).slice(2)}`
      const links = [connectNats(busA, ncA, { subject, types: ['cart:changed'] }), connectNats(busB, ncB, { subject, types: ['cart:changed'] })]
      await ncB.flush()
      return links
    },
  }
}

async function rawRound(transport, count) {
  const link = transport.raw()
  const { tick, done } = counter(count)
  await link.listen(tick)
  const ms = await time(async () => {
    for (let index = 0; index < count; index++) link.send(payloadOf(index))
    await done
  })
  link.close()
  return ms
}

async function bridgeRound(transport, count) {
  const busA = createEventBus()
  const busB = createEventBus()
  const links = await transport.bridge(busA, busB)
  const { tick, done } = counter(count)
  busB.on('cart:changed', tick)
  const ms = await time(async () => {
    for (let index = 0; index < count; index++) busA.emit('cart:changed', payloadOf(index))
    await done
  })
  links.forEach((disconnect) => disconnect())
  return ms
}

const server = await startNatsServer()
const ncA = await connect({ servers: server.url })
const ncB = await connect({ servers: server.url })
const [quietA, quietB] = await Promise.all([connect({ servers: server.url, noEcho: true }), connect({ servers: server.url, noEcho: true })])
const transports = [
  broadcastPair(),
  portPair(),
  natsPair(ncA, ncB),
  natsPair(ncA, ncB, true),
  natsPair(quietA, quietB, true, 'NATS (core), same headers, noEcho connections'),
]

console.log(`busway bridge benchmark: node ${process.version}, ${N} events of ${PAYLOAD_BYTES}-byte JSON payloads per round, median of ${ROUNDS} rounds\n`)
const rows = []
for (const transport of transports) {
  await rawRound(transport, 2000) // warm-up
  await bridgeRound(transport, 2000)
  const raw = []
  const bridged = []
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) raw.push(await rawRound(transport, N))
    bridged.push(await bridgeRound(transport, N))
    if (round % 2 === 1) raw.push(await rawRound(transport, N))
  }
  const rawRate = N / (median(raw) / 1000)
  const bridgeRate = N / (median(bridged) / 1000)
  const ratio = median(bridged) / median(raw)
  rows.push({
    transport: transport.name,
    'raw events/s': Math.round(rawRate).toLocaleString('en'),
    'bridge events/s': Math.round(bridgeRate).toLocaleString('en'),
    'bridge cost ÷ raw': ratio.toFixed(2),
    'target ≤ 1.3': ratio <= 1.3 ? 'met' : 'over',
  })
}
console.table(rows)

// ── NATS latency: one event at a time, emit to handler on the other connection ─────────────
{
  const samples = { raw: [], bridge: [] }
  const subject = `bench.latency.${Math.random().toString(36).slice(2)}`
  let resolveRaw
  const sub = ncB.subscribe(`${subject}.raw`, { callback: (_error, msg) => (JSON.parse(decoder.decode(msg.data)), resolveRaw()) })
  const busA = createEventBus()
  const busB = createEventBus()
  const links = [connectNats(busA, ncA, { subject, types: ['cart:changed'] }), connectNats(busB, ncB, { subject, types: ['cart:changed'] })]
  let resolveBridge
  busB.on('cart:changed', () => resolveBridge())
  await ncB.flush()
  for (let index = 0; index < 3000; index++) {
    const warm = index < 500
    let start = performance.now()
    await new Promise((resolve) => {
      resolveRaw = resolve
      ncA.publish(`${subject}.raw`, JSON.stringify(payloadOf(index)))
    })
    if (!warm) samples.raw.push(performance.now() - start)
    start = performance.now()
    await new Promise((resolve) => {
      resolveBridge = resolve
      busA.emit('cart:changed', payloadOf(index))
    })
    if (!warm) samples.bridge.push(performance.now() - start)
  }
  sub.unsubscribe()
  links.forEach((disconnect) => disconnect())
  console.log('\nNATS end-to-end latency on localhost (publish → handler on another connection), 2,500 samples:')
  console.table(
    Object.entries(samples).map(([name, values]) => ({
      path: name === 'raw' ? 'raw nc.publish → subscription' : 'bus.emit → bridge → handler',
      'p50 ms': percentile(values, 0.5).toFixed(3),
      'p99 ms': percentile(values, 0.99).toFixed(3),
    })),
  )
}

// ── memory: 100,000 events through each bridge; the duplicate filter stays bounded ──────────
{
  const heap = () => {
    for (let round = 0; round < 4; round++) globalThis.gc()
    return process.memoryUsage().heapUsed
  }
  const memoryRows = []
  for (const transport of transports.slice(0, 3)) {
    const busA = createEventBus()
    const busB = createEventBus()
    const links = await transport.bridge(busA, busB)
    const batch = async (count) => {
      const { tick, done } = counter(count)
      const off = busB.on('cart:changed', tick)
      for (let index = 0; index < count; index++) busA.emit('cart:changed', payloadOf(index))
      await done
      off()
    }
    await batch(10_000) // warm-up: the duplicate filter fills to its bound here
    const before = heap()
    for (let round = 0; round < 10; round++) await batch(10_000)
    const after = heap()
    const internals = busB[Object.getOwnPropertySymbols(busB).find((symbol) => symbol.description.startsWith('busway.bus.'))]
    // The duplicate filter keeps, per peer, runs of the sequence numbers it saw lately: count the
    // numbers it holds (two per run), across peers.
    const seen = [...internals.bridges.seen.values()].reduce((sum, { newer, older }) => sum + newer.length + older.length, 0)
    links.forEach((disconnect) => disconnect())
    memoryRows.push({ transport: transport.name, events: '100,000', 'heap growth KiB': ((after - before) / 1024).toFixed(1), 'duplicate filter, numbers held': seen })
  }
  console.log('\nHeap after 100,000 events through each bridge (after GC, vs after a 10,000-event warm-up):')
  console.table(memoryRows)
}

await Promise.all([ncA, ncB, quietA, quietB].map((nc) => nc.close()))
await server.stop()
