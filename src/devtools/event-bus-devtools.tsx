import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react'
import { createPortal } from 'react-dom'
import { inspect, listenerCounts, type EmitTrace, type EventBus } from '../core'
import { internalsFor } from '../core/inspect'
import { badInput } from '../core/report'
import { useNearestBus } from '../react/nearest-bus'
import { PayloadTree, preview } from './payload-tree'
import { styles } from './styles'
import { buildTree, createTraceStore, type TraceNode, type TraceStore } from './trace-store'

/**
 * Props of `EventBusDevtools`.
 *
 * @example
 * ```tsx
 * import type { EventBusDevtoolsProps } from 'busway/devtools'
 *
 * const props: EventBusDevtoolsProps = { capacity: 1000, position: 'bottom-left', colorScheme: 'dark' }
 * ```
 */
export interface EventBusDevtoolsProps<E = Record<string, unknown>> {
  /** The bus to watch. Default: the bus of the nearest `EventBusProvider` (of any hooks). */
  bus?: EventBus<E> | undefined
  /** How many events the panel keeps; older ones are dropped first. A positive integer; default 500. */
  capacity?: number | undefined
  /** Whether the panel starts open. Default false: only the toggle shows. */
  initialIsOpen?: boolean | undefined
  /** The corner the toggle and panel sit in. Default `'bottom-right'`. */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | undefined
  /** Light or dark colours, or `'system'` to follow `prefers-color-scheme`. Default `'system'`. */
  colorScheme?: 'light' | 'dark' | 'system' | undefined
}

