import { useState } from 'react'
import { ListenerCount } from './ListenerCount'
import { UpdatesList } from './UpdatesList'

/** Mounts and unmounts the updates list, next to the bus's listener counts. */
export function UpdatesPanel() {
  const [visible, setVisible] = useState(true)
  return (
    <>
      <div className="row">
        <button type="button" aria-expanded={visible} onClick={() => setVisible(!visible)}>
          {visible ? 'Hide panel' : 'Show panel'}
        </button>
        <ListenerCount label="Bus listeners" />
        <ListenerCount label="Listeners on data:update" type="data:update" />
      </div>
      {visible ? (
        <UpdatesList />
      ) : (
        <p className="hint">Panel hidden: its subscription to data:update has ended.</p>
      )}
    </>
  )
}
