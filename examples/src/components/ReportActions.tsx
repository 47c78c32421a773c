import { useEmit, useEvent, useEventState } from '../hooks'

const REPORT_ID = 'report-42'

/**
 * A small chain of events to look at in the devtools panel: saving a report emits
 * `report:saved` from the `report:save` handler, whose own handler raises an info alert, so the
 * panel nests them under their cause. Exporting fails on purpose: the bus's `onError` turns the
 * error into a warning alert, and the panel shows the failed handler in red, by its label.
 */
export function ReportActions() {
  const emit = useEmit()
  const progress = useEventState('report:progress')

  useEvent('report:save', ({ reportId }) => emit('report:saved', { reportId, savedAt: Date.now() }), {
    label: 'report storage',
  })
  useEvent(
    'report:saved',
    ({ reportId }) => emit('system:alert', { severity: 'info', message: `Report ${reportId} saved` }),
    { label: 'save notifier' },
  )
  useEvent(
    'report:export',
    ({ format }) => {
      // CSV exports run in a Web Worker (src/export.worker.ts); the PDF service is down.
      if (format === 'pdf') throw new Error('The PDF export service is unavailable')
    },
    { label: 'exporter' },
  )

  return (
    <>
      <p className="hint">
        Open the <strong>busway</strong> devtools (bottom right) to see these events nest under their cause.
      </p>
      <div className="row">
        <button type="button" onClick={() => emit('report:save', { reportId: REPORT_ID })}>
          Save report
        </button>
        <button type="button" onClick={() => emit('report:export', { reportId: REPORT_ID, format: 'pdf' })}>
          Export as PDF
        </button>
        <button type="button" onClick={() => emit('report:export', { reportId: REPORT_ID, format: 'csv' })}>
          Export as CSV
        </button>
      </div>
      {progress !== undefined && (
        <p className="hint" aria-live="polite">
          <progress max={100} value={progress.percent} /> CSV export in a Web Worker: {progress.percent}%
        </p>
      )}
    </>
  )
}
