import {
  Component,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { createPortal } from 'react-dom'
import { inspect, type EventBus } from '../core'
import { requireInternals } from '../core/internals'
import { badInput } from '../core/report'
import { useNearestBus } from '../react/nearest-bus'
import { useAttachment } from '../react/use-attachment'
import { plural } from './format'
import { Panel } from './panel'
import { preview } from './payload-tree'
import { styles } from './styles'
import { createTraceStore, type TraceStore } from './trace-store'

/**
 * Props of `EventBusDevtools`.
 *
 * @example
 * ```tsx
 * import type { EventBusDevtoolsProps } from 'busway/devtools'
 *
 * const props: EventBusDevtoolsProps = { capacity: 1000, position: 'bottom-left', colorScheme: 'dark' }
 * ```
 */
export interface EventBusDevtoolsProps<E = Record<string, unknown>> {
  /**
   * The bus to watch. Default: the bus of the nearest `EventBusProvider` (of any hooks). A new
   * bus starts a new list, as trace ids are per bus.
   */
  bus?: EventBus<E> | undefined
  /**
   * How many events the panel keeps; older ones are dropped first. A positive integer; default
   * 500. Changing it starts a new list.
   */
  capacity?: number | undefined
  /** Whether the panel starts open. Default false: only the toggle shows. */
  initialIsOpen?: boolean | undefined
  /** The corner the toggle and panel sit in. Default `'bottom-right'`. */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | undefined
  /** Light or dark colours, or `'system'` to follow `prefers-color-scheme`. Default `'system'`. */
  colorScheme?: 'light' | 'dark' | 'system' | undefined
}

const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left']
const SCHEMES = ['light', 'dark', 'system']

/** The panel's shadow root, and whether its styles were adopted (else a `<style>` gives them). */
interface Shadow {
  root: ShadowRoot
  adopted: boolean
}

/**
 * Gives a shadow root the panel's styles as a constructed stylesheet. A Content-Security-Policy
 * without `'unsafe-inline'` for styles (`default-src 'self'`) blocks `<style>` elements, but not
 * stylesheets made with `new CSSStyleSheet()` (CSSOM is script, which the policy already let
 * run). Returns false where the browser has no constructable stylesheets (Safari before 16.4,
 * jsdom): there a `<style>` element is the fallback.
 */
function adoptStyles(root: ShadowRoot): boolean {
  // Browsers shipped adoptedStyleSheets together with the CSSStyleSheet constructor and replaceSync.
  if (!('adoptedStyleSheets' in root)) return false
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(styles)
  root.adoptedStyleSheets = [sheet]
  return true
}

/** A shadow root in a host element appended to `document.body`, for the panel's lifetime. */
function useShadowRoot(): Shadow | null {
  const [shadow, setShadow] = useState<Shadow | null>(null)
  useEffect(() => {
    const host = document.createElement('div')
    host.setAttribute('data-busway-devtools', '')
    document.body.appendChild(host)
    const root = host.attachShadow({ mode: 'open' })
    setShadow({ root, adopted: adoptStyles(root) })
    return () => host.remove()
  }, [])
  return shadow
}

/**
 * A devtools panel for a bus: a small floating toggle that opens a live list of events, newest
 * first, with their time, type, a payload preview that expands to a tree, how many handlers ran
 * (and the labels of labelled ones), dispatch time and errors (in red). Events emitted by a
 * handler are nested under the event it was handling: the causal chain. The list can be
 * filtered by type, paused and cleared, and keeps the latest `capacity` events (also while the
 * tab is in the background, where no animation frame runs). A listeners view shows the current
 * subscription count of the 100 busiest types (the filter finds the others), so leaks show as
 * counts that only grow.
 *
 * The panel renders into a shadow root under `document.body`: the app's styles do not reach it
 * and its styles do not reach the app. Its styles are a constructed stylesheet (`new
 * CSSStyleSheet()`, adopted by the shadow root), which a Content-Security-Policy without
 * `'unsafe-inline'` does not block; only browsers without constructable stylesheets get a
 * `<style>` element instead. It renders nothing on the server. It is keyboard
 * accessible (Escape closes it) and follows the light or dark colour scheme. It watches the bus
 * through `inspect`, so emits cost a little more while it is mounted; render it in development
 * only, behind `process.env.NODE_ENV !== 'production'` (or Vite's `import.meta.env.DEV`): the
 * bundler then leaves the panel's code out of production builds.
 *
 * @param props - see {@link EventBusDevtoolsProps}: `bus`, `capacity`, `initialIsOpen`,
 *   `position`, `colorScheme`.
 * @throws {Error} when there is neither a `bus` prop nor an `EventBusProvider` above it.
 * @throws {TypeError} when the bus (the prop's or the provider's) was not made by
 *   `createEventBus`, or `position` or `colorScheme` is not one of its values.
 * @throws {RangeError} when `capacity` is not a positive integer.
 *
 * @example
 * ```tsx
 * import { createEventHooks } from 'busway'
 * import { EventBusDevtools } from 'busway/devtools'
 *
 * const { EventBusProvider } = createEventHooks<{ 'user:login': { userId: string } }>()
 * export function App({ children }: { children: React.ReactNode }) {
 *   return (
 *     <EventBusProvider>
 *       {children}
 *       {process.env.NODE_ENV !== 'production' && <EventBusDevtools />}
 *     </EventBusProvider>
 *   )
 * }
 * ```
 */
export function EventBusDevtools<E = Record<string, unknown>>({
  bus: busProp,
  capacity = 500,
  initialIsOpen = false,
  position = 'bottom-right',
  colorScheme = 'system',
}: EventBusDevtoolsProps<E>) {
  const nearest = useNearestBus()
  const bus = (busProp ?? nearest) as EventBus<Record<string, unknown>> | null
  if (bus === null) {
    throw new Error(
      'busway: <EventBusDevtools> needs a bus: render it inside an <EventBusProvider>, or pass one as its bus prop.',
    )
  }
  requireInternals('EventBusDevtools', busProp === undefined ? "the EventBusProvider's bus" : 'the bus prop', bus)
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw badInput('EventBusDevtools', 'the capacity prop', 'a positive integer', capacity, RangeError)
  }
  if (!POSITIONS.includes(position)) {
    throw badInput('EventBusDevtools', 'the position prop', `one of ${POSITIONS.join(', ')}`, position)
  }
  if (!SCHEMES.includes(colorScheme)) {
    throw badInput('EventBusDevtools', 'the colorScheme prop', `one of ${SCHEMES.join(', ')}`, colorScheme)
  }

  // A new bus gets a new list: ids are per bus, so traces of two buses must not mix.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `bus` is the list's reset key
  const store = useMemo(() => createTraceStore(capacity), [bus, capacity])
  // Attached like useEvent's subscriptions: before the app's mount effects emit (so their
  // events are listed), and detached even where React 18 skips insertion-effect cleanups.
  useAttachment(() => inspect(bus, store.add), [bus, store])
  const shadow = useShadowRoot()
  if (shadow === null) return null
  return createPortal(
    <>
      {!shadow.adopted && <style>{styles}</style>}
      <PanelErrorBoundary position={position} colorScheme={colorScheme}>
        <Devtools bus={bus} store={store} initialIsOpen={initialIsOpen} position={position} colorScheme={colorScheme} />
      </PanelErrorBoundary>
    </>,
    shadow.root,
  )
}

