import type { EventBus } from 'busway/core'

export type Severity = 'info' | 'warning' | 'critical'

/** The app's event map: this one interface types the bus, the hooks and the monitor. */
export interface AppEvents {
  'user:login': { userId: string }
  'data:update': { resourceId: string; data: unknown; updatedAt: number }
  'system:alert': { severity: Severity; message: string }
  'report:save': { reportId: string }
  'report:saved': { reportId: string; savedAt: number }
  'report:export': { reportId: string; format: 'pdf' | 'csv' }
}

export type AppBus = EventBus<AppEvents>
