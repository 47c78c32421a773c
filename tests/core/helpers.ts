import { getEventListeners } from 'node:events'
import { vi } from 'vitest'

/** The event map the core tests use: payloads of several shapes, and a `void` event. */
export interface TestEvents {
  'user:login': { userId: string }
  'data:update': { resourceId: string; data: unknown }
  tick: number
  'app:ready': void
}

/**
 * Replaces `globalThis.reportError` with a mock, so errors that reach the default reporting are
 * recorded instead of printed. Pair with `vi.unstubAllGlobals()` in `afterEach`.
 */
export function stubReportError() {
  const reportError = vi.fn<(error: unknown) => void>()
  vi.stubGlobal('reportError', reportError)
  return reportError
}

/** How many `abort` listeners are attached to `signal` right now (Node's own bookkeeping). */
export function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length
}
