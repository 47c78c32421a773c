/// <reference lib="webworker" />
// The CSV export job, in a Web Worker: a bus of its own, bridged to the page's bus through the
// worker's port (`self`). It receives `report:export` and posts `report:progress` as it works.
import { createEventBus } from 'busway/core'
import { connectPort } from 'busway/bridge'
import type { AppEvents } from './events'

const bus = createEventBus<AppEvents>()
connectPort(bus, self as DedicatedWorkerGlobalScope, { types: ['report:export', 'report:progress'] })

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

bus.on('report:export', async ({ reportId, format }) => {
  if (format !== 'csv') return
  // Emitted after an await: an emit made synchronously by the handler of a remote event stays
  // on this bus (no loops), while the job's progress is news for the page.
  for (const percent of [0, 25, 50, 75, 100]) {
    await pause(120)
    bus.emit('report:progress', { reportId, percent })
  }
})
