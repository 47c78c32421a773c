'use client'

import Link from 'next/link'
import { useEventState } from 'busway'

/** Shows who is signed in: the latest `user:login` payload, kept across page navigations. */
export function Header() {
  const login = useEventState('user:login')
  return (
    <header>
      <nav aria-label="Pages">
        <Link href="/">Home</Link>
        <Link href="/report">Server report</Link>
      </nav>
      <span className="user">{login ? `Signed in as ${login.userId}` : 'Not signed in'}</span>
    </header>
  )
}
