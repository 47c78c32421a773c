import { act, render, screen } from '@testing-library/react'
import {
  StrictMode,
  Suspense,
  startTransition,
  useEffect,
  useState,
  type ReactNode,
} from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, test, vi } from 'vitest'
import './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useBus, useEvent, useEmit, useEventState } = createEventHooks<TestEvents>()

type Received = [receiver: string, type: string, payload: unknown][]

/** Records in `log` every `ping` and `count` its useEvent calls receive. */
function Listener({ name, log, children }: { name: string; log: Received; children?: ReactNode }) {
  useEvent('ping', (payload) => log.push([name, 'ping', payload]))
  useEvent('count', (payload) => log.push([name, 'count', payload]))
  return <>{children}</>
}

/** Emits `ping` with its name from a mount effect. */
function MountEmitter({ name }: { name: string }) {
  const emit = useEmit()
  useEffect(() => {
    emit('ping', name)
  }, [emit, name])
  return null
}

/** Records every emit on `bus`, in order, through onAny. */
function recordEmits(bus: EventBus<TestEvents>): [type: string, payload: unknown][] {
  const emitted: [type: string, payload: unknown][] = []
  bus.onAny((type, payload) => emitted.push([type, payload]))
  return emitted
}

describe('useEvent', () => {
  test('calls the handler with each payload while mounted, and no more after unmount', () => {
    const bus = createEventBus<TestEvents>()
    const log: Received = []
    const { unmount } = render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Listener name="listener" log={log} />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => bus.emit('ping', 'one'))
    act(() => bus.emit('count', 2))
    expect(log).toEqual([
      ['listener', 'ping', 'one'],
      ['listener', 'count', 2],
    ])
    unmount()
    bus.emit('ping', 'after unmount')
    expect(log).toHaveLength(2)
  })

  test('under StrictMode, makes one subscription per useEvent and calls each handler once per emit', () => {
    const bus = createEventBus<TestEvents>()
    const log: Received = []
    function App({ label }: { label: string }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <span>{label}</span>
            <Listener name="a" log={log} />
            <Listener name="b" log={log}>
              <Listener name="c" log={log} />
            </Listener>
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App label="first" />)
    expect(bus.listenerCount('ping')).toBe(3)
    expect(bus.listenerCount('count')).toBe(3)
    expect(bus.listenerCount()).toBe(6)
    act(() => bus.emit('ping', 'x'))
    // Subscription order across components follows React's effect order: not asserted.
    expect([...log].sort()).toEqual([
      ['a', 'ping', 'x'],
      ['b', 'ping', 'x'],
      ['c', 'ping', 'x'],
    ])

    // Re-renders (twice each, under StrictMode) change none of that.
    rerender(<App label="second" />)
    rerender(<App label="third" />)
    expect(screen.getByText('third')).toBeTruthy()
    expect(bus.listenerCount()).toBe(6)
    log.length = 0
    act(() => bus.emit('count', 1))
    expect([...log].sort()).toEqual([
      ['a', 'count', 1],
      ['b', 'count', 1],
      ['c', 'count', 1],
    ])
  })

  test('a useEvent in the parent and one in a later sibling receive what a child and an earlier sibling emit from their mount effects', () => {
    const bus = createEventBus<TestEvents>()
    const emitted = recordEmits(bus)
    const log: Received = []
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Listener name="parent" log={log}>
            <div>
              <MountEmitter name="from child" />
            </div>
            <MountEmitter name="from earlier sibling" />
            <Listener name="later sibling" log={log} />
          </Listener>
        </EventBusProvider>
      </StrictMode>,
    )
    // StrictMode runs mount effects twice, so each emitter may have emitted twice: each listener
    // receives every emit, once, in emit order.
    const payloads = emitted.map(([, payload]) => payload)
    expect(new Set(payloads)).toEqual(new Set(['from child', 'from earlier sibling']))
    const received = (name: string) =>
      log.filter(([receiver]) => receiver === name).map(([, , payload]) => payload)
    expect(received('parent')).toEqual(payloads)
    expect(received('later sibling')).toEqual(payloads)
  })

  test('receives events emitted from mount effects of its siblings without StrictMode, once each', () => {
    const bus = createEventBus<TestEvents>()
    const log: Received = []
    render(
      <EventBusProvider bus={bus}>
        <Listener name="parent" log={log}>
          <MountEmitter name="from child" />
          <Listener name="later sibling" log={log} />
          <MountEmitter name="from later emitter" />
        </Listener>
      </EventBusProvider>,
    )
    const received = (name: string) =>
      log.filter(([receiver]) => receiver === name).map(([, , payload]) => payload)
    expect(received('parent')).toEqual(['from child', 'from later emitter'])
    expect(received('later sibling')).toEqual(['from child', 'from later emitter'])
  })

  test('after a type change, the new subscription is live for the useEffect of the same commit', () => {
    const bus = createEventBus<TestEvents>()
    const received: unknown[] = []
    function Switching({ type }: { type: 'ping' | 'count' }) {
      useEvent(type, (payload) => received.push(payload))
      return null
    }
    function EmitOnChange({ type }: { type: 'ping' | 'count' }) {
      const emit = useEmit()
      useEffect(() => {
        if (type === 'count') emit('count', 7)
      }, [emit, type])
      return null
    }
    function App({ type }: { type: 'ping' | 'count' }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <EmitOnChange type={type} />
            <Switching type={type} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App type="ping" />)
    expect(received).toEqual([])
    rerender(<App type="count" />)
    expect(received).toEqual([7])
  })

  test('calls the new inline handler, which reads new props, after a re-render, without resubscribing', () => {
    const bus = createEventBus<TestEvents>()
    const on = vi.spyOn(bus, 'on')
    const greetings: string[] = []
    function Greeter({ greeting }: { greeting: string }) {
      useEvent('ping', (name) => greetings.push(`${greeting}, ${name}`))
      return <p>{greeting}</p>
    }
    function App({ greeting }: { greeting: string }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Greeter greeting={greeting} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App greeting="Hello" />)
    act(() => bus.emit('ping', 'Ada'))
    const subscriptions = on.mock.calls.length
    expect(subscriptions).toBeGreaterThanOrEqual(1)

    rerender(<App greeting="Goodbye" />)
    expect(screen.getByText('Goodbye')).toBeTruthy()
    act(() => bus.emit('ping', 'Ada'))
    rerender(<App greeting="Welcome back" />)
    act(() => bus.emit('ping', 'Grace'))

    expect(greetings).toEqual(['Hello, Ada', 'Goodbye, Ada', 'Welcome back, Grace'])
    expect(on.mock.calls.length).toBe(subscriptions)
    expect(bus.listenerCount('ping')).toBe(1)
  })

  test('a useEffect of the commit that brought a new handler, even an earlier sibling’s, calls the new handler', () => {
    const bus = createEventBus<TestEvents>()
    const greetings: string[] = []
    function EmitsOnChange({ name }: { name: string }) {
      const emit = useEmit()
      useEffect(() => {
        emit('ping', name)
      }, [emit, name])
      return null
    }
    function Greeter({ greeting }: { greeting: string }) {
      useEvent('ping', (name) => greetings.push(`${greeting}, ${name}`))
      return null
    }
    function App({ greeting, name }: { greeting: string; name: string }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <EmitsOnChange name={name} />
            <Greeter greeting={greeting} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App greeting="Hello" name="Ada" />)
    greetings.length = 0
    rerender(<App greeting="Goodbye" name="Grace" />)
    expect(greetings).toEqual(['Goodbye, Grace'])
  })

  test('calls the handler of the latest committed render, not of a render React has not committed', async () => {
    const bus = createEventBus<TestEvents>()
    const calls: string[] = []
    let resolve = () => {}
    const pending = new Promise<void>((done) => {
      resolve = done
    })
    let ready = false
    function SuspendsUntilReady() {
      if (!ready) throw pending
      return null
    }
    function Handler({ version }: { version: string }) {
      useEvent('ping', () => calls.push(version))
      return (
        <>
          <p>handler {version}</p>
          {version === 'new' && <SuspendsUntilReady />}
        </>
      )
    }
    let setVersion: (version: string) => void = () => {}
    function App() {
      const [version, set] = useState('old')
      setVersion = set
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Suspense fallback={<p>loading</p>}>
              <Handler version={version} />
            </Suspense>
          </EventBusProvider>
        </StrictMode>
      )
    }
    render(<App />)
    // A transition that suspends keeps the committed UI: the new render is not committed.
    await act(async () => startTransition(() => setVersion('new')))
    expect(screen.getByText('handler old')).toBeTruthy()
    act(() => bus.emit('ping', 'during the pending transition'))
    expect(calls).toEqual(['old'])

    await act(async () => {
      ready = true
      resolve()
      await pending
    })
    expect(screen.getByText('handler new')).toBeTruthy()
    act(() => bus.emit('ping', 'after commit'))
    expect(calls).toEqual(['old', 'new'])
  })

  test('after unmount, listenerCount() is back to its value before mount', () => {
    const bus = createEventBus<TestEvents>()
    // Subscriptions of non-React code, which must survive the unmount.
    bus.on('ping', () => {})
    bus.onAny(() => {})
    const before = { all: bus.listenerCount(), ping: bus.listenerCount('ping') }
    const log: Received = []
    const { unmount } = render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Listener name="a" log={log} />
          <Listener name="b" log={log} />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(bus.listenerCount()).toBe(before.all + 4)
    unmount()
    expect(bus.listenerCount()).toBe(before.all)
    expect(bus.listenerCount('ping')).toBe(before.ping)
    expect(bus.listenerCount('count')).toBe(0)
  })

  test('after unmount of a tree that uses every hook, listenerCount() is back to its value before mount', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('count', () => {})
    const before = bus.listenerCount()
    const seenBuses = new Set<EventBus<TestEvents>>()
    function EveryHook() {
      seenBuses.add(useBus())
      const emit = useEmit()
      const count = useEventState('count', 0)
      useEvent('ping', () => emit('count', count + 1))
      useEvent('app:ready', () => {}, { throwOnError: true })
      // listenerCount() is read by the test, not during render (SPEC React rule 11)
      return <p>{`count ${count}`}</p>
    }
    const { unmount } = render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <EveryHook />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => bus.emit('ping', 'go'))
    expect(screen.getByText('count 1')).toBeTruthy()
    expect(bus.listenerCount('ping')).toBe(1)
    expect(seenBuses).toEqual(new Set([bus]))
    expect(bus.listenerCount()).toBeGreaterThan(before)
    unmount()
    expect(bus.listenerCount()).toBe(before)
  })

  test('does not resubscribe when only its options change', () => {
    const bus = createEventBus<TestEvents>()
    const on = vi.spyOn(bus, 'on')
    function Subscriber({ throwOnError }: { throwOnError: boolean }) {
      useEvent('ping', () => {}, { throwOnError })
      return null
    }
    function App({ throwOnError }: { throwOnError: boolean }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Subscriber throwOnError={throwOnError} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App throwOnError={false} />)
    const mountCalls = on.mock.calls.length
    rerender(<App throwOnError />)
    rerender(<App throwOnError={false} />)
    expect(on.mock.calls.length).toBe(mountCalls)
    expect(bus.listenerCount('ping')).toBe(1)
  })

  test('unsubscribes a component that unmounts while its siblings stay', () => {
    const bus = createEventBus<TestEvents>()
    const log: Received = []
    function App({ showB }: { showB: boolean }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Listener name="a" log={log} />
            {showB && <Listener name="b" log={log} />}
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App showB />)
    expect(bus.listenerCount('ping')).toBe(2)
    rerender(<App showB={false} />)
    expect(bus.listenerCount('ping')).toBe(1)
    act(() => bus.emit('ping', 'x'))
    expect(log).toEqual([['a', 'ping', 'x']])
  })

  test('resubscribes when `type` changes, and not on other re-renders', () => {
    const bus = createEventBus<TestEvents>()
    const on = vi.spyOn(bus, 'on')
    const received: unknown[] = []
    function Subscriber({ type, label }: { type: 'ping' | 'count'; label: string }) {
      useEvent(type, (payload) => received.push(payload))
      return <p>{label}</p>
    }
    function App({ type, label }: { type: 'ping' | 'count'; label: string }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Subscriber type={type} label={label} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App type="ping" label="one" />)
    const mountCalls = on.mock.calls.length
    expect(on.mock.calls.every(([type]) => type === 'ping')).toBe(true)

    rerender(<App type="ping" label="two" />)
    expect(screen.getByText('two')).toBeTruthy()
    expect(on.mock.calls.length).toBe(mountCalls)

    rerender(<App type="count" label="two" />)
    expect(on.mock.calls.length).toBeGreaterThan(mountCalls)
    expect(on.mock.calls.at(-1)?.[0]).toBe('count')
    expect(bus.listenerCount('ping')).toBe(0)
    expect(bus.listenerCount('count')).toBe(1)
    act(() => bus.emit('ping', 'old type'))
    act(() => bus.emit('count', 3))
    expect(received).toEqual([3])

    const afterChange = on.mock.calls.length
    rerender(<App type="count" label="three" />)
    expect(on.mock.calls.length).toBe(afterChange)
  })

  test('resubscribes to the new bus when the provider’s `bus` prop changes, and leaves the old one', () => {
    const first = createEventBus<TestEvents>()
    const second = createEventBus<TestEvents>()
    const log: Received = []
    function App({ bus }: { bus: EventBus<TestEvents> }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Listener name="listener" log={log} />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App bus={first} />)
    const firstOn = vi.spyOn(first, 'on')
    const secondOn = vi.spyOn(second, 'on')
    rerender(<App bus={first} />)
    expect(firstOn).not.toHaveBeenCalled()

    rerender(<App bus={second} />)
    expect(first.listenerCount()).toBe(0)
    expect(second.listenerCount()).toBe(2)
    expect(secondOn.mock.calls.map(([type]) => type).sort()).toEqual(
      expect.arrayContaining(['count', 'ping']),
    )
    act(() => first.emit('ping', 'old bus'))
    act(() => second.emit('ping', 'new bus'))
    expect(log).toEqual([['listener', 'ping', 'new bus']])

    const callsAfterSwitch = secondOn.mock.calls.length
    rerender(<App bus={second} />)
    expect(secondOn.mock.calls.length).toBe(callsAfterSwitch)
    expect(firstOn).not.toHaveBeenCalled()
  })
})
