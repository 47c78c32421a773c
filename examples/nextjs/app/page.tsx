import { LoginButton } from '../components/login-button'
import { PingButton } from '../components/ping-button'

export default function HomePage() {
  return (
    <section>
      <h1>Home</h1>
      <p>
        The header, the toasts and the event counter know nothing of these buttons: they all
        talk through the bus that the layout&apos;s provider made.
      </p>
      <div className="actions">
        <LoginButton />
        <PingButton />
      </div>
    </section>
  )
}