const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left']
const SCHEMES = ['light', 'dark', 'system']

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** Wall-clock time of a `performance.now()` reading, as HH:MM:SS.mmm. */
function clockTime(time: number): string {
  const date = new Date(performance.timeOrigin + time)
  const pad = (value: number, length = 2) => String(value).padStart(length, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** A shadow root in a host element appended to `document.body`, for the panel's lifetime. */
function useShadowRoot(): ShadowRoot | null {
  const [root, setRoot] = useState<ShadowRoot | null>(null)
  useEffect(() => {
    const host = document.createElement('div')
    host.setAttribute('data-busway-devtools', '')
    document.body.appendChild(host)
    setRoot(host.attachShadow({ mode: 'open' }))
    return () => host.remove()
  }, [])
  return root
}

/**
 * A devtools panel for a bus: a small floating toggle that opens a live list of events, newest
 * first, with their time, type, a payload preview that expands to a tree, how many handlers ran
 * (and the labels of labelled ones), dispatch time and errors (in red). Events emitted by a
 * handler are nested under the event it was handling: the causal chain. The list can be
 * filtered by type, paused and cleared, and keeps the latest `capacity` events. A listeners view
 * shows each type's current subscription count, so leaks show as counts that only grow.
 *
 * The panel renders into a shadow root under `document.body`: the app's styles do not reach it
 * and its styles do not reach the app. It renders nothing on the server. It is keyboard
 * accessible (Escape closes it) and follows the light or dark colour scheme. It watches the bus
 * through `inspect`, so emits cost a little more while it is mounted; render it in development
 * only (see the README), and bundlers leave its code out of builds that do not import it.
 *
 * @param props - see {@link EventBusDevtoolsProps}: `bus`, `capacity`, `initialIsOpen`,
 *   `position`, `colorScheme`.
 * @throws {Error} when there is neither a `bus` prop nor an `EventBusProvider` above it.
 * @throws {TypeError} when `bus` is not a bus made by `createEventBus`, or `position` or
 *   `colorScheme` is not one of its values.
 * @throws {RangeError} when `capacity` is not a positive integer.
 *
 * @example
 * ```tsx
 * import { createEventHooks } from 'busway'
 * import { EventBusDevtools } from 'busway/devtools'
 *
 * const { EventBusProvider } = createEventHooks<{ 'user:login': { userId: string } }>()
 * export function App({ children }: { children: React.ReactNode }) {
 *   return (
 *     <EventBusProvider>
 *       {children}
 *       {process.env.NODE_ENV !== 'production' && <EventBusDevtools />}
 *     </EventBusProvider>
 *   )
 * }
 * ```
 */
export function EventBusDevtools<E = Record<string, unknown>>({
  bus: busProp,
  capacity = 500,
  initialIsOpen = false,
  position = 'bottom-right',
  colorScheme = 'system',
}: EventBusDevtoolsProps<E>) {
  const nearest = useNearestBus()
  const bus = (busProp ?? nearest) as EventBus<Record<string, unknown>> | null
  if (bus === null) {
    throw new Error(
      'busway: <EventBusDevtools> needs a bus: render it inside an <EventBusProvider>, or pass one as its bus prop.',
    )
  }
  if (busProp !== undefined) internalsFor('EventBusDevtools', busProp)
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw badInput('EventBusDevtools', 'the capacity prop', 'a positive integer', capacity, RangeError)
  }
  if (!POSITIONS.includes(position)) {
    throw badInput('EventBusDevtools', 'the position prop', `one of ${POSITIONS.join(', ')}`, position)
  }
  if (!SCHEMES.includes(colorScheme)) {
    throw badInput('EventBusDevtools', 'the colorScheme prop', `one of ${SCHEMES.join(', ')}`, colorScheme)
  }

  const store = useMemo(() => createTraceStore(capacity), [capacity])
  useEffect(() => inspect(bus, store.add), [bus, store])
  const root = useShadowRoot()
  if (root === null) return null
  return createPortal(
    <>
      <style>{styles}</style>
      <Devtools bus={bus} store={store} initialIsOpen={initialIsOpen} position={position} colorScheme={colorScheme} />
    </>,
    root,
  )
}

interface DevtoolsProps {
  bus: EventBus<Record<string, unknown>>
  store: TraceStore
  initialIsOpen: boolean
  position: string
  colorScheme: string
}

function Devtools({ bus, store, initialIsOpen, position, colorScheme }: DevtoolsProps) {
  const [open, setOpen] = useState(initialIsOpen)
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const toggle = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const failed = snapshot.traces.filter((trace) => trace.errors.length > 0).length

  function close(): void {
    setOpen(false)
    toggle.current?.focus()
  }

  return (
    <div className={`root ${position}`} data-scheme={colorScheme}>
      <button
        ref={toggle}
        type="button"
        className="toggle"
        aria-expanded={open}
        aria-controls={panelId}
        title={open ? 'Close the busway devtools' : 'Open the busway devtools'}
        onClick={() => setOpen(!open)}
      >
        busway
        <span className="badge" aria-label={plural(snapshot.traces.length, 'event')}>
          {snapshot.traces.length}
        </span>
        {failed > 0 && (
          <span className="badge failed" aria-label={`${plural(failed, 'event')} with errors`}>
            {failed}
          </span>
        )}
      </button>
      {open && <Panel id={panelId} bus={bus} store={store} close={close} />}
    </div>
  )
}

function Panel({ id, bus, store, close }: { id: string; bus: DevtoolsProps['bus']; store: TraceStore; close: () => void }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const [view, setView] = useState<'events' | 'listeners'>('events')
  const [text, setText] = useState('')
  const [type, setType] = useState('')
  const filterInput = useRef<HTMLInputElement>(null)
  useEffect(() => filterInput.current?.focus(), [])

  const tree = useMemo(() => buildTree(snapshot.traces), [snapshot.traces])
  const seenTypes = useMemo(() => [...new Set(snapshot.traces.map((trace) => trace.type))].sort(), [snapshot.traces])
  const needle = text.trim().toLowerCase()
  const matches = (trace: EmitTrace) =>
    (type === '' || trace.type === type) && (needle === '' || trace.type.toLowerCase().includes(needle))

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation()
      close()
    }
  }

  function onTabKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    const next = view === 'events' ? 'listeners' : 'events'
    setView(next)
    const tab = event.currentTarget.querySelector<HTMLButtonElement>(`[data-view="${next}"]`)
    tab?.focus()
  }

  return (
    <section id={id} className="panel" aria-label="busway devtools" onKeyDown={onKeyDown}>
      <div className="bar">
        <span className="title">busway</span>
        <div className="tabs" role="tablist" aria-label="View" onKeyDown={onTabKeyDown}>
          {(['events', 'listeners'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              data-view={name}
              aria-selected={view === name}
              tabIndex={view === name ? 0 : -1}
              onClick={() => setView(name)}
            >
              {name === 'events' ? 'Events' : 'Listeners'}
            </button>
          ))}
        </div>
        <input
          ref={filterInput}
          type="search"
          placeholder="Filter by type"
          aria-label="Filter events by type"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <select aria-label="Show one type" value={type} onChange={(event) => setType(event.target.value)}>
          <option value="">All types</option>
          {seenTypes.map((seen) => (
            <option key={seen} value={seen}>
              {seen}
            </option>
          ))}
        </select>
        {/* The label says what a click does, so no aria-pressed (which would contradict it). */}
        <button
          type="button"
          className={snapshot.paused ? 'action active' : 'action'}
          onClick={() => store.setPaused(!snapshot.paused)}
        >
          {snapshot.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="action" onClick={store.clear}>
          Clear
        </button>
        <button type="button" className="action" aria-label="Close the busway devtools" onClick={close}>
          ✕
        </button>
      </div>
      {snapshot.paused && (
        <div className="status" role="status">
          Paused: new events are not recorded{snapshot.skipped > 0 ? ` (${snapshot.skipped} so far)` : ''}.
        </div>
      )}
      <div className="body">
        {view === 'events' ? (
          <EventList
            tree={tree}
            matches={matches}
            filterKey={`${type}\n${needle}`}
            empty={snapshot.traces.length === 0}
          />
        ) : (
          <ListenersView bus={bus} />
        )}
      </div>
    </section>
  )
}

