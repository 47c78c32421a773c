import { createEventBus } from 'busway/core'
import type { AppEvents } from './events'

/**
 * The app's one bus, made in plain TypeScript rather than by the provider, so that code outside
 * React (the monitor) emits into the same bus the components listen to.
 */
export const appBus = createEventBus<AppEvents>()
