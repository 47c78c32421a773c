import { useEffect, useInsertionEffect, useLayoutEffect, useRef, version, type DependencyList } from 'react'

// React 19 has <Activity>, whose hidden content runs insertion effects but no layout effects,
// also when it is pre-rendered hidden from its first render; and it prints no warning for a
// layout effect in server rendering (React 18 does, so there the layout effect is left out).
const hasActivity = Number.parseInt(version, 10) >= 19
const useShownEffect: typeof useLayoutEffect = hasActivity ? useLayoutEffect : () => {}

/**
 * Keeps an attachment to a bus (a subscription, an inspector) live exactly while the component
 * is mounted and shown. `useEvent`, `useAnyEvent` and the devtools panel share it.
 *
 * - React 19: a layout effect attaches it on mount and when the content is shown, and detaches
 *   it when hidden: layout effects run only for shown content, so content inside a hidden
 *   <Activity>, from its first render or hidden later, holds nothing. Layout effects run
 *   before any passive effect of the commit, so the attachment is live before any `useEffect`
 *   of the same commit can emit.
 * - React 18 (no <Activity>): it attaches in an insertion effect, the first effects of a commit,
 *   so it is live before any layout or passive effect of the same commit can emit. Insertion
 *   effects are no-ops, with no warning, in server rendering.
 * - When `deps` change while shown, an insertion effect ends the attachment and makes it again
 *   (while hidden, nothing attaches until the tree is shown).
 * - A passive cleanup detaches too, a microtask later: React 18 skips insertion-effect cleanups
 *   in a subtree that a Suspense boundary hid and then deleted (facebook/react#26670), while
 *   passive cleanups do run then. The microtask lets StrictMode's simulated unmount, which runs
 *   the cleanup and at once the effect again, keep the attachment.
 *
 * @param attach - makes the attachment and returns the function that ends it.
 * @param deps - when one changes, the attachment is ended and made again.
 * @param onGone - called once the attachment has ended because the component unmounted or was
 *   hidden.
 */
export function useAttachment(attach: () => () => void, deps: DependencyList, onGone?: () => void): void {
  // `hidden` starts true on React 19: nothing attaches until a layout effect shows the content.
  const state = useRef({ detach: null as (() => void) | null, hidden: hasActivity }).current
  /* eslint-disable react-hooks/exhaustive-deps -- the caller's deps, as useEffect's own */
  useInsertionEffect(() => {
    if (!state.hidden) state.detach = attach()
    return () => {
      state.detach?.()
      state.detach = null
    }
  }, deps)
  useShownEffect(() => {
    state.hidden = false
    state.detach ??= attach()
    return () => {
      state.hidden = true
      state.detach?.()
      state.detach = null
    }
  }, [])
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
