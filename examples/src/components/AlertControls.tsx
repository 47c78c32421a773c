import { useEmit } from '../hooks'

/** Raises alerts by hand, besides those the monitor sends. */
export function AlertControls() {
  const emit = useEmit()
  return (
    <div className="row">
      <button
        type="button"
        onClick={() =>
          emit('system:alert', { severity: 'warning', message: 'Disk usage at 85% on db-1' })
        }
      >
        Send warning
      </button>
      <button
        type="button"
        className="danger"
        onClick={() =>
          emit('system:alert', { severity: 'critical', message: 'Database db-1 is not responding' })
        }
      >
        Send critical alert
      </button>
    </div>
  )
}
