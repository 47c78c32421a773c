import { useEffect, useInsertionEffect, useRef, type DependencyList } from 'react'

/**
 * Keeps an attachment to a bus (a subscription, an inspector) live exactly while the component
 * is mounted and shown. `useEvent` and the devtools panel share it.
 *
 * - It attaches in an insertion effect, the first effects of a commit, so the attachment is live
 *   before any layout or passive effect of the same commit can emit. Insertion effects are
 *   no-ops, with no warning, in server rendering on React 18 and 19.
 * - A passive cleanup detaches too, a microtask later. React 18 skips insertion-effect cleanups
 *   in a subtree that a Suspense boundary hid and then deleted (facebook/react#26670), and React
 *   19 keeps the insertion effects of a hidden <Activity>; passive cleanups do run then. The
 *   microtask lets StrictMode's simulated unmount, which runs the cleanup and at once the effect
 *   again, keep the attachment. A tree shown again attaches again.
 * - While hidden, a change of `deps` re-runs insertion effects only: nothing attaches until
 *   the tree is shown.
 *
 * @param attach - makes the attachment and returns the function that ends it.
 * @param deps - when one changes, the attachment is ended and made again.
 * @param onGone - called once the attachment has ended because the component unmounted or was
 *   hidden.
 */
export function useAttachment(attach: () => () => void, deps: DependencyList, onGone?: () => void): void {
  const state = useRef({ detach: null as (() => void) | null, hidden: false }).current
  /* eslint-disable react-hooks/exhaustive-deps -- the caller's deps, as useEffect's own */
  useInsertionEffect(() => {
    if (!state.hidden) state.detach = attach()
    return () => {
      state.detach?.()
      state.detach = null
    }
  }, deps)
  useEffect(() => {
    state.hidden = false
    state.detach ??= attach()
    return () => {
      state.hidden = true
      queueMicrotask(() => {
        if (!state.hidden) return
        state.detach?.()
        state.detach = null
        onGone?.()
      })
    }
  }, deps)
  /* eslint-enable react-hooks/exhaustive-deps */
}
