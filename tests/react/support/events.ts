/** The event map the React tests use. */
export interface TestEvents {
  ping: string
  count: number
  'user:login': { userId: string }
  'app:ready': void
}

// The ready-made hooks exported by busway are typed by the registered event map (SPEC: React,
// ready-made hooks), as an app registers its own.
declare module 'busway' {
  interface Register {
    events: TestEvents
  }
}
