import { useEventState } from '../hooks'

/** Shows who is signed in: the latest `user:login`, emitted by a form elsewhere in the tree. */
export function Header() {
  const login = useEventState('user:login')
  return (
    <header className="header">
      <div>
        <h1>busway</h1>
        <p className="tagline">A typed event bus for React: the Event Bus pattern, live.</p>
      </div>
      <p className="user" aria-live="polite">
        {login === undefined ? (
          'Not signed in'
        ) : (
          <>
            Signed in as <strong>{login.userId}</strong>
          </>
        )}
      </p>
    </header>
  )
}
