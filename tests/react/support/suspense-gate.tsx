/** Suspends while `gate.pending` is set, so the Suspense boundary above it shows its fallback. */
export const gate: { pending: Promise<void> | null; release: () => void } = { pending: null, release: () => {} }

export function Gate() {
  if (gate.pending) throw gate.pending
  return null
}

/** Makes every Gate suspend until `gate.release()`. */
export function closeGate(): void {
  gate.pending = new Promise<void>((resolve) => {
    gate.release = () => {
      gate.pending = null
      resolve()
    }
  })
}
