import { useEffect, useInsertionEffect, useLayoutEffect, useRef, version, type DependencyList } from 'react'

/**
 * Keeps an attachment to a bus (a subscription, an inspector) live exactly while the component
 * is mounted and shown, made again when one of `deps` changes. `useEvent`, `useAnyEvent` and
 * the devtools panel share it.
 *
 * @param attach - makes the attachment and returns the function that ends it.
 * @param deps - when one changes, the attachment is ended and made again.
 */
export const useAttachment: (attach: () => () => void, deps: DependencyList) => void =
  Number.parseInt(version, 10) >= 19 ? useLayoutAttachment : useInsertionAttachment

/* eslint-disable react-hooks/exhaustive-deps -- the caller's deps, as useEffect's own */

/**
 * React 19: one layout effect. Layout effects run only for shown content: content inside a
 * hidden <Activity>, pre-rendered hidden from its first render or hidden later, runs insertion
 * effects but no layout effects, so it holds nothing; React runs the layout cleanups when it
 * hides content and the effects again when it shows it. They run before any passive effect of
 * the commit, so the attachment is live before any `useEffect` of the same commit can emit.
 * React 19 prints no warning for a layout effect in server rendering, where it does nothing.
 */
function useLayoutAttachment(attach: () => () => void, deps: DependencyList): void {
  useLayoutEffect(attach, deps)
}

/**
 * React 18 (no <Activity>, and a warning for a layout effect in server rendering): it attaches
 * in an insertion effect, the first effects of a commit, so the attachment is live before any
 * layout or passive effect of the same commit can emit; insertion effects are no-ops, with no
 * warning, in server rendering. A passive cleanup detaches too, a microtask later: React 18
 * skips insertion-effect cleanups in a subtree that a Suspense boundary hid and then deleted
 * (facebook/react#26670), while passive cleanups do run then. The microtask lets StrictMode's
 * simulated unmount, which runs the cleanup and at once the effect again, keep the attachment.
 */
function useInsertionAttachment(attach: () => () => void, deps: DependencyList): void {
  const state = useRef({ detach: null as (() => void) | null, unmounting: false }).current
  useInsertionEffect(() => {
    state.detach = attach()
    return () => {
      state.detach?.()
      state.detach = null
    }
  }, deps)
  useEffect(() => {
    state.unmounting = false
    state.detach ??= attach()
    return () => {
      state.unmounting = true
      queueMicrotask(() => {
        if (!state.unmounting) return
        state.detach?.()
        state.detach = null
      })
    }
  }, deps)
}
