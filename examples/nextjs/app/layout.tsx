import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { EventBusProvider } from 'busway'
import { EventBusDevtools } from 'busway/devtools'
import { EventCounter } from '../components/event-counter'
import { Header } from '../components/header'
import { Toasts } from '../components/toasts'
import './globals.css'

export const metadata: Metadata = {
  title: 'busway with Next.js',
  description: 'A typed event bus in a Next.js App Router app',
}

// A Server Component: it renders busway's provider and devtools directly. The provider makes
// one bus for the browser session; it lives in the layout, so it survives client navigation.
// The devtools render nothing, and are left out of the bundle, in production builds.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <EventBusProvider>
          <Header />
          <main>{children}</main>
          <EventCounter />
          <Toasts />
          <EventBusDevtools />
        </EventBusProvider>
      </body>
    </html>
  )
}
