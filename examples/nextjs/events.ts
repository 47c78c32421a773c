// The app's event map, registered once for busway's ready-made hooks: with this declaration,
// `useEmit`, `useEvent`, `useEventState` and `useAnyEvent` imported from 'busway' are typed by
// AppEvents everywhere in the app, with no hooks module of the app's own.
export interface AppEvents {
  'user:login': { userId: string }
  'toast:show': { message: string }
}

declare module 'busway' {
  interface Register {
    events: AppEvents
  }
}
