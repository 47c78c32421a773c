// Written from SPEC.md alone, as an outside reviewer would, and run by vitest (jsdom) against
// the installed tarball: `busway` and `busway/core` resolve to node_modules/busway, never to
// the sources. See tests/package/run.mjs.
import { act, cleanup, render, renderHook, screen } from '@testing-library/react'
import { Component, StrictMode, useEffect, useState, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventBus, createEventHooks } from 'busway'
import { createEventBus as createCoreEventBus } from 'busway/core'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

interface AppEvents {
  'user:login': { userId: string }
  'data:update': { resourceId: string; data: unknown }
  'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
  'app:ready': void
}

const login = (userId: string) => ({ userId })

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('core: createEventBus', () => {
  it('on / emit / off: delivers payloads, every on() is its own subscription, counts return to baseline', () => {
    const bus = createEventBus<AppEvents>()
    expect(bus.listenerCount()).toBe(0)
    const handler = vi.fn()
    const unsubscribe = bus.on('user:login', handler)
    bus.on('user:login', handler)
    expect(bus.listenerCount('user:login')).toBe(2)

    expect(bus.emit('user:login', login('u-1'))).toBeUndefined()
    expect(handler).toHaveBeenCalledTimes(2)
    expect(handler).toHaveBeenCalledWith({ userId: 'u-1' })

    unsubscribe()
    expect(bus.listenerCount('user:login')).toBe(1)
    bus.off('user:login', handler)
    bus.off('user:login', handler) // unknown pair now: a no-op
    expect(bus.listenerCount('user:login')).toBe(0)
    bus.emit('user:login', login('u-2'))
    expect(handler).toHaveBeenCalledTimes(2)
    expect(bus.listenerCount()).toBe(0)
  })

  it('unsubscribe functions are idempotent and never remove another subscription', () => {
    const bus = createEventBus<AppEvents>()
    const handler = vi.fn()
    const first = bus.on('user:login', handler)
    bus.on('user:login', handler)
    first()
    first()
    expect(bus.listenerCount('user:login')).toBe(1)
    bus.emit('user:login', login('a'))
    expect(handler).toHaveBeenCalledTimes(1)

    bus.clear()
    const afterClear = bus.on('user:login', handler)
    first()
    expect(bus.listenerCount('user:login')).toBe(1)
    afterClear()
    afterClear()
    expect(bus.listenerCount()).toBe(0)
  })

  it('once: ends before the first call; off() also ends once-subscriptions', () => {
    const bus = createEventBus<AppEvents>()
    const seen: number[] = []
    bus.once('user:login', () => {
      seen.push(bus.listenerCount('user:login'))
      bus.emit('user:login', login('again')) // must not re-enter this handler
    })
    bus.emit('user:login', login('a'))
    bus.emit('user:login', login('b'))
    expect(seen).toEqual([0])

    const handler = vi.fn()
    bus.once('user:login', handler)
    bus.on('user:login', handler)
    bus.off('user:login', handler)
    expect(bus.listenerCount('user:login')).toBe(0)
    bus.emit('user:login', login('c'))
    expect(handler).not.toHaveBeenCalled()
  })

  it('void events are emitted without a payload or with an explicit undefined', () => {
    const bus = createEventBus<AppEvents>()
    const handler = vi.fn()
    bus.on('app:ready', handler)
    bus.emit('app:ready')
    bus.emit('app:ready', undefined)
    expect(handler).toHaveBeenCalledTimes(2)
    expect(handler.mock.calls.map((args) => args[0])).toEqual([undefined, undefined])
  })

  it('latest() keeps the last payload even without listeners; clear() forgets payloads and subscriptions', () => {
    const bus = createEventBus<AppEvents>()
    expect(bus.latest('user:login')).toBeUndefined()
    bus.emit('user:login', login('nobody-listened'))
    expect(bus.latest('user:login')).toEqual({ userId: 'nobody-listened' })

    const seenLatest: unknown[] = []
    bus.on('user:login', () => seenLatest.push(bus.latest('user:login')))
    bus.onAny(() => {})
    bus.emit('user:login', login('u-2'))
    expect(seenLatest).toEqual([{ userId: 'u-2' }]) // recorded before handlers run

    bus.clear()
    expect(bus.latest('user:login')).toBeUndefined()
    expect(bus.listenerCount()).toBe(0)
  })

  it('onAny gets (type, payload) after the type handlers and is counted only by listenerCount()', () => {
    const bus = createEventBus<AppEvents>()
    const calls: unknown[] = []
    bus.onAny((type, payload) => calls.push(['any', type, payload]))
    bus.on('user:login', (payload) => calls.push(['on', payload]))
    bus.emit('user:login', login('u'))
    bus.emit('app:ready')
    expect(calls).toEqual([
      ['on', { userId: 'u' }],
      ['any', 'user:login', { userId: 'u' }],
      ['any', 'app:ready', undefined],
    ])
    expect(bus.listenerCount('user:login')).toBe(1)
    expect(bus.listenerCount()).toBe(2)
  })

  it('snapshot dispatch: added during an emit is not called by it; removed before its turn is not called', () => {
    const bus = createEventBus<AppEvents>()
    const calls: string[] = []
    const late = () => calls.push('late')
    const removed = () => calls.push('removed')
    bus.on('user:login', () => {
      calls.push('first')
      bus.on('user:login', late)
      bus.off('user:login', removed)
    })
    bus.on('user:login', removed)
    bus.emit('user:login', login('1'))
    expect(calls).toEqual(['first'])
    calls.length = 0
    bus.emit('user:login', login('2'))
    expect(calls).toEqual(['first', 'late'])
  })

  it('AbortSignal ends a subscription; an already-aborted signal subscribes nothing', () => {
    const bus = createEventBus<AppEvents>()
    const controller = new AbortController()
    const handler = vi.fn()
    const anyHandler = vi.fn()
    bus.on('user:login', handler, { signal: controller.signal })
    bus.onAny(anyHandler, { signal: controller.signal })
    expect(bus.listenerCount()).toBe(2)
    controller.abort()
    expect(bus.listenerCount()).toBe(0)
    bus.emit('user:login', login('x'))
    expect(handler).not.toHaveBeenCalled()
    expect(anyHandler).not.toHaveBeenCalled()

    bus.on('user:login', handler, { signal: AbortSignal.abort() })
    bus.once('user:login', handler, { signal: AbortSignal.abort() })
    bus.onAny(anyHandler, { signal: AbortSignal.abort() })
    expect(bus.listenerCount()).toBe(0)
  })

  it('a throwing handler stops no other handler; each error goes to onError(error, { type, payload })', () => {
    const onError = vi.fn()
    const bus = createEventBus<AppEvents>({ onError })
    const boom = new Error('boom')
    const after = vi.fn()
    const anyHandler = vi.fn()
    bus.on('user:login', () => {
      throw boom
    })
    bus.on('user:login', after)
    bus.onAny(anyHandler)
    expect(() => bus.emit('user:login', login('u'))).not.toThrow()
    expect(after).toHaveBeenCalledTimes(1)
    expect(anyHandler).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(boom, { type: 'user:login', payload: { userId: 'u' } })
  })

  it('without onError, handler errors are reported through globalThis.reportError, never swallowed', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const bus = createEventBus<AppEvents>()
    const boom = new Error('unhandled boom')
    const after = vi.fn()
    bus.on('app:ready', () => {
      throw boom
    })
    bus.on('app:ready', after)
    expect(() => bus.emit('app:ready')).not.toThrow()
    expect(after).toHaveBeenCalledTimes(1)
    expect(reportError).toHaveBeenCalledWith(boom)
  })

  it('nested emits beyond maxDepth call no handler and throw an error naming the chain, handled as the handler error', () => {
    const onError = vi.fn()
    const bus = createEventBus<{ ping: number; pong: number }>({ maxDepth: 3, onError })
    const calls: string[] = []
    bus.on('ping', (n) => {
      calls.push(`ping${n}`)
      bus.emit('pong', n + 1)
    })
    bus.on('pong', (n) => {
      calls.push(`pong${n}`)
      bus.emit('ping', n + 1)
    })
    expect(() => bus.emit('ping', 1)).not.toThrow()
    expect(calls).toEqual(['ping1', 'pong2', 'ping3']) // depth 4 ran no handler
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, context] = onError.mock.calls[0]!
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/ping/)
    expect((error as Error).message).toMatch(/pong/)
    expect(context).toEqual({ type: 'ping', payload: 3 })

    // default maxDepth is 100
    const onError100 = vi.fn()
    const loop = createEventBus<{ tick: void }>({ onError: onError100 })
    let ticks = 0
    loop.on('tick', () => {
      ticks++
      loop.emit('tick')
    })
    loop.emit('tick')
    expect(ticks).toBe(100)
    expect(onError100).toHaveBeenCalledTimes(1)
  })

  it('bad input gets a TypeError naming the method and the argument; nothing subscribed is lost', () => {
    const bus = createEventBus<AppEvents>()
    const handler = vi.fn()
    bus.on('user:login', handler)
    const notAFunction = 42 as unknown as () => void
    const notASignal = { aborted: false } as unknown as AbortSignal

    const cases: Array<[() => unknown, RegExp, RegExp]> = [
      [() => bus.on('user:login', notAFunction), /\bon\b/, /handler/],
      [() => bus.once('user:login', notAFunction), /\bonce\b/, /handler/],
      [() => bus.off('user:login', notAFunction), /\boff\b/, /handler/],
      [() => bus.onAny(notAFunction), /\bonAny\b/, /handler/],
      [() => bus.on('user:login', () => {}, { signal: notASignal }), /\bon\b/, /signal/],
      [() => bus.onAny(() => {}, { signal: notASignal }), /\bonAny\b/, /signal/],
    ]
    for (const [call, method, argument] of cases) {
      let thrown: unknown
      try {
        call()
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(TypeError)
      expect((thrown as Error).message).toMatch(method)
      expect((thrown as Error).message).toMatch(argument)
    }
    expect(bus.listenerCount()).toBe(1)
    bus.emit('user:login', login('still here'))
    expect(handler).toHaveBeenCalledTimes(1)
  })
})

