import { useRef, useState } from 'react'
import type { AppEvents } from '../events'
import { formatTime } from '../format'
import { useEvent } from '../hooks'

interface ReceivedUpdate {
  key: number
  update: AppEvents['data:update']
}

const MAX_UPDATES = 5

/** Lists the `data:update` events received while it is mounted, newest first. */
export function UpdatesList() {
  const [updates, setUpdates] = useState<ReceivedUpdate[]>([])
  const nextKey = useRef(0)

  useEvent('data:update', (update) => {
    const key = nextKey.current++
    setUpdates((previous) => [{ key, update }, ...previous].slice(0, MAX_UPDATES))
  }, { label: 'UpdatesList' })

  return (
    <>
      {updates.length === 0 && <p className="hint">No updates received yet.</p>}
      <ul className="updates" aria-label="Received updates">
        {updates.map(({ key, update }) => (
          <li key={key}>
            <code>{update.resourceId}</code> <span>{JSON.stringify(update.data)}</span>{' '}
            <time dateTime={new Date(update.updatedAt).toISOString()}>
              {formatTime(update.updatedAt)}
            </time>
          </li>
        ))}
      </ul>
    </>
  )
}
