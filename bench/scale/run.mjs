// The scaling benchmark (rule 9 of the contract): the time per subscription of each operation
// on 1,000 / 10,000 / 100,000 / 1,000,000 subscriptions of one type. Linear costs keep each
// row flat; a quadratic one grows 10× per column. busway 0.1.0 (kept in bench/core/baseline)
// runs beside it up to 10,000, where its quadratic rows already take seconds.
// Prints a Markdown table of medians in nanoseconds per subscription.
//
//   npm run bench:scale
import { availableParallelism, cpus, loadavg } from 'node:os'
import { createEventBus } from '../../dist/core.js'
import { createEventBus as createEventBus010 } from '../core/baseline/busway-0.1.0-core.js'
import { nanosecondsPerSubscription, operations } from './operations.mjs'

const sizes = [1_000, 10_000, 100_000, 1_000_000]
const baselineSizes = [1_000, 10_000]
const format = (ns) => (ns < 10 ? ns.toFixed(2) : ns < 100 ? ns.toFixed(1) : ns.toFixed(0))

const started = Date.now()
const loadBefore = loadavg()[0]
const header = ['operation', ...sizes.map((n) => n.toLocaleString('en')), '1,000,000 ÷ 1,000', ...baselineSizes.map((n) => `0.1.0 at ${n.toLocaleString('en')}`)]
const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
for (const operation of operations) {
  process.stderr.write(`${operation.name}\n`)
  nanosecondsPerSubscription(operation, createEventBus, [1_000], { samples: 3 }) // warm up the JIT
  const times = nanosecondsPerSubscription(operation, createEventBus, sizes, { samples: 5 })
  const baseline = nanosecondsPerSubscription(operation, createEventBus010, baselineSizes, { samples: 3 })
  lines.push(
    `| ${operation.name} | ${times.map(format).join(' | ')} | ${(times.at(-1) / times[0]).toFixed(2)}× | ` +
      `${baseline.map(format).join(' | ')} |`,
  )
}
console.log(lines.join('\n'))
console.log(
  `\nMedian of 5 samples (0.1.0: 3), ns per subscription (lower is better); Node ${process.version}, ` +
    `${availableParallelism()} × ${cpus()[0]?.model.trim()}, load average ${loadBefore.toFixed(2)} before / ` +
    `${loadavg()[0].toFixed(2)} after; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
)