describe('react: createEventHooks', () => {
  it('useEvent receives what useEmit emits; useEmit keeps one identity across renders', () => {
    const { EventBusProvider, useEvent, useEmit } = createEventHooks<AppEvents>()
    const received: string[] = []
    const emits = new Set<unknown>()
    let rerender: () => void = () => {}
    function Listener() {
      useEvent('user:login', ({ userId }) => received.push(userId))
      return null
    }
    function Emitter() {
      const emit = useEmit()
      const [, setTick] = useState(0)
      rerender = () => setTick((t) => t + 1)
      emits.add(emit)
      return <button onClick={() => emit('user:login', login('clicked'))}>emit</button>
    }
    render(
      <EventBusProvider>
        <Listener />
        <Emitter />
      </EventBusProvider>,
    )
    act(() => rerender())
    act(() => rerender())
    expect(emits.size).toBe(1)
    act(() => screen.getByText('emit').click())
    expect(received).toEqual(['clicked'])
  })

  it('StrictMode: the provider makes one bus, and each mounted useEvent runs exactly once per emit', () => {
    const { EventBusProvider, useBus, useEvent } = createEventHooks<AppEvents>()
    const buses = new Set<unknown>()
    const handler = vi.fn()
    let bus: ReturnType<typeof useBus> | undefined
    function Child() {
      bus = useBus()
      buses.add(bus)
      useEvent('user:login', handler)
      return null
    }
    const { rerender } = render(
      <StrictMode>
        <EventBusProvider>
          <Child />
        </EventBusProvider>
      </StrictMode>,
    )
    rerender(
      <StrictMode>
        <EventBusProvider>
          <Child />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(buses.size).toBe(1)
    expect(bus!.listenerCount('user:login')).toBe(1)
    act(() => bus!.emit('user:login', login('once')))
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('cleanup: after unmount, listenerCount() is back to its value before mount (StrictMode)', () => {
    const { EventBusProvider, useEvent, useEventState, useEmit } = createEventHooks<AppEvents>()
    const bus = createEventBus<AppEvents>()
    bus.on('user:login', () => {})
    bus.onAny(() => {})
    const baseline = bus.listenerCount()
    function Subscriber() {
      useEvent('user:login', () => {})
      useEvent('app:ready', () => {}, { throwOnError: true })
      useEventState('system:alert')
      useEmit()
      return null
    }
    function Toggle({ show }: { show: boolean }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            {show && <Subscriber />}
            {show && <Subscriber />}
          </EventBusProvider>
        </StrictMode>
      )
    }
    const view = render(<Toggle show />)
    expect(bus.listenerCount()).toBeGreaterThan(baseline)
    view.rerender(<Toggle show={false} />)
    expect(bus.listenerCount()).toBe(baseline)
    view.rerender(<Toggle show />)
    view.unmount()
    expect(bus.listenerCount()).toBe(baseline)
  })

  it('no stale closures: the latest committed handler runs, without resubscribing', () => {
    const { EventBusProvider, useEvent } = createEventHooks<AppEvents>()
    const bus = createEventBus<AppEvents>()
    const calls: string[] = []
    function Listener({ label }: { label: string }) {
      useEvent('user:login', () => calls.push(label))
      return null
    }
    const second = <Listener label="second" /> // one element: React does not re-render it
    const tree = (label: string) => (
      <EventBusProvider bus={bus}>
        <Listener label={label} />
        {second}
      </EventBusProvider>
    )
    const { rerender } = render(tree('first v1'))
    rerender(tree('first v2'))
    act(() => bus.emit('user:login', login('x')))
    // A resubscription would have moved the first listener behind the second one.
    expect(calls).toEqual(['first v2', 'second'])
    expect(bus.listenerCount('user:login')).toBe(2)
  })

  it('useEvent resubscribes when the type or the bus changes', () => {
    const { EventBusProvider, useEvent } = createEventHooks<AppEvents>()
    const busA = createEventBus<AppEvents>()
    const busB = createEventBus<AppEvents>()
    const handler = vi.fn()
    function Listener({ type }: { type: 'user:login' | 'app:ready' }) {
      useEvent(type, handler)
      return null
    }
    const { rerender } = render(
      <EventBusProvider bus={busA}>
        <Listener type="user:login" />
      </EventBusProvider>,
    )
    rerender(
      <EventBusProvider bus={busA}>
        <Listener type="app:ready" />
      </EventBusProvider>,
    )
    expect(busA.listenerCount('user:login')).toBe(0)
    expect(busA.listenerCount('app:ready')).toBe(1)
    act(() => busA.emit('app:ready'))
    expect(handler).toHaveBeenCalledTimes(1)

    rerender(
      <EventBusProvider bus={busB}>
        <Listener type="app:ready" />
      </EventBusProvider>,
    )
    expect(busA.listenerCount()).toBe(0)
    expect(busB.listenerCount()).toBe(1)
    act(() => busB.emit('app:ready'))
    expect(handler).toHaveBeenCalledTimes(2)
  })

  it('ready before effects: an emit from a sibling mount effect is received', () => {
    const { EventBusProvider, useEvent, useEmit } = createEventHooks<AppEvents>()
    const received: string[] = []
    function EmitOnMount() {
      const emit = useEmit()
      useEffect(() => emit('user:login', login('from-effect')), [emit])
      return null
    }
    function Listener() {
      useEvent('user:login', ({ userId }) => received.push(userId))
      return null
    }
    render(
      <EventBusProvider>
        <EmitOnMount />
        <Listener />
      </EventBusProvider>,
    )
    expect(received).toEqual(['from-effect'])
  })

  it('useEventState: initial, then each new payload; starts from latest(); re-renders only for its own type', () => {
    const { EventBusProvider, useEventState } = createEventHooks<AppEvents>()
    const bus = createEventBus<AppEvents>()
    let renders = 0
    function Alert() {
      renders++
      const alert = useEventState('system:alert', { severity: 'info', message: 'none yet' })
      return <p data-testid="alert">{alert.message}</p>
    }
    function Login() {
      const user = useEventState('user:login')
      return <p data-testid="user">{user ? user.userId : 'anonymous'}</p>
    }
    bus.emit('user:login', login('before-mount'))
    render(
      <EventBusProvider bus={bus}>
        <Alert />
        <Login />
      </EventBusProvider>,
    )
    expect(screen.getByTestId('alert').textContent).toBe('none yet')
    expect(screen.getByTestId('user').textContent).toBe('before-mount')

    act(() => bus.emit('system:alert', { severity: 'critical', message: 'disk full' }))
    expect(screen.getByTestId('alert').textContent).toBe('disk full')

    const rendersBefore = renders
    act(() => bus.emit('user:login', login('u-2')))
    act(() => bus.emit('app:ready'))
    expect(screen.getByTestId('user').textContent).toBe('u-2')
    expect(renders).toBe(rendersBefore)
  })

  it('a nested provider shadows the outer one; a bus from busway/core can be provided', () => {
    const { EventBusProvider, useBus, useEvent } = createEventHooks<AppEvents>()
    const outer = createEventBus<AppEvents>()
    const inner = createCoreEventBus<AppEvents>()
    const seen: Record<string, unknown> = {}
    const handler = vi.fn()
    function Probe({ name }: { name: string }) {
      seen[name] = useBus()
      useEvent('user:login', handler)
      return null
    }
    render(
      <EventBusProvider bus={outer}>
        <Probe name="outer" />
        <EventBusProvider bus={inner}>
          <Probe name="inner" />
        </EventBusProvider>
      </EventBusProvider>,
    )
    expect(seen.outer).toBe(outer)
    expect(seen.inner).toBe(inner)
    expect(outer.listenerCount('user:login')).toBe(1)
    expect(inner.listenerCount('user:login')).toBe(1)
    act(() => inner.emit('user:login', login('inner')))
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('throwOnError: the error reaches the nearest error boundary, not onError; other handlers still run', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // React logs errors caught by boundaries
    const { EventBusProvider, useEvent } = createEventHooks<AppEvents>()
    const onError = vi.fn()
    const bus = createEventBus<AppEvents>({ onError })
    const other = vi.fn()
    class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
      override state: { error: Error | null } = { error: null }
      static getDerivedStateFromError(error: Error) {
        return { error }
      }
      override render() {
        return this.state.error ? <p>caught: {this.state.error.message}</p> : this.props.children
      }
    }
    function Thrower() {
      useEvent(
        'user:login',
        () => {
          throw new Error('handler boom')
        },
        { throwOnError: true },
      )
      return <p>fine</p>
    }
    function Other() {
      useEvent('user:login', other)
      return null
    }
    render(
      <EventBusProvider bus={bus}>
        <Boundary>
          <Thrower />
        </Boundary>
        <Other />
      </EventBusProvider>,
    )
    expect(() => act(() => bus.emit('user:login', login('u')))).not.toThrow()
    expect(screen.getByText('caught: handler boom')).toBeTruthy()
    expect(other).toHaveBeenCalledTimes(1)
    expect(onError).not.toHaveBeenCalled()
  })

  it('outside a provider every hook throws, naming the hook and EventBusProvider; providers are per createEventHooks()', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // React and jsdom log render errors
    const hooks = createEventHooks<AppEvents>()
    const otherHooks = createEventHooks<AppEvents>()
    const calls: Array<[string, () => unknown]> = [
      ['useBus', () => hooks.useBus()],
      ['useEvent', () => hooks.useEvent('user:login', () => {})],
      ['useEmit', () => hooks.useEmit()],
      ['useEventState', () => hooks.useEventState('user:login')],
    ]
    const wrappers: Array<((props: { children: ReactNode }) => ReactNode) | undefined> = [
      undefined,
      ({ children }) => <otherHooks.EventBusProvider>{children}</otherHooks.EventBusProvider>,
    ]
    for (const wrapper of wrappers) {
      for (const [name, useHook] of calls) {
        let thrown: unknown
        try {
          renderHook(useHook, wrapper ? { wrapper } : {})
        } catch (error) {
          thrown = error
        }
        expect(thrown, name).toBeInstanceOf(Error)
        expect((thrown as Error).message).toMatch(new RegExp(`\\b${name}\\b`))
        expect((thrown as Error).message).toMatch(/\bEventBusProvider\b/)
        cleanup()
      }
    }
  })
})
