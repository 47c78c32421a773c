import { useState, type SubmitEvent } from 'react'
import { useEmit } from '../hooks'

/** Emits `user:login`; it does not know who listens. */
export function LoginForm() {
  const emit = useEmit()
  const [userId, setUserId] = useState('')

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault()
    const trimmed = userId.trim()
    if (trimmed === '') return
    emit('user:login', { userId: trimmed })
    setUserId('')
  }

  return (
    <form className="row" onSubmit={handleSubmit}>
      <label>
        User ID
        <input
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
          autoComplete="username"
          placeholder="e.g. ada"
          required
        />
      </label>
      <button type="submit">Log in</button>
    </form>
  )
}
