import { createEventHooks } from 'busway'
import type { AppEvents } from './events'

export const { EventBusProvider, useBus, useEvent, useAnyEvent, useEmit, useEventState } =
  createEventHooks<AppEvents>()
