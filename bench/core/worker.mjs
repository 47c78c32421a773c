// Measures one library on every scenario, in a process of its own, and prints JSON:
// { [scenarioId]: nanoseconds per operation (median of mitata's samples) | null }.
import { measure } from 'mitata'
import { adapters } from './adapters.mjs'
import { counter, scenarios } from './scenarios.mjs'

const name = process.argv[2]
const minCpuTime = Number(process.env.BENCH_MIN_CPU_MS ?? 250) * 1e6
const adapter = adapters[name]
if (!adapter) throw new Error(`unknown library "${name}"`)

/** Runs `run` a known number of times and checks the exact number of handler calls. */
function verify(scenario, name, { run, callsPerRun, after }) {
  const runs = 1000
  counter.calls = 0
  for (let index = 0; index < runs; index++) run()
  after?.()
  const expected = runs * callsPerRun
  if (counter.calls !== expected) {
    throw new Error(
      `${name}, scenario ${scenario.id} (${scenario.name}): ${counter.calls} handler calls, expected ${expected}`,
    )
  }
}

// BENCH_SCENARIOS=a,e runs only those scenarios (to look at one closely).
const only = process.env.BENCH_SCENARIOS?.split(',')
const results = {}
for (const scenario of scenarios) {
  if (only && !only.includes(scenario.id)) continue
  if (scenario.supported && !scenario.supported(adapter)) {
    results[scenario.id] = null
    continue
  }
  const subject = scenario.setup(adapter)
  verify(scenario, name, subject)
  const stats = await measure(subject.run, { min_cpu_time: minCpuTime })
  verify(scenario, name, subject) // still exact after the JIT has had its way
  results[scenario.id] = stats.p50
}
process.stdout.write(JSON.stringify(results))
