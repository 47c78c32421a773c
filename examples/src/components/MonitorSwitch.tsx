import { useState } from 'react'
import type { Monitor } from '../monitor'

interface MonitorSwitchProps {
  monitor: Monitor
}

/** Pauses and resumes the monitor, which runs outside React and emits into the bus on its own. */
export function MonitorSwitch({ monitor }: MonitorSwitchProps) {
  const [running, setRunning] = useState(() => monitor.isRunning())

  function toggle() {
    if (monitor.isRunning()) monitor.stop()
    else monitor.start()
    setRunning(monitor.isRunning())
  }

  return (
    <div className="row">
      <span>
        Monitor (plain TypeScript, every {monitor.intervalMs / 1000} s):{' '}
        <output aria-label="Monitor status">{running ? 'running' : 'paused'}</output>
      </span>
      <button type="button" onClick={toggle}>
        {running ? 'Pause monitor' : 'Resume monitor'}
      </button>
    </div>
  )
}
