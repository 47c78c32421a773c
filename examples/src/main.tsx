import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EventBusDevtools } from 'busway/devtools'
import { App } from './App'
import { appBus } from './bus'
import { EventBusProvider } from './hooks'
import { createMonitor } from './monitor'
import './styles.css'

/** `?monitorInterval=200` makes the monitor check every 200 ms (the e2e test uses it). */
function monitorIntervalFromUrl(): number | undefined {
  const value = Number(new URLSearchParams(window.location.search).get('monitorInterval'))
  return Number.isFinite(value) && value > 0 ? value : undefined
}

const monitor = createMonitor(appBus, { intervalMs: monitorIntervalFromUrl() })
monitor.start()

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <EventBusProvider bus={appBus}>
      <App monitor={monitor} />
      {/* Shown in development; in a production build it renders nothing and its code is left out. */}
      <EventBusDevtools />
    </EventBusProvider>
  </StrictMode>,
)
