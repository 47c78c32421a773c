import { createEventBus } from 'busway'
import { LoginButton } from '../../components/login-button'

interface BuildEvents {
  'step:done': { step: string; items: number }
}

// Rendered on the server with a bus of its own: a Server Component may use busway's core,
// imported from 'busway' as on the client. A bus made here lives for this one render; never
// share a module-level bus between requests. This page reads nothing from the request, so Next
// prerenders it at build time; a page that does is rendered, with its bus, per request.
export default function ReportPage() {
  const bus = createEventBus<BuildEvents>()
  const steps: string[] = []
  bus.on('step:done', ({ step, items }) => steps.push(`${step}: ${items} items`))
  bus.emit('step:done', { step: 'load orders', items: 42 })
  bus.emit('step:done', { step: 'group by customer', items: 7 })

  return (
    <section>
      <h1>Server report</h1>
      <p>Built on the server by a bus made for this request:</p>
      <ul aria-label="Report steps">
        {steps.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        Last step: <output aria-label="Last step">{bus.latest('step:done')?.step}</output>
      </p>
      <div className="actions">
        <LoginButton />
      </div>
    </section>
  )
}
