import { useCallback, useSyncExternalStore } from 'react'
import type { AppEvents } from '../events'
import { useBus } from '../hooks'

interface ListenerCountProps {
  label: string
  /** Count the subscriptions of this event only; all subscriptions when absent. */
  type?: keyof AppEvents
}

// listenerCount() has no change notification (a subscription starts or ends without an event),
// so it is polled once per frame; useSyncExternalStore re-renders only when the number changes.
// Polling, unlike an onAny subscription, does not add to the count it shows.
function subscribeToFrames(onFrame: () => void): () => void {
  let frame = requestAnimationFrame(function tick() {
    onFrame()
    frame = requestAnimationFrame(tick)
  })
  return () => cancelAnimationFrame(frame)
}

/** Shows the bus's live `listenerCount()`, to see that unmounted subscribers leave nothing. */
export function ListenerCount({ label, type }: ListenerCountProps) {
  const bus = useBus()
  const getCount = useCallback(() => bus.listenerCount(type), [bus, type])
  const count = useSyncExternalStore(subscribeToFrames, getCount)
  return (
    <span className="count">
      {label}: <output aria-label={label}>{count}</output>
    </span>
  )
}
