import { createEventBus, type EventBus } from 'busway'

export interface AppEvents {
  'user:login': { userId: string }
  'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
}

// Registers AppEvents once: the hooks imported from 'busway' are typed by it everywhere.
declare module 'busway' {
  interface Register {
    events: AppEvents
  }
}

// A bus that code outside React (this timer, a socket, a fetch wrapper) shares with the
// components. On Vite's dev server an edit of this file runs it again: keep the bus in
// import.meta.hot.data, or the edit would make a second bus and reset the UI's state, and
// stop the old timer on dispose, or each edit would add one.
export const appBus: EventBus<AppEvents> = import.meta.hot?.data.appBus ?? createEventBus<AppEvents>()

const heartbeat = setInterval(
  () => appBus.emit('system:alert', { severity: 'info', message: 'still here' }),
  60_000,
)

if (import.meta.hot) {
  import.meta.hot.data.appBus = appBus
  import.meta.hot.dispose(() => clearInterval(heartbeat))
  import.meta.hot.accept()
}
