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
  /** Posted by the export worker (src/export.worker.ts) while it writes a CSV export. */
  'report:progress': { reportId: string; percent: number }
}

export type AppBus = EventBus<AppEvents>
