// The core benchmark: busway beside its peers, each library and scenario in a process of its
// own (so no scenario's JIT state leaks into another's), in rounds that rotate the order of the
// libraries, so none always runs first (or last) on a noisy machine.
// Prints a Markdown table of medians (ns per operation) and busway's ratios.
//
//   npm run bench                       # 3 rounds
//   BENCH_ROUNDS=5 npm run bench        # more rounds
//   BENCH_MIN_CPU_MS=500 npm run bench  # longer sampling per scenario
import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { adapters, buswayVariants, cspSafePeers } from './adapters.mjs'
import { scenarios } from './scenarios.mjs'

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const worker = fileURLToPath(new URL('./worker.mjs', import.meta.url))
const libraries = Object.keys(adapters)
const samples = Object.fromEntries(libraries.map((name) => [name, []]))

const started = Date.now()
const loadBefore = loadavg()[0]
for (let round = 0; round < rounds; round++) {
  const order = libraries.map((_, index) => libraries[(index + round) % libraries.length])
  process.stderr.write(`round ${round + 1}/${rounds}: ${order.join(', ')}\n`)
  for (const name of order) {
    const result = {}
    for (const { id } of scenarios) {
      const output = execFileSync(process.execPath, [worker, name], {
        encoding: 'utf8',
        env: { ...process.env, BENCH_SCENARIOS: id },
      })
      Object.assign(result, JSON.parse(output))
    }
    samples[name].push(result)
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const medians = Object.fromEntries(
  libraries.map((name) => [
    name,
    Object.fromEntries(
      scenarios.map(({ id }) => {
        const values = samples[name].map((result) => result[id]).filter((value) => value != null)
        return [id, values.length ? median(values) : null]
      }),
    ),
  ]),
)

const format = (ns) => (ns == null ? '—' : ns < 10 ? ns.toFixed(2) : ns < 100 ? ns.toFixed(1) : ns.toFixed(0))
const ratio = (a, b) => (a == null || b == null ? '—' : `${(a / b).toFixed(2)}×`)

const columns = libraries.filter((library) => !buswayVariants.includes(library))
const header = ['scenario', ...columns, 'busway ÷ plain', 'busway ÷ fastest CSP-safe peer', 'busway ÷ mitt', 'busway ÷ tseep']
const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
for (const { id, name } of scenarios) {
  const busway = medians.busway[id]
  const peers = cspSafePeers.map((peer) => [peer, medians[peer][id]]).filter(([, value]) => value != null)
  const [fastestName, fastest] = peers.reduce((best, entry) => (entry[1] < best[1] ? entry : best))
  lines.push(
    `| (${id}) ${name} | ${columns.map((library) => format(medians[library][id])).join(' | ')} | ` +
      `${ratio(busway, medians['plain loop'][id])} | ${ratio(busway, fastest)} (${fastestName}) | ` +
      `${ratio(busway, medians.mitt[id])} | ${ratio(busway, medians.tseep[id])} |`,
  )
}

console.log(lines.join('\n'))

// Tracing: a bus no inspector watches should cost what 0.1.0 (which had no tracing) cost.
const tracing = [
  '| scenario | busway 0.1.0 | busway | busway, inspected | busway ÷ 0.1.0 | inspected ÷ busway |',
  '| --- | --- | --- | --- | --- | --- |',
]
for (const { id, name } of scenarios) {
  const [old, now, inspected] = ['busway 0.1.0', 'busway', 'busway, inspected'].map((library) => medians[library][id])
  tracing.push(
    `| (${id}) ${name} | ${format(old)} | ${format(now)} | ${format(inspected)} | ${ratio(now, old)} | ${ratio(inspected, now)} |`,
  )
}
console.log(`\nTracing cost (\`inspect\`):\n\n${tracing.join('\n')}`)
console.log(
  `\nMedian of ${rounds} rounds, ns per operation (lower is better); Node ${process.version}, ` +
    `${availableParallelism()} × ${cpus()[0]?.model.trim()}, load average ${loadBefore.toFixed(2)} before / ` +
    `${loadavg()[0].toFixed(2)} after; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
)
