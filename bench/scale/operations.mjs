// The operations whose cost rule 9 of the contract says grows linearly, each on N subscriptions
// of one type. Shared by the scaling benchmark (bench/scale/run.mjs) and the unit test that
// checks the growth (tests/core/linear-cost.test.ts). `setup(createEventBus, n)` builds the
// state and returns `run`, the timed part, which does the operation on all N subscriptions once.

const handler = () => {}

export const operations = [
  {
    name: 'subscribe',
    setup(createEventBus, n) {
      const bus = createEventBus()
      return () => {
        for (let index = 0; index < n; index++) bus.on('tick', handler)
      }
    },
  },
  {
    name: 'unsubscribe, outside an emit',
    setup(createEventBus, n) {
      const bus = createEventBus()
      const unsubscribes = Array.from({ length: n }, () => bus.on('tick', handler))
      // Oldest first: the order that makes an array's indexOf + splice cost O(N) each.
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe())
    },
  },
  {
    name: 'unsubscribe, during an emit of that type',
    setup(createEventBus, n) {
      const bus = createEventBus()
      let unsubscribes = []
      bus.on('tick', () => unsubscribes.forEach((unsubscribe) => unsubscribe()))
      unsubscribes = Array.from({ length: n }, () => bus.on('tick', handler))
      return () => bus.emit('tick', 1)
    },
  },
  {
    name: 'once, ending as they fire',
    setup(createEventBus, n) {
      const bus = createEventBus()
      for (let index = 0; index < n; index++) bus.once('tick', handler)
      return () => bus.emit('tick', 1)
    },
  },
  {
    name: 'abort one signal shared by all',
    setup(createEventBus, n) {
      const bus = createEventBus()
      const controller = new AbortController()
      for (let index = 0; index < n; index++) bus.on('tick', handler, { signal: controller.signal })
      return () => controller.abort()
    },
  },
  {
    name: 'emit to all',
    setup(createEventBus, n) {
      const bus = createEventBus()
      for (let index = 0; index < n; index++) bus.on('tick', handler)
      return () => bus.emit('tick', 1)
    },
  },
]

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]

/**
 * The median time per subscription, in nanoseconds, of `operation` at each size of `sizes`, over
 * `samples` samples that take the sizes in turn (so a burst of load on a shared machine falls on
 * every size alike). Small sizes are repeated within a sample until it covers at least `minimum`
 * subscriptions, so every size is timed over a similar amount of work.
 */
export function nanosecondsPerSubscription(operation, createEventBus, sizes, { samples = 5, minimum = 100_000 } = {}) {
  const times = sizes.map(() => [])
  for (let sample = 0; sample < samples; sample++) {
    sizes.forEach((n, index) => {
      const repeats = Math.max(1, Math.ceil(minimum / n))
      const runs = Array.from({ length: repeats }, () => operation.setup(createEventBus, n))
      const start = performance.now()
      for (const run of runs) run()
      times[index].push(((performance.now() - start) * 1e6) / (repeats * n))
    })
  }
  return times.map(median)
}
