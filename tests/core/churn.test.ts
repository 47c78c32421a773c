import { setMaxListeners } from 'node:events'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEventBus } from 'busway/core'
import { describe, expect, test } from 'vitest'
import { abortListenerCount } from './helpers'

// Rule 5 at scale. What of it a test can observe from outside the bus:
// - listenerCount() and listenerCount(type), and latest(type);
// - the abort listeners left on a signal (Node's getEventListeners);
// - whether ended handlers can be garbage-collected (WeakRef, after a full GC);
// - the heap retained after a full GC. A type's entry is private to the bus, so "nothing of the
//   type is kept" is observable only as bytes; the second test calibrates that measurement with
//   entries the bus must keep (latest payloads), to show it would see the leaked ones.

const MILLION = 1_000_000
const MB = 1024 * 1024

type ChurnEvents = Record<string, number | undefined>

/** Runs a full garbage collection, after the current job ends (WeakRef targets live until then). */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}

/** The heap in use after a full garbage collection. */
async function heapAfterGc(): Promise<number> {
  await collectGarbage()
  return process.memoryUsage().heapUsed
}

describe('rule 5 at scale: a million subscriptions', () => {
  test(
    'subscribes and ends a million handlers, by unsubscribe, off, firing once and abort, and is back to its baseline counts with every ended handler collectable',
    async () => {
      const BATCH = 10_000
      const TYPE_COUNT = 1000
      const bus = createEventBus<ChurnEvents>({ onError: () => {} })
      const calls: string[] = []
      bus.on('kept', () => calls.push('kept'))
      bus.onAny((type) => calls.push(`any ${type}`))
      const baseline = { total: bus.listenerCount(), kept: bus.listenerCount('kept') }
      const types = Array.from({ length: TYPE_COUNT }, (_, index) => `type-${index}`)
      // About one handler in a thousand (of every kind), watched without being kept alive.
      const handlerRefs: Array<WeakRef<() => void>> = []
      const controllers: AbortController[] = []
      let peaks = 0
      let subscribed = 0

      // In batches, so that the test measures the bus rather than the GC's work on a million live
      // closures; each batch holds BATCH subscriptions at once, about ten per type.
      for (let start = 0; start < MILLION; start += BATCH) {
        const unsubscribes: Array<() => void> = []
        const offHandler = () => {}
        const controller = new AbortController()
        // Node warns past 10 listeners on an EventTarget; a signal shared this widely is the point.
        setMaxListeners(0, controller.signal)
        controllers.push(controller)
        let endedOnlyByAbort = 0

        for (let index = start; index < start + BATCH; index++) {
          const type = types[index % TYPE_COUNT]!
          const handler = () => {}
          if (index % 997 === 0) handlerRefs.push(new WeakRef(handler))
          // Node's AbortSignal is slow to add listeners to, so only one subscription in 20 or so
          // takes the signal; most of those end in another way, and must release it then.
          const options = index % 101 < 5 ? { signal: controller.signal } : undefined
          if (index % 101 === 0) {
            bus.on(type, handler, options)
            endedOnlyByAbort++
          } else if (index % 4 === 0) unsubscribes.push(bus.on(type, handler, options))
          else if (index % 4 === 1) unsubscribes.push(bus.onAny(handler, options))
          else if (index % 4 === 2) bus.once(type, handler, options)
          else bus.on(type, offHandler, options)
          subscribed++
        }
        if (bus.listenerCount() === baseline.total + BATCH) peaks++

        for (const unsubscribe of unsubscribes) unsubscribe()
        for (const type of types) bus.emit(type, undefined)
        for (const type of types) bus.off(type, offHandler)
        // One abort listener serves every subscription of the bus that shares the signal.
        expect(abortListenerCount(controller.signal)).toBe(endedOnlyByAbort > 0 ? 1 : 0)
        controller.abort()
        // Calling them again is harmless (rule 1).
        for (const unsubscribe of unsubscribes) unsubscribe()
        expect(bus.listenerCount()).toBe(baseline.total)
      }

      expect(subscribed).toBe(MILLION)
      expect(peaks).toBe(MILLION / BATCH)
      expect(bus.listenerCount()).toBe(baseline.total)
      expect(bus.listenerCount('kept')).toBe(baseline.kept)
      expect(types.filter((type) => bus.listenerCount(type) !== 0)).toEqual([])
      expect(types.filter((type) => bus.latest(type) !== undefined)).toEqual([])
      expect(controllers.filter(({ signal }) => abortListenerCount(signal) !== 0)).toEqual([])

      // Only the subscriptions made before the churn are called now.
      calls.length = 0
      bus.emit('kept', 1)
      bus.emit(types[0]!, 2)
      expect(calls).toEqual(['kept', 'any kept', `any ${types[0]}`])

      await collectGarbage()
      expect(handlerRefs).toHaveLength(Math.ceil(MILLION / 997))
      expect(handlerRefs.filter((ref) => ref.deref() !== undefined)).toEqual([])
    },
    60_000,
  )

  test(
    'keeps nothing, in listener counts or in the heap, of a million types that each had a subscription and lost it, while 100,000 kept latest payloads show in the heap',
    async () => {
      const bus = createEventBus<ChurnEvents>({ onError: () => {} })
      bus.on('kept', () => {})
      const baseline = bus.listenerCount()
      const handler = () => {}
      const neverAborted = new AbortController()
      let backToBaseline = 0
      const heapBefore = await heapAfterGc()

      for (let index = 0; index < MILLION; index++) {
        const type = `type-${index}`
        if (index % 100 === 0) {
          const controller = new AbortController()
          bus.on(type, handler, { signal: controller.signal })
          controller.abort()
        } else if (index % 100 === 50) {
          bus.on(type, handler, { signal: neverAborted.signal })()
        } else if (index % 3 === 0) {
          bus.on(type, handler)()
        } else if (index % 3 === 1) {
          bus.once(type, handler)
          bus.emit(type, undefined)
        } else {
          bus.on(type, handler)
          bus.on(type, handler)
          bus.off(type, handler)
        }
        if (bus.listenerCount() === baseline && bus.listenerCount(type) === 0) backToBaseline++
      }
      expect(backToBaseline).toBe(MILLION)
      expect(abortListenerCount(neverAborted.signal)).toBe(0)
      expect(bus.latest('type-1')).toBeUndefined()
      const retained = (await heapAfterGc()) - heapBefore

      // The calibration: 100,000 more types, each emitted once with a payload, which latest()
      // must keep (rule 5 keeps a type's latest payload, and with it something of the type).
      const heapBeforeLatest = await heapAfterGc()
      for (let index = 0; index < MILLION / 10; index++) bus.emit(`latest-${index}`, index)
      expect(bus.latest(`latest-${MILLION / 10 - 1}`)).toBe(MILLION / 10 - 1)
      const retainedByLatest = (await heapAfterGc()) - heapBeforeLatest

      // A type's trace costs tens of bytes at least, so 100,000 of them are several megabytes...
      expect(retainedByLatest).toBeGreaterThan(2 * MB)
      // ...and the million churned types retain less than a fifth of that: fewer than 20,000
      // of them, if any, have left something behind.
      expect(retained).toBeLessThan(retainedByLatest / 5)

      // clear() forgets the latest payloads, and with them what the bus kept of those types.
      bus.clear()
      expect((await heapAfterGc()) - heapBefore).toBeLessThan(retainedByLatest / 5)
    },
    60_000,
  )
})
