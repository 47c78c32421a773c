import { useEmit, useEventState } from 'busway'

export function App() {
  const emit = useEmit()
  const login = useEventState('user:login')
  const alert = useEventState('system:alert')
  return (
    <main>
      <p>{login ? `Signed in as ${login.userId}` : 'Not signed in'}</p>
      <button onClick={() => emit('user:login', { userId: 'ada' })}>Log in</button>
      <p role="status">{alert ? alert.message : 'No alert yet'}</p>
    </main>
  )
}
