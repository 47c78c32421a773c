import { useRef, useState } from 'react'
import type { AppEvents, Severity } from '../events'
import { formatTime } from '../format'
import { useEvent } from '../hooks'

interface ShownAlert {
  key: number
  alert: AppEvents['system:alert']
  receivedAt: number
}

interface Presentation {
  label: string
  /** Critical alerts interrupt (role="alert"); the others wait in the log region. */
  role: 'alert' | undefined
}

const MAX_ALERTS = 4

/** How each severity is shown. The `never` check makes an unhandled new severity a type error. */
function present(severity: Severity): Presentation {
  switch (severity) {
    case 'info':
      return { label: 'Info', role: undefined }
    case 'warning':
      return { label: 'Warning', role: undefined }
    case 'critical':
      return { label: 'Critical', role: 'alert' }
    default: {
      const unhandled: never = severity
      throw new Error(`Unhandled severity: ${String(unhandled)}`)
    }
  }
}

/** Shows the latest `system:alert` events, newest first, from React code and the monitor alike. */
export function AlertRegion() {
  const [shown, setShown] = useState<ShownAlert[]>([])
  const nextKey = useRef(0)

  useEvent('system:alert', (alert) => {
    const entry = { key: nextKey.current++, alert, receivedAt: Date.now() }
    setShown((previous) => [entry, ...previous].slice(0, MAX_ALERTS))
  }, { label: 'AlertRegion' })

  return (
    <div className="alerts" role="log" aria-label="Alerts">
      {shown.length === 0 && <p className="hint">No alerts yet.</p>}
      {shown.map(({ key, alert, receivedAt }) => {
        const { label, role } = present(alert.severity)
        return (
          <p key={key} className={`alert alert-${alert.severity}`} role={role}>
            <strong>{label}</strong> {alert.message}{' '}
            <time dateTime={new Date(receivedAt).toISOString()}>{formatTime(receivedAt)}</time>
          </p>
        )
      })}
    </div>
  )
}
