import { AlertControls } from './components/AlertControls'
import { AlertRegion } from './components/AlertRegion'
import { Bridges } from './components/Bridges'
import { Card } from './components/Card'
import { DataPanel } from './components/DataPanel'
import { EventLog } from './components/EventLog'
import { Header } from './components/Header'
import { LoginForm } from './components/LoginForm'
import { MonitorSwitch } from './components/MonitorSwitch'
import { ReportActions } from './components/ReportActions'
import { UpdatesPanel } from './components/UpdatesPanel'
import type { Monitor } from './monitor'

interface AppProps {
  monitor: Monitor
}

/** Components in separate subtrees that know nothing of each other, talking through the bus. */
export function App({ monitor }: AppProps) {
  return (
    <>
      <Header />
      <Bridges />
      <main className="layout">
        <Card title="Log in">
          <LoginForm />
        </Card>
        <Card title="Data source">
          <DataPanel />
        </Card>
        <Card title="Updates">
          <UpdatesPanel />
        </Card>
        <Card title="Alerts">
          <MonitorSwitch monitor={monitor} />
          <AlertControls />
          <AlertRegion />
        </Card>
        <Card title="Reports">
          <ReportActions />
        </Card>
        <Card title="Event log" wide>
          <EventLog />
        </Card>
      </main>
    </>
  )
}
