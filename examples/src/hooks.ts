import { createEventHooks } from 'busway'
import type { AppEvents } from './events'

export const { EventBusProvider, useBus, useEvent, useEmit, useEventState } =
  createEventHooks<AppEvents>()
