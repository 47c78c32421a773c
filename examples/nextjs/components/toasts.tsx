'use client'

import { useState } from 'react'
import { useEvent } from 'busway'

interface Toast {
  id: number
  message: string
}

let nextId = 0

/** Shows a toast for each login and each `toast:show`, the latest three at most. */
export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  const show = (message: string) => setToasts((list) => [...list.slice(-2), { id: nextId++, message }])
  useEvent('user:login', ({ userId }) => show(`Welcome, ${userId}`), { label: 'Toasts' })
  useEvent('toast:show', ({ message }) => show(message), { label: 'Toasts' })
  return (
    <div className="toasts" role="log" aria-label="Notifications">
      {toasts.map((toast) => (
        <div className="toast" key={toast.id}>
          {toast.message}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => setToasts((list) => list.filter((other) => other !== toast))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
