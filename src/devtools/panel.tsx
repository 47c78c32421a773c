import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react'
import type { EmitTrace, EventBus } from '../core'
import { EventList } from './event-list'
import { ListenersView } from './listeners-view'
import { buildTree } from '../core/trace-tree'
import type { TraceStore } from './trace-store'

type View = 'events' | 'listeners'
const VIEWS: readonly View[] = ['events', 'listeners']

interface PanelProps {
  id: string
  bus: EventBus<Record<string, unknown>>
  store: TraceStore
  /** Closes the panel and gives focus back to the toggle. */
  close: () => void
}

/** The open panel: its bar of controls, and the events or the listeners view. */
export function Panel({ id, bus, store, close }: PanelProps) {
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
  // Stable while the text is: the listeners view recomputes its rows only when it changes.
  const matchesText = useCallback(
    (eventType: string) => needle === '' || eventType.toLowerCase().includes(needle),
    [needle],
  )
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
            startedAt={store.startedAt}
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
