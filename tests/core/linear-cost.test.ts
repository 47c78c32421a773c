import { createEventBus } from 'busway/core'
import { describe, expect, test } from 'vitest'
import { nanosecondsPerSubscription, operations } from '../../bench/scale/operations.mjs'

// Rule 9 checked with a generous bound, as a ratio measured in one process: a quadratic cost
// makes the time per subscription at 100,000 about 100× that at 1,000; a linear one keeps it
// within noise. `npm run bench:scale` prints the full table, up to 1,000,000.
describe('rule 9: cost grows linearly', () => {
  test.each(operations.map((operation) => [operation.name, operation] as const))(
    '%s: the time per subscription at 100,000 is within 4× of that at 1,000',
    (_name, operation) => {
      nanosecondsPerSubscription(operation, createEventBus, [1_000], { samples: 3 }) // warm up the JIT
      const [small, large] = nanosecondsPerSubscription(operation, createEventBus, [1_000, 100_000], {
        samples: 7,
      }) as [number, number]
      expect(large / small, `${large.toFixed(1)} ns against ${small.toFixed(1)} ns`).toBeLessThan(4)
    },
    // Timing 100,000 subscriptions seven times takes seconds on a loaded machine.
    60_000,
  )
})
