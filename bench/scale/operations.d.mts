// Types of operations.mjs, for the unit test that imports it.
import type { createEventBus } from '../../src/core'

export interface ScaleOperation {
  name: string
  setup(create: typeof createEventBus, n: number): () => void
}
export declare const operations: readonly ScaleOperation[]
export declare function nanosecondsPerSubscription(
  operation: ScaleOperation,
  create: typeof createEventBus,
  sizes: readonly number[],
  options?: { samples?: number; minimum?: number },
): number[]
