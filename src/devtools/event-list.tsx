import { memo, useState } from 'react'
import type { EmitTrace } from '../core'
import { clockTime, formatDuration, plural } from './format'
import { PayloadTree, preview } from './payload-tree'
import type { TraceNode } from '../core/trace-tree'

/** Whether a node, or one of the events it set off, matches: those are shown. */
function shown(node: TraceNode, matches: (trace: EmitTrace) => boolean): boolean {
  return matches(node.trace) || node.children.some((child) => shown(child, matches))
}

export interface RowProps {
  node: TraceNode
  matches: (trace: EmitTrace) => boolean
  /** When a trace's emit started, as a `Date.now()` reading (the same function for every row). */
  startedAt: (trace: EmitTrace) => number
  /** Changes exactly when `matches` does: what the memoized rows compare. */
  filterKey: string
}

export function EventList({ tree, matches, startedAt, filterKey, empty }: Omit<RowProps, 'node'> & { tree: TraceNode[]; empty: boolean }) {
  const visible = tree.filter((node) => shown(node, matches))
  if (visible.length === 0) {
    return <p className="empty">{empty ? 'No events yet. Emit one on the bus.' : 'No event matches the filter.'}</p>
  }
  return (
    <ol aria-label="Events, newest first">
      {visible.map((node) => (
        <EventRow key={node.trace.id} node={node} matches={matches} startedAt={startedAt} filterKey={filterKey} />
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
const EventRow = /* @__PURE__ */ memo(function EventRow({ node, matches, startedAt, filterKey }: RowProps) {
  const { trace, children } = node
  const { id, type, payload, duration, handlers, labels, errors, origin } = trace
  // The details render only while open: a large payload costs nothing until looked at.
  const [open, setOpen] = useState(false)
  const nested = children.filter((child) => shown(child, matches))
  const classes = ['event', errors.length > 0 ? 'failed' : '', matches(trace) ? '' : 'context'].filter(Boolean)
  const unlabelled = handlers - labels.length
  const handlerNames = [...labels, ...(unlabelled > 0 ? [`${unlabelled} unlabelled`] : [])].join(', ')
  return (
    <li className={classes.join(' ')} data-event-id={id} data-event-type={type} data-remote={origin?.bridge}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="id">#{id}</span>
          <span className="time">{clockTime(startedAt(trace))}</span>
          <span className="type" title={origin ? `${type}, ${describeOrigin(origin)}` : type}>
            {origin && <span aria-label="remote">⇣ </span>}
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
            <EventRow key={child.trace.id} node={child} matches={matches} startedAt={startedAt} filterKey={filterKey} />
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
      {trace.origin && (
        <div>
          <span className="label">Remote: </span>
          {describeOrigin(trace.origin)}
        </div>
      )}
      {errors.map(({ error, label }, index) => (
        <div key={index} className="error-line">
          {label === undefined ? 'A handler' : `"${label}"`} threw {describeError(error)}
        </div>
      ))}
    </div>
  )
}

/** Where a remote event came from: the bridge, the peer, and its id at the sender. */
function describeOrigin({ bridge, peer, id, replayed }: NonNullable<EmitTrace['origin']>): string {
  const sender = `${peer === '' ? 'a sender that did not say who it is' : `peer ${peer}`}${id === undefined ? '' : `, #${id} there`}`
  return `${replayed ? 'replayed' : 'received'} through ${bridge} from ${sender}`
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
