import { useRef, useState } from 'react'
import type { AnyEventArgs, EventType } from 'busway/core'
import type { AppEvents } from '../events'
import { formatTime } from '../format'
import { useAnyEvent } from '../hooks'

interface LogEntry {
  key: number
  type: EventType<AppEvents>
  summary: string
  at: number
}

const MAX_ENTRIES = 10

/** One line per event; checking `type` narrows `payload`. */
function summarize(...[type, payload]: AnyEventArgs<AppEvents>): string {
  switch (type) {
    case 'user:login':
      return `user ${payload.userId}`
    case 'data:update':
      return `${payload.resourceId} ${JSON.stringify(payload.data)}`
    case 'system:alert':
      return `${payload.severity}: ${payload.message}`
    case 'report:save':
      return `save ${payload.reportId}`
    case 'report:saved':
      return `saved ${payload.reportId}`
    case 'report:export':
      return `export ${payload.reportId} as ${payload.format}`
    case 'report:progress':
      return `export ${payload.reportId}: ${payload.percent}%`
  }
}

/** Every event on the bus, newest first, the last few only: a live view through `useAnyEvent`. */
export function EventLog() {
  const [entries, setEntries] = useState<LogEntry[]>([])
  const nextKey = useRef(0)

  useAnyEvent(
    (...event) => {
      const entry = {
        key: nextKey.current++,
        type: event[0],
        summary: summarize(...event),
        at: Date.now(),
      }
      setEntries((previous) => [entry, ...previous].slice(0, MAX_ENTRIES))
    },
    { label: 'EventLog' },
  )

  return (
    <>
      {entries.length === 0 && <p className="hint">Nothing emitted yet.</p>}
      <ol className="log" aria-label="Event log">
        {entries.map(({ key, type, summary, at }) => (
          <li key={key}>
            <time dateTime={new Date(at).toISOString()}>{formatTime(at)}</time>
            <code className={`type type-${type.split(':')[0]}`}>{type}</code>
            <span>{summary}</span>
          </li>
        ))}
      </ol>
    </>
  )
}
