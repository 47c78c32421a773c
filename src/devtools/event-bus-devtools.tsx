import {
  Component,
  memo,
  useEffect,
  useId,
  useInsertionEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { createPortal } from 'react-dom'
import { inspect, listenerCounts, type EmitTrace, type EventBus } from '../core'
import { requireInternals } from '../core/internals'
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
  /**
   * The bus to watch. Default: the bus of the nearest `EventBusProvider` (of any hooks). A new
   * bus starts a new list, as trace ids are per bus.
   */
  bus?: EventBus<E> | undefined
  /**
   * How many events the panel keeps; older ones are dropped first. A positive integer; default
   * 500. Changing it starts a new list.
   */
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

/**
 * A duration for people: browsers round `performance.now()` to 0.1 ms or coarser (to hinder
 * timing attacks), so finer digits would only be noise.
 */
function formatDuration(ms: number): string {
  return ms < 0.1 ? '< 0.1 ms' : `${ms.toFixed(1)} ms`
}

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
 * only, behind `process.env.NODE_ENV !== 'production'` (or Vite's `import.meta.env.DEV`): the
 * bundler then leaves the panel's code out of production builds.
 *
 * @param props - see {@link EventBusDevtoolsProps}: `bus`, `capacity`, `initialIsOpen`,
 *   `position`, `colorScheme`.
 * @throws {Error} when there is neither a `bus` prop nor an `EventBusProvider` above it.
 * @throws {TypeError} when the bus (the prop's or the provider's) was not made by
 *   `createEventBus`, or `position` or `colorScheme` is not one of its values.
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
  requireInternals('EventBusDevtools', busProp === undefined ? "the EventBusProvider's bus" : 'the bus prop', bus)
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw badInput('EventBusDevtools', 'the capacity prop', 'a positive integer', capacity, RangeError)
  }
  if (!POSITIONS.includes(position)) {
    throw badInput('EventBusDevtools', 'the position prop', `one of ${POSITIONS.join(', ')}`, position)
  }
  if (!SCHEMES.includes(colorScheme)) {
    throw badInput('EventBusDevtools', 'the colorScheme prop', `one of ${SCHEMES.join(', ')}`, colorScheme)
  }

  // A new bus gets a new list: ids are per bus, so traces of two buses must not mix.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `bus` is the list's reset key
  const store = useMemo(() => createTraceStore(capacity), [bus, capacity])
  useInspection(bus, store)
  const root = useShadowRoot()
  if (root === null) return null
  return createPortal(
    <>
      <style>{styles}</style>
      <PanelErrorBoundary position={position} colorScheme={colorScheme}>
        <Devtools bus={bus} store={store} initialIsOpen={initialIsOpen} position={position} colorScheme={colorScheme} />
      </PanelErrorBoundary>
    </>,
    root,
  )
}

/**
 * Keeps the store attached to the bus while the panel is mounted, as `useEvent` keeps its
 * subscription: attached in an insertion effect, before any layout or passive effect of the same
 * commit runs, so the events the app emits from its mount effects are listed too; detached by a
 * passive cleanup as well (a microtask later, so StrictMode's remount keeps it), because React 18
 * skips insertion-effect cleanups in a subtree that Suspense hid and then deleted
 * (facebook/react#26670), which would leave the bus traced for good.
 */
function useInspection(bus: EventBus<Record<string, unknown>>, store: TraceStore): void {
  const [attachment] = useState(() => ({ detach: null as (() => void) | null, hidden: false }))
  useInsertionEffect(() => {
    if (!attachment.hidden) attachment.detach = inspect(bus, store.add)
    return () => {
      attachment.detach?.()
      attachment.detach = null
    }
  }, [attachment, bus, store])
  useEffect(() => {
    attachment.hidden = false
    attachment.detach ??= inspect(bus, store.add)
    return () => {
      attachment.hidden = true
      queueMicrotask(() => {
        if (!attachment.hidden) return
        attachment.detach?.()
        attachment.detach = null
      })
    }
  }, [attachment, bus, store])
}

/** A failure of the panel shows in the panel, and never takes the app down with it. */
class PanelErrorBoundary extends Component<
  { children: ReactNode; position: string; colorScheme: string },
  { error: unknown }
