'use client'

import { useEmit } from 'busway'

export function PingButton() {
  const emit = useEmit()
  return (
    <button type="button" onClick={() => emit('toast:show', { message: 'Ping' })}>
      Send a toast
    </button>
  )
}