/** Whether a node, or one of the events it set off, matches: those are shown. */
function shown(node: TraceNode, matches: (trace: EmitTrace) => boolean): boolean {
  return matches(node.trace) || node.children.some((child) => shown(child, matches))
}

interface RowProps {
  node: TraceNode
  matches: (trace: EmitTrace) => boolean
  /** Changes exactly when `matches` does: what the memoized rows compare. */
  filterKey: string
}

function EventList({ tree, matches, filterKey, empty }: Omit<RowProps, 'node'> & { tree: TraceNode[]; empty: boolean }) {
  const visible = tree.filter((node) => shown(node, matches))
  if (visible.length === 0) {
    return <p className="empty">{empty ? 'No events yet. Emit one on the bus.' : 'No event matches the filter.'}</p>
  }
  return (
    <ol aria-label="Events, newest first">
      {visible.map((node) => (
        <EventRow key={node.trace.id} node={node} matches={matches} filterKey={filterKey} />
      ))}
    </ol>
  )
}

function sameRow(previous: RowProps, next: RowProps): boolean {
  return previous.filterKey === next.filterKey && sameTree(previous.node, next.node)
}

/** Whether two trees hold the same traces: the tree is rebuilt on every update, its traces not. */
function sameTree(a: TraceNode, b: TraceNode): boolean {
  return (
    a.trace === b.trace &&
    a.children.length === b.children.length &&
    a.children.every((child, index) => sameTree(child, b.children[index]!))
  )
}

// Memoized, so that an update re-renders the new rows only, not all of the (up to 500) others.
const EventRow = memo(function EventRow({ node, matches, filterKey }: RowProps) {
  const { trace, children } = node
  const { id, parentId, type, payload, time, duration, handlers, labels, errors } = trace
  const nested = children.filter((child) => shown(child, matches))
  const classes = ['event', errors.length > 0 ? 'failed' : '', matches(trace) ? '' : 'context'].filter(Boolean)
  const unlabelled = handlers - labels.length
  return (
    <li className={classes.join(' ')} data-event-id={id} data-event-type={type}>
      <details>
        <summary>
          <span className="time">{clockTime(time)}</span>
          <span className="type">{type}</span>
          <span className="preview">{preview(payload)}</span>
          <span className="handlers" title={labels.join(', ')}>
            {plural(handlers, 'handler')}
          </span>
          <span className="duration">{duration.toFixed(2)} ms</span>
          {errors.length > 0 ? <span className="errors">{plural(errors.length, 'error')}</span> : <span />}
        </summary>
        <div className="detail">
          <div className="tree">
            <PayloadTree name="payload" value={payload} defaultOpen />
          </div>
          <div>
            <span className="label">Handlers: </span>
            {handlers === 0
              ? 'none'
              : [...labels, ...(unlabelled > 0 ? [`${plural(unlabelled, 'unlabelled handler')}`] : [])].join(', ')}
          </div>
          <div>
            <span className="label">Event: </span>#{id}
            {parentId !== undefined && `, emitted while handling #${parentId}`}
          </div>
          {errors.map(({ error, label }, index) => (
            <div key={index} className="error-line">
              {label === undefined ? 'A handler' : `"${label}"`} threw {preview(error)}
            </div>
          ))}
        </div>
      </details>
      {nested.length > 0 && (
        <ol className="nested" aria-label={`Emitted while handling ${type} #${id}`}>
          {nested.map((child) => (
            <EventRow key={child.trace.id} node={child} matches={matches} filterKey={filterKey} />
          ))}
        </ol>
      )}
    </li>
  )
}, sameRow)

interface ListenerSnapshot {
  byType: [type: string, count: number][]
  total: number
}

function readListeners(bus: DevtoolsProps['bus']): ListenerSnapshot {
  const byType = Object.entries(listenerCounts(bus) as Record<string, number>).sort(
    ([typeA, a], [typeB, b]) => b - a || typeA.localeCompare(typeB),
  )
  return { byType, total: bus.listenerCount() }
}

/** Subscription counts per type, read again twice a second while shown. */
function ListenersView({ bus }: { bus: DevtoolsProps['bus'] }) {
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
        {counts.byType.map(([type, count]) => (
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
        <tr>
          <th scope="row">Total</th>
          <td className="count">{counts.total}</td>
        </tr>
      </tbody>
    </table>
  )
}
