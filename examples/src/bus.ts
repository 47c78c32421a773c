import { createEventBus, type EventBus } from 'busway/core'
import type { AppEvents } from './events'

function createAppBus(): EventBus<AppEvents> {
  const bus: EventBus<AppEvents> = createEventBus<AppEvents>({
    // A failed handler becomes a visible warning, rather than an uncaught error in the console.
    onError: (error, { type }) =>
      bus.emit('system:alert', {
        severity: 'warning',
        message: `A "${type}" handler failed: ${error instanceof Error ? error.message : String(error)}`,
      }),
  })
  return bus
}

/**
 * The app's one bus, made in plain TypeScript rather than by the provider, so that code outside
 * React (the monitor) emits into the same bus the components listen to.
 *
 * On the Vite dev server an edit of this file runs it again. The bus is kept in
 * `import.meta.hot.data` and this module accepts its own update, so the edit makes no second
 * bus: the provider, the monitor and every subscription keep the one they have, with its latest
 * payloads (a new bus would reset every `useEventState` to its initial value). Changes to the
 * bus's options take effect on the next full page load.
 */
export const appBus: EventBus<AppEvents> = import.meta.hot?.data.appBus ?? createAppBus()

if (import.meta.hot) {
  import.meta.hot.data.appBus = appBus
  import.meta.hot.accept()
}