/** A failure of the panel shows in the panel, and never takes the app down with it. */
class PanelErrorBoundary extends Component<
  { children: ReactNode; position: string; colorScheme: string },
  { error: unknown }
> {
  override state: { error: unknown } = { error: undefined }

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') }
  }

  override render() {
    if (this.state.error === undefined) return this.props.children
    return (
      <div className={`root ${this.props.position} crashed`} data-scheme={this.props.colorScheme} role="alert">
        busway devtools failed: {preview(this.state.error)}{' '}
        <button type="button" className="action" onClick={() => this.setState({ error: undefined })}>
          Retry
        </button>
      </div>
    )
  }
}

interface DevtoolsProps {
  bus: EventBus<Record<string, unknown>>
  store: TraceStore
  initialIsOpen: boolean
  position: string
  colorScheme: string
}

function Devtools({ bus, store, initialIsOpen, position, colorScheme }: DevtoolsProps) {
  const [open, setOpen] = useState(initialIsOpen)
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const toggle = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const kept = snapshot.traces.length
  const failed = snapshot.traces.filter((trace) => trace.errors.length > 0).length
  const summary = `${plural(kept, 'event')} kept${failed > 0 ? `, ${failed} with errors` : ''}`

  function close(): void {
    setOpen(false)
    toggle.current?.focus()
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !open) return
    // Escape in a search box with text clears the text first (the browser does that).
    const target = event.target as HTMLInputElement
    if (target.type === 'search' && target.value !== '') return
    event.stopPropagation()
    close()
  }

  return (
    <div className={`root ${position}`} data-scheme={colorScheme} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="toggle"
        aria-expanded={open}
        aria-controls={panelId}
        title={`${open ? 'Close' : 'Open'} the busway devtools: ${summary}`}
        onClick={() => setOpen(!open)}
      >
        busway
        <span className="badge" aria-label={`${plural(kept, 'event')} kept`}>
          {kept}
        </span>
        {failed > 0 && (
          <span className="badge failed" aria-label={`${plural(failed, 'event')} with errors`}>
            {failed}
          </span>
        )}
      </button>
      {open && <Panel id={panelId} bus={bus} store={store} close={close} />}
    </div>
  )
}
