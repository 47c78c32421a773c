// What `busway` exports under the `react-server` condition in place of its client-only API:
// functions that say where to call them, rather than failing inside React.

function clientOnly(name: string, fix: string) {
  const fail = () => {
    throw new Error(`busway: ${name}() is client-only and cannot run in a React Server Component. ${fix}`)
  }
  Object.defineProperty(fail, 'name', { value: name })
  return fail
}

const inClientComponent = "Call it in a Client Component: a file that starts with 'use client'."

export const createEventHooks = clientOnly(
  'createEventHooks',
  "Call it in a module that starts with 'use client', and import its provider and hooks from there.",
)
export const useBus = clientOnly('useBus', inClientComponent)
export const useEvent = clientOnly('useEvent', inClientComponent)
export const useAnyEvent = clientOnly('useAnyEvent', inClientComponent)
export const useEmit = clientOnly('useEmit', inClientComponent)
export const useEventState = clientOnly('useEventState', inClientComponent)
