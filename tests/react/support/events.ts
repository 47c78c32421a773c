/** The event map the React tests use. */
export interface TestEvents {
  ping: string
  count: number
  'user:login': { userId: string }
  'app:ready': void
}
