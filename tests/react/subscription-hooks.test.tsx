import { act, render, screen } from '@testing-library/react'
import { StrictMode, useEffect, useState, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import * as busway from 'busway'
import { createEventBus, createEventHooks, type EventBus, type UseEventOptions } from 'busway'
import { describe, expect, test, vi } from 'vitest'
import './support/dom'
import { consoleSpies, expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

// SPEC React rules 1-5, 7 and 8, and the `enabled` option, held for each hook that subscribes
// a component: useEvent and useAnyEvent, those of a createEventHooks() call and the ready-made
// ones exported by busway.

type Handler = (type: string, payload: unknown) => unknown
interface Variant {
  name: string
  Provider: (props: { bus?: EventBus<TestEvents>; children?: ReactNode }) => ReactNode
  /** Subscribes `handler` to `ping` (useEvent) or to every event (useAnyEvent). */
  useSubscribe: (handler: Handler, options?: UseEventOptions) => void
  /** The listenerCount that one subscription of this hook adds to, after `ping` is emitted. */
  hook: 'useEvent' | 'useAnyEvent'
}

const hooks = createEventHooks<TestEvents>()
const variants: Variant[] = [
  {
    name: 'useEvent of createEventHooks()',
    Provider: hooks.EventBusProvider,
    useSubscribe: (handler, options) => hooks.useEvent('ping', (payload) => handler('ping', payload), options),
    hook: 'useEvent',
  },
  {
    name: 'useAnyEvent of createEventHooks()',
    Provider: hooks.EventBusProvider,
    useSubscribe: (handler, options) => hooks.useAnyEvent((type, payload) => handler(type, payload), options),
    hook: 'useAnyEvent',
  },
  {
    name: 'ready-made useEvent',
    Provider: busway.EventBusProvider,
    useSubscribe: (handler, options) => busway.useEvent('ping', (payload) => handler('ping', payload), options),
    hook: 'useEvent',
  },
  {
    name: 'ready-made useAnyEvent',
    Provider: busway.EventBusProvider,
    useSubscribe: (handler, options) => busway.useAnyEvent((type, payload) => handler(type, payload), options),
    hook: 'useAnyEvent',
  },
]

describe.each(variants)('$name', ({ Provider, useSubscribe, hook }) => {
  function app(bus: EventBus<TestEvents>, ui: ReactNode) {
    return (
      <StrictMode>
        <Provider bus={bus}>{ui}</Provider>
      </StrictMode>
    )
  }

  /** Records what its subscription receives, tagged with its `tag` prop of the latest render. */
  function Recorder({ tag, log, options }: { tag: string; log: string[]; options?: UseEventOptions }) {
    useSubscribe((type, payload) => {
      log.push(`${tag} ${type} ${String(payload)}`)
    }, options)
    return <p>{tag}</p>
  }

  test('rule 1: calls the handler of the latest committed render, without resubscribing when only the handler changed', () => {
    const bus = createEventBus<TestEvents>()
    const subscribe = vi.spyOn(bus, hook === 'useEvent' ? 'on' : 'onAny')
    const log: string[] = []
    const { rerender } = render(app(bus, <Recorder tag="first" log={log} />))
    const subscriptions = subscribe.mock.calls.length
    rerender(app(bus, <Recorder tag="second" log={log} />))
    act(() => bus.emit('ping', 'a'))
    expect(log).toEqual(['second ping a'])
    expect(subscribe.mock.calls.length).toBe(subscriptions)
  })

  test('rule 2: runs exactly once per emit under StrictMode', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    render(app(bus, <><Recorder tag="a" log={log} /><Recorder tag="b" log={log} /></>))
    act(() => bus.emit('ping', 'x'))
    expect(log).toEqual(['a ping x', 'b ping x'])
  })

  test('rule 3: is subscribed before any useEffect of the same commit runs', () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    function MountEmitter() {
      useEffect(() => bus.emit('ping', 'from a mount effect'), [])
      return null
    }
    render(app(bus, <><MountEmitter /><Recorder tag="r" log={log} /></>))
    // StrictMode re-runs the mount effect: two emits, each received once.
    expect(log).toEqual(['r ping from a mount effect', 'r ping from a mount effect'])
  })

  test('rule 4: after unmount, listenerCount() is back to its value before mount', async () => {
    const bus = createEventBus<TestEvents>()
    bus.on('ping', () => {})
    const before = bus.listenerCount()
    const log: string[] = []
    const { unmount } = render(app(bus, <Recorder tag="r" log={log} />))
    expect(bus.listenerCount()).toBe(before + 1)
    unmount()
    await act(async () => {})
    expect(bus.listenerCount()).toBe(before)
    bus.emit('ping', 'after')
    expect(log).toEqual([])
  })

  test('rule 5: a handler error goes to onError; with throwOnError to the nearest error boundary, and the other handlers still run', () => {
    expectConsoleErrors()
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const later: string[] = []
    function Failing({ throwOnError }: { throwOnError: boolean }) {
      useSubscribe(() => {
        throw new Error(`failed with throwOnError ${throwOnError}`)
      }, { throwOnError })
      return <p>mounted {String(throwOnError)}</p>
    }
    render(
      app(
        bus,
        <>
          <Failing throwOnError={false} />
          <ErrorBoundary>
            <Failing throwOnError />
          </ErrorBoundary>
        </>,
      ),
    )
    bus.on('ping', (payload) => later.push(payload))
    act(() => bus.emit('ping', 'x'))
    expect(onError).toHaveBeenCalledTimes(1)
    expect((onError.mock.calls[0]![0] as Error).message).toBe('failed with throwOnError false')
    expect(screen.getByRole('alert').textContent).toBe('caught: failed with throwOnError true')
    expect(screen.getByText('mounted false')).toBeTruthy()
    expect(later).toEqual(['x'])
  })

  test('core rule 7 with throwOnError: the rejection of a promise the handler returns reaches the nearest error boundary', async () => {
    expectConsoleErrors()
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    function Failing() {
      useSubscribe(async () => {
        await Promise.resolve()
        throw new Error('async handler failed')
      }, { throwOnError: true })
      return <p>mounted</p>
    }
    render(app(bus, <ErrorBoundary><Failing /></ErrorBoundary>))
    await act(async () => {
      bus.emit('ping', 'x')
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    expect(screen.getByRole('alert').textContent).toBe('caught: async handler failed')
    expect(onError).not.toHaveBeenCalled()
  })

  test('without throwOnError, the bus handler returns what the handler returned, for the bus to handle (core rule 7)', () => {
    const bus = createEventBus<TestEvents>()
    const subscribe = vi.spyOn(bus, hook === 'useEvent' ? 'on' : 'onAny')
    const promise = Promise.resolve('done')
    function Async() {
      useSubscribe(() => promise)
      return null
    }
    render(app(bus, <Async />))
    const call = subscribe.mock.calls.at(-1)!
    const deliver = (hook === 'useEvent' ? call[1] : call[0]) as (...args: unknown[]) => unknown
    expect(hook === 'useEvent' ? deliver('x') : deliver('ping', 'x')).toBe(promise)
  })

  test('rule 7: server rendering subscribes nothing and prints no warning', () => {
    const bus = createEventBus<TestEvents>()
    const html = renderToString(app(bus, <Recorder tag="server" log={[]} />))
    expect(html).toBe('<p>server</p>')
    expect(bus.listenerCount()).toBe(0)
    expect(consoleSpies().error).not.toHaveBeenCalled()
  })

  test('rule 8: outside a provider, throws an error that names the hook and EventBusProvider', () => {
    expectConsoleErrors()
    render(
      <StrictMode>
        <ErrorBoundary>
          <Recorder tag="outside" log={[]} />
        </ErrorBoundary>
      </StrictMode>,
    )
    expect(screen.getByRole('alert').textContent).toMatch(new RegExp(`\\b${hook}\\(\\).*EventBusProvider`))
  })

  describe('enabled option', () => {
    test('while false, holds no subscription and never calls the handler', () => {
      const bus = createEventBus<TestEvents>()
      const log: string[] = []
      render(app(bus, <Recorder tag="off" log={log} options={{ enabled: false }} />))
      expect(bus.listenerCount()).toBe(0)
      act(() => bus.emit('ping', 'x'))
      expect(log).toEqual([])
    })

    test('turning it off and on unsubscribes and subscribes again without remounting', async () => {
      const bus = createEventBus<TestEvents>()
      const log: string[] = []
      let mounts = 0
      function Toggled({ enabled }: { enabled: boolean }) {
        useEffect(() => {
          mounts++
        }, [])
        return <Recorder tag="t" log={log} options={{ enabled }} />
      }
      const { rerender } = render(app(bus, <Toggled enabled />))
      const mountsAfterMount = mounts
      act(() => bus.emit('ping', 'on'))
      rerender(app(bus, <Toggled enabled={false} />))
      await act(async () => {})
      expect(bus.listenerCount()).toBe(0)
      act(() => bus.emit('ping', 'off'))
      rerender(app(bus, <Toggled enabled />))
      expect(bus.listenerCount()).toBe(1)
      act(() => bus.emit('ping', 'on again'))
      expect(log).toEqual(['t ping on', 't ping on again'])
      expect(mounts).toBe(mountsAfterMount)
      expect(screen.getByText('t')).toBeTruthy()
    })

    test('undefined means enabled; a non-boolean throws a TypeError naming the option', () => {
      expectConsoleErrors()
      const bus = createEventBus<TestEvents>()
      render(app(bus, <Recorder tag="default" log={[]} options={{ enabled: undefined }} />))
      expect(bus.listenerCount()).toBe(1)
      const bad = { enabled: 'yes' } as unknown as UseEventOptions
      render(app(bus, <ErrorBoundary><Recorder tag="bad" log={[]} options={bad} /></ErrorBoundary>))
      expect(screen.getByRole('alert').textContent).toBe(
        `caught: busway: ${hook}(): options.enabled must be a boolean, got "yes"`,
      )
    })

    test('with state set by the handler, a disabled hook leaves the state as it was', () => {
      const bus = createEventBus<TestEvents>()
      function Counter({ enabled }: { enabled: boolean }) {
        const [count, setCount] = useState(0)
        useSubscribe(() => setCount((n) => n + 1), { enabled })
        return <output>{count}</output>
      }
      const { rerender } = render(app(bus, <Counter enabled />))
      act(() => bus.emit('ping', 'a'))
      rerender(app(bus, <Counter enabled={false} />))
      act(() => bus.emit('ping', 'b'))
      expect(screen.getByRole('status').textContent).toBe('1')
    })
  })
})
