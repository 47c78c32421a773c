import { act, render, screen } from '@testing-library/react'
import { StrictMode, Suspense, memo, startTransition, useState } from 'react'
import { createEventBus, createEventHooks } from 'busway'
import { afterEach, describe, expect, test, vi } from 'vitest'
import './support/dom'
import { Gate, closeGate, gate } from './support/suspense-gate'
import { expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEvent, useEventState } = createEventHooks<TestEvents>()

afterEach(() => {
  vi.unstubAllGlobals()
})

function Listener({ log }: { log: string[] }) {
  useEvent('ping', (payload) => log.push(payload))
  return <p>listener</p>
}

describe('cleanup when a Suspense boundary hides the subscriber (React 18 skips insertion-effect cleanups there)', () => {
  test('unmounting the tree while the boundary shows its fallback unsubscribes', async () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    let suspend = () => {}
    function App() {
      const [key, setKey] = useState(0)
      suspend = () => setKey((value) => value + 1)
      return (
        <Suspense fallback={<p>loading</p>}>
          <Listener log={log} />
          <Gate key={key} />
        </Suspense>
      )
    }
    const { unmount } = render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <App />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(bus.listenerCount()).toBe(1)
    closeGate()
    act(() => suspend())
    expect(screen.getByText('loading')).toBeTruthy()
    unmount()
    await act(async () => gate.release())
    bus.emit('ping', 'after unmount')
    expect(log).toEqual([])
    expect(bus.listenerCount()).toBe(0)
  })

  test('removing only the subscriber while the boundary shows its fallback unsubscribes', async () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    let suspend = () => {}
    let hide = () => {}
    function App() {
      const [key, setKey] = useState(0)
      const [shown, setShown] = useState(true)
      suspend = () => setKey((value) => value + 1)
      hide = () => setShown(false)
      return (
        <Suspense fallback={<p>loading</p>}>
          {shown && <Listener log={log} />}
          <Gate key={key} />
        </Suspense>
      )
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <App />
        </EventBusProvider>
      </StrictMode>,
    )
    closeGate()
    act(() => suspend())
    act(() => hide())
    await act(async () => gate.release())
    bus.emit('ping', 'after removal')
    expect(log).toEqual([])
    expect(bus.listenerCount()).toBe(0)
  })
})

describe('throwOnError never loses an error', () => {
  function Failing() {
    useEvent(
      'ping',
      (payload) => {
        throw new Error(`failed on ${payload}`)
      },
      { throwOnError: true },
    )
    return <p>failing</p>
  }

  test('an error whose component unmounts before re-rendering is reported through reportError', async () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const bus = createEventBus<TestEvents>()
    let hide = () => {}
    function App() {
      const [shown, setShown] = useState(true)
      hide = () => setShown(false)
      return shown ? <Failing /> : <p>hidden</p>
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <App />
        </EventBusProvider>
      </StrictMode>,
    )
    await act(async () => {
      bus.emit('ping', 'lost?')
      hide()
    })
    expect(screen.getByText('hidden')).toBeTruthy()
    expect(reportError).toHaveBeenCalledTimes(1)
    expect((reportError.mock.calls[0]![0] as Error).message).toBe('failed on lost?')
  })

  test('of two errors before one render, the first reaches the boundary and the second goes to onError', () => {
    expectConsoleErrors()
    const onError = vi.fn()
    const bus = createEventBus<TestEvents>({ onError })
    const caught: unknown[] = []
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <ErrorBoundary onCatch={(error) => caught.push(error)}>
            <Failing />
          </ErrorBoundary>
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => {
      bus.emit('ping', 'first')
      bus.emit('ping', 'second')
    })
    expect(screen.getByRole('alert').textContent).toBe('caught: failed on first')
    expect(onError).toHaveBeenCalledTimes(1)
    expect((onError.mock.calls[0]![0] as Error).message).toBe('failed on second')
    expect(onError.mock.calls[0]![1]).toEqual({ type: 'ping', payload: 'second' })
  })
})

describe('throwOnError reaches the boundary', () => {
  function Failing() {
    useEvent(
      'ping',
      (payload) => {
        if (payload === 'fail') throw new Error(`failed on ${payload}`)
      },
      { throwOnError: true },
    )
    return <p>failing</p>
  }

  /** Counts the `ping` events it received, in state, to show that it keeps that state. */
  function Counter() {
    const [count, setCount] = useState(0)
    useEvent('ping', () => setCount((value) => value + 1))
    return <p>counter {count}</p>
  }

  // A memo'd parent with no props never renders again: only the provider's request reaches
  // the subscriber below it.
  const Still = memo(function Still() {
    return (
      <>
        <ErrorBoundary>
          <Failing />
        </ErrorBoundary>
        <Counter />
      </>
    )
  })

  test('below a memo() parent that does not render, the next render throws the error; the other subscribers keep their state', () => {
    expectConsoleErrors()
    const bus = createEventBus<TestEvents>()
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Still />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => bus.emit('ping', 'ok'))
    expect(screen.getByText('counter 1')).toBeTruthy()
    act(() => bus.emit('ping', 'fail'))
    expect(screen.getByRole('alert').textContent).toBe('caught: failed on fail')
    expect(screen.getByText('counter 2')).toBeTruthy()
    // The failing component is gone; the counter still listens.
    expect(bus.listenerCount('ping')).toBe(1)
    act(() => bus.emit('ping', 'after'))
    expect(screen.getByText('counter 3')).toBeTruthy()
  })

  test('an error caught during a transition reaches the boundary', async () => {
    expectConsoleErrors()
    const bus = createEventBus<TestEvents>()
    const caught: unknown[] = []
    render(
      <EventBusProvider bus={bus}>
        <ErrorBoundary onCatch={(error) => caught.push(error)}>
          <Failing />
        </ErrorBoundary>
      </EventBusProvider>,
    )
    await act(async () => {
      startTransition(() => {
        bus.emit('ping', 'fail')
      })
    })
    expect(screen.getByRole('alert').textContent).toBe('caught: failed on fail')
    expect(caught).toHaveLength(1)
    expect(bus.listenerCount('ping')).toBe(0)
  })
})

describe('bad arguments to the hooks', () => {
  test.each([
    ['useEvent', () => useEvent(42 as never, () => {})],
    ['useEventState', () => useEventState(42 as never)],
  ])('%s with a type that is not a string throws a TypeError naming the hook', (hook, callHook) => {
    expectConsoleErrors()
    function Component() {
      callHook()
      return null
    }
    expect(() =>
      render(
        <EventBusProvider>
          <Component />
        </EventBusProvider>,
      ),
    ).toThrow(new RegExp(`^busway: ${hook}\\(\\): type must be a string, got 42$`))
  })

  test('useEvent with a handler that is not a function names the hook, the argument and the value', () => {
    expectConsoleErrors()
    function Component() {
      useEvent('ping', null as never)
      return null
    }
    expect(() =>
      render(
        <EventBusProvider>
          <Component />
        </EventBusProvider>,
      ),
    ).toThrow(/^busway: useEvent\(\): handler must be a function, got null$/)
  })
})
