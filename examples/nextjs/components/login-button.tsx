'use client'

import { useEmit } from 'busway'

export function LoginButton() {
  const emit = useEmit()
  return (
    <button type="button" onClick={() => emit('user:login', { userId: 'ada' })}>
      Log in as ada
    </button>
  )
}
