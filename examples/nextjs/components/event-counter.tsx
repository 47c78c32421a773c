'use client'

import { useState } from 'react'
import { useAnyEvent } from 'busway'

/** Counts every event on the bus while its checkbox is on: `enabled` subscribes and unsubscribes. */
export function EventCounter() {
  const [counting, setCounting] = useState(true)
  const [count, setCount] = useState(0)
  useAnyEvent(() => setCount((n) => n + 1), { enabled: counting, label: 'EventCounter' })
  return (
    <aside className="counter">
      <label>
        <input type="checkbox" checked={counting} onChange={(event) => setCounting(event.target.checked)} />
        Count events
      </label>
      <span>
        <output aria-label="Events counted">{count}</output> counted
      </span>
    </aside>
  )
}
