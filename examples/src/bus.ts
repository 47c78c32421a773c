import { createEventBus, type EventBus } from 'busway/core'
import type { AppEvents } from './events'

/**
 * The app's one bus, made in plain TypeScript rather than by the provider, so that code outside
 * React (the monitor) emits into the same bus the components listen to.
 */
export const appBus: EventBus<AppEvents> = createEventBus<AppEvents>({
  // A failed handler becomes a visible warning, rather than an uncaught error in the console.
  onError: (error, { type }) =>
    appBus.emit('system:alert', {
      severity: 'warning',
      message: `A "${type}" handler failed: ${error instanceof Error ? error.message : String(error)}`,
    }),
})
