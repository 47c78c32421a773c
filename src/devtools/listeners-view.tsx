import { useEffect, useState } from 'react'
import { listenerCounts, type EventBus } from '../core'

interface ListenerSnapshot {
  byType: [type: string, count: number][]
  total: number
}

function readListeners(bus: EventBus<Record<string, unknown>>): ListenerSnapshot {
  const byType = Object.entries(listenerCounts(bus) as Record<string, number>).sort(
    ([typeA, a], [typeB, b]) => b - a || typeA.localeCompare(typeB),
  )
  return { byType, total: bus.listenerCount() }
}

/** Subscription counts per type, read again twice a second while shown. */
export function ListenersView({ bus, matches }: { bus: EventBus<Record<string, unknown>>; matches: (type: string) => boolean }) {
  const [counts, setCounts] = useState(() => readListeners(bus))
  useEffect(() => {
    const read = () =>
      setCounts((previous) => {
        const next = readListeners(bus)
        return JSON.stringify(next) === JSON.stringify(previous) ? previous : next
      })
    read()
    const timer = setInterval(read, 500)
    return () => clearInterval(timer)
  }, [bus])
  const typed = counts.byType.reduce((sum, [, count]) => sum + count, 0)
  return (
    <table aria-label="Listeners per event type">
      <thead>
        <tr>
          <th scope="col">Event type</th>
          <th scope="col" className="count">
            Subscriptions
          </th>
        </tr>
      </thead>
      <tbody>
        {counts.byType
          .filter(([type]) => matches(type))
          .map(([type, count]) => (
            <tr key={type} data-listener-type={type}>
              <td>{type}</td>
              <td className="count">{count}</td>
            </tr>
          ))}
        <tr data-listener-type="*">
          <td>
            <em>onAny</em>
          </td>
          <td className="count">{counts.total - typed}</td>
        </tr>
      </tbody>
      <tfoot>
        <tr>
          <td>Total (every type and onAny)</td>
          <td className="count">{counts.total}</td>
        </tr>
      </tfoot>
    </table>
  )
}
