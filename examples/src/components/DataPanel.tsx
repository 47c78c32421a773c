import { useState } from 'react'
import { useEmit } from '../hooks'

const RESOURCE_ID = 'report-42'

/** Publishes new revisions of a resource as `data:update`. */
export function DataPanel() {
  const emit = useEmit()
  const [revision, setRevision] = useState(0)

  function pushUpdate() {
    const next = revision + 1
    setRevision(next)
    emit('data:update', {
      resourceId: RESOURCE_ID,
      data: { revision: next },
      updatedAt: Date.now(),
    })
  }

  return (
    <>
      <p className="hint">
        Publishes revisions of <code>{RESOURCE_ID}</code> as <code>data:update</code>.
      </p>
      <div className="row">
        <button type="button" onClick={pushUpdate}>
          Push update
        </button>
        <span>
          Revisions pushed: <output aria-label="Revisions pushed">{revision}</output>
        </span>
      </div>
    </>
  )
}