> {
  override state: { error: unknown } = { error: undefined }

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') }
  }

  override render() {
    if (this.state.error === undefined) return this.props.children
    return (
      <div className={`root ${this.props.position} crashed`} data-scheme={this.props.colorScheme} role="alert">
        busway devtools failed: {preview(this.state.error)}{' '}
        <button type="button" className="action" onClick={() => this.setState({ error: undefined })}>
          Retry
        </button>
      </div>
    )
  }
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
  const kept = snapshot.traces.length
  const failed = snapshot.traces.filter((trace) => trace.errors.length > 0).length
  const summary = `${plural(kept, 'event')} kept${failed > 0 ? `, ${failed} with errors` : ''}`

  function close(): void {
    setOpen(false)
    toggle.current?.focus()
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !open) return
    // Escape in a search box with text clears the text first (the browser does that).
    const target = event.target as HTMLInputElement
    if (target.type === 'search' && target.value !== '') return
    event.stopPropagation()
    close()
  }

  return (
    <div className={`root ${position}`} data-scheme={colorScheme} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="toggle"
        aria-expanded={open}
        aria-controls={panelId}
        title={`${open ? 'Close' : 'Open'} the busway devtools: ${summary}`}
        onClick={() => setOpen(!open)}
      >
        busway
        <span className="badge" aria-label={`${plural(kept, 'event')} kept`}>
          {kept}
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

type View = 'events' | 'listeners'
const VIEWS: readonly View[] = ['events', 'listeners']

function Panel({ id, bus, store, close }: { id: string; bus: DevtoolsProps['bus']; store: TraceStore; close: () => void }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const [view, setView] = useState<View>('events')
  const [text, setText] = useState('')
  const [type, setType] = useState('')
  const filterInput = useRef<HTMLInputElement>(null)
  const tabIds = useId()
  useEffect(() => filterInput.current?.focus(), [])

  const tree = useMemo(() => buildTree(snapshot.traces), [snapshot.traces])
  const seenTypes = useMemo(() => [...new Set(snapshot.traces.map((trace) => trace.type))].sort(), [snapshot.traces])
  // The chosen type left the list (cleared, or dropped as the oldest): show all again.
  if (type !== '' && !seenTypes.includes(type)) setType('')
  const needle = text.trim().toLowerCase()
  const matchesText = (eventType: string) => needle === '' || eventType.toLowerCase().includes(needle)
  const matches = (trace: EmitTrace) => (type === '' || trace.type === type) && matchesText(trace.type)

  function onTabKeyDown(event: KeyboardEvent): void {
    const index = VIEWS.indexOf(view)
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: VIEWS.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const chosen = VIEWS[(next + VIEWS.length) % VIEWS.length]!
    setView(chosen)
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-view="${chosen}"]`)?.focus()
  }

  return (
    <section id={id} className="panel" aria-label="busway devtools">
      <div className="bar">
        <span className="title">busway</span>
        <div className="tabs" role="tablist" aria-label="View" onKeyDown={onTabKeyDown}>
          {VIEWS.map((name) => (
            <button
              key={name}
              id={`${tabIds}-${name}`}
              type="button"
              role="tab"
              data-view={name}
              aria-selected={view === name}
              aria-controls={`${tabIds}-panel`}
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
          aria-label="Filter by event type"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {view === 'events' && (
          <>
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
          </>
        )}
        <button type="button" className="action" aria-label="Close the busway devtools" onClick={close}>
          ✕
        </button>
      </div>
      {snapshot.paused && view === 'events' && (
        <div className="status" role="status">
          Paused: new events are not recorded{snapshot.skipped > 0 ? ` (${snapshot.skipped} so far)` : ''}.
        </div>
      )}
      <div className="body" id={`${tabIds}-panel`} role="tabpanel" aria-labelledby={`${tabIds}-${view}`}>
        {view === 'events' ? (
          <EventList
            tree={tree}
            matches={matches}
            filterKey={`${type}\n${needle}`}
            empty={snapshot.traces.length === 0}
          />
        ) : (
          <ListenersView bus={bus} matches={matchesText} />
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
  const { id, type, payload, time, duration, handlers, labels, errors } = trace
  // The details render only while open: a large payload costs nothing until looked at.
  const [open, setOpen] = useState(false)
  const nested = children.filter((child) => shown(child, matches))
  const classes = ['event', errors.length > 0 ? 'failed' : '', matches(trace) ? '' : 'context'].filter(Boolean)
  const unlabelled = handlers - labels.length
  const handlerNames = [...labels, ...(unlabelled > 0 ? [`${unlabelled} unlabelled`] : [])].join(', ')
  return (
    <li className={classes.join(' ')} data-event-id={id} data-event-type={type}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="id">#{id}</span>
          <span className="time">{clockTime(time)}</span>
          <span className="type" title={type}>
            {type}
          </span>
          <span className="preview">{preview(payload)}</span>
          <span className="handlers" title={handlerNames}>
            {plural(handlers, 'handler')}
          </span>
          <span className="duration" title="Dispatch time, nested events included">
            {formatDuration(duration)}
          </span>
          <span className="errors">{errors.length > 0 ? plural(errors.length, 'error') : ''}</span>
        </summary>
        {open && <EventDetail trace={trace} handlerNames={handlerNames} />}
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

function EventDetail({ trace, handlerNames }: { trace: EmitTrace; handlerNames: string }) {
  const { id, parentId, payload, errors } = trace
  return (
    <div className="detail">
      <div className="tree">
        <PayloadTree name="payload" value={payload} defaultOpen />
      </div>
      <div>
        <span className="label">Handlers: </span>
        {handlerNames === '' ? 'none' : handlerNames}
      </div>
      <div>
        <span className="label">Event: </span>#{id}
        {parentId !== undefined && `, emitted while handling #${parentId}`}
      </div>
      {errors.map(({ error, label }, index) => (
        <div key={index} className="error-line">
          {label === undefined ? 'A handler' : `"${label}"`} threw {describeError(error)}
        </div>
      ))}
    </div>
  )
}

/** An error in full: its name and message, not shortened as previews are. */
function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`
  } catch {
    // fall through to the preview, which copes with anything
  }
  return preview(error, 0, Infinity)
}

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
function ListenersView({ bus, matches }: { bus: DevtoolsProps['bus']; matches: (type: string) => boolean }) {
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
