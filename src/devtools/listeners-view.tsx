import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { listenerCounts, type EventBus } from '../core'
import { plural } from './format'

/**
 * How many types the view lists, the busiest first: a leak shows as a count that only grows,
 * and an app with tens of thousands of types would otherwise render as many rows.
 */
export const LISTED_TYPES = 100

/** How often the view looks for changes, and every how many looks it reads every count. */
const REFRESH_MS = 500
const FULL_READ_EVERY = 20

type Row = [type: string, count: number]

const readListeners = (bus: EventBus<Record<string, unknown>>) => ({
  counts: listenerCounts(bus) as Record<string, number>,
  total: bus.listenerCount(),
})

/** Busiest first, then by name (in code unit order: cheap, and the same in every locale). */
const before = (type: string, count: number, [otherType, other]: Row) =>
  count > other || (count === other && type < otherType)

/**
 * The first `limit` matching types in list order, in one pass that keeps them in order (no
 * sort of every type), how many others match, and how many subscriptions all types have.
 */
function list(counts: Record<string, number>, matches: (type: string) => boolean, limit: number) {
  const rows: Row[] = []
  let matching = 0
  let typed = 0
  for (const type in counts) {
    const count = counts[type]!
    typed += count
    if (!matches(type)) continue
    matching++
    if (rows.length === limit) {
      if (!before(type, count, rows[limit - 1]!)) continue
      rows.pop()
    }
    let index = rows.length
    while (index > 0 && before(type, count, rows[index - 1]!)) index--
    rows.splice(index, 0, [type, count])
  }
  return { rows, more: matching - rows.length, typed }
}

interface ListenersViewProps {
  bus: EventBus<Record<string, unknown>>
  /** Whether a type matches the filter; a new function only when the filter changes. */
  matches: (type: string) => boolean
}

/**
 * Subscription counts per type, refreshed twice a second while shown, listing the busiest
 * {@link LISTED_TYPES} matching types. Reading every type's count costs time in proportion to
 * the number of types (tens of milliseconds at 50,000), so a refresh first compares what it can
 * read for almost nothing, the total and the listed types' counts, and reads every count (and
 * renders again) only when one of those changed, or every 10 s (for a subscription that moved
 * between two unlisted types).
 */
export const ListenersView = /* @__PURE__ */ memo(function ListenersView({ bus, matches }: ListenersViewProps) {
  const [counts, setCounts] = useState(() => readListeners(bus))
  const { rows, more, typed } = useMemo(() => list(counts.counts, matches, LISTED_TYPES), [counts, matches])
  // What the refresh compares with: what is shown.
  const shown = useRef({ total: counts.total, rows })
  useEffect(() => {
    shown.current = { total: counts.total, rows }
  }, [counts, rows])
  useEffect(() => {
    const read = () => setCounts(readListeners(bus))
    read()
    let looks = 0
    const timer = setInterval(() => {
      const { total, rows } = shown.current
      const changed = bus.listenerCount() !== total || rows.some(([type, count]) => bus.listenerCount(type) !== count)
      if (changed || ++looks % FULL_READ_EVERY === 0) read()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [bus])
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
        {rows.map(([type, count]) => (
          <tr key={type} data-listener-type={type}>
            <td>{type}</td>
            <td className="count">{count}</td>
          </tr>
        ))}
        {more > 0 && (
          <tr className="more">
            <td colSpan={2}>{plural(more, 'more type')}, none busier: filter to find one</td>
          </tr>
        )}
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
})
