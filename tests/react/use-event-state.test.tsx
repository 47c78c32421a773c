import { act, render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import { consoleSpies } from './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEventState } = createEventHooks<TestEvents>()

function Count({ testId = 'count' }: { testId?: string }) {
  const count = useEventState('count', 0)
  return <output data-testid={testId}>{count}</output>
}

function renderWithBus(bus: EventBus<TestEvents>, ui: ReactNode) {
  return render(
    <StrictMode>
      <EventBusProvider bus={bus}>{ui}</EventBusProvider>
    </StrictMode>,
  )
}

describe('useEventState', () => {
  test('returns `initial` before any emit of its type', () => {
    renderWithBus(createEventBus<TestEvents>(), <Count />)
    expect(screen.getByTestId('count').textContent).toBe('0')
  })

  test('returns undefined before any emit when no `initial` is given', () => {
    function Login() {
      const login = useEventState('user:login')
      return <p>{login === undefined ? 'no login yet' : login.userId}</p>
    }
    const bus = createEventBus<TestEvents>()
    renderWithBus(bus, <Login />)
    expect(screen.getByText('no login yet')).toBeTruthy()
    act(() => bus.emit('user:login', { userId: 'u-7' }))
    expect(screen.getByText('u-7')).toBeTruthy()
  })

  test('returns the latest payload after each emit, re-rendering the component', () => {
    const bus = createEventBus<TestEvents>()
    renderWithBus(bus, <Count />)
    act(() => bus.emit('count', 1))
    expect(screen.getByTestId('count').textContent).toBe('1')
    act(() => {
      bus.emit('count', 2)
      bus.emit('count', 3)
    })
    expect(screen.getByTestId('count').textContent).toBe('3')
  })

  test('on mount, returns the bus’s latest payload emitted before the component mounted', () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('count', 41)
    bus.emit('count', 42)
    renderWithBus(bus, <Count />)
    expect(screen.getByTestId('count').textContent).toBe('42')
  })

  test('returns the same payload object that was emitted', () => {
    const bus = createEventBus<TestEvents>()
    const seen: unknown[] = []
    function Login() {
      seen.push(useEventState('user:login'))
      return null
    }
    renderWithBus(bus, <Login />)
    const payload = { userId: 'u-1' }
    act(() => bus.emit('user:login', payload))
    expect(seen.at(-1)).toBe(payload)
    expect(bus.latest('user:login')).toBe(payload)
  })

  test('re-renders only for its own type', () => {
    const bus = createEventBus<TestEvents>()
    let renders = 0
    function CountWithRenders() {
      renders++
      const count = useEventState('count', 0)
      return <output>{count}</output>
    }
    renderWithBus(bus, <CountWithRenders />)
    const afterMount = renders
    act(() => {
      bus.emit('ping', 'other type')
      bus.emit('user:login', { userId: 'u-1' })
      bus.emit('app:ready')
    })
    expect(renders).toBe(afterMount)
    act(() => bus.emit('count', 5))
    expect(screen.getByRole('status').textContent).toBe('5')
    const afterOwnType = renders
    expect(afterOwnType).toBeGreaterThan(afterMount)
    act(() => bus.emit('ping', 'other type again'))
    expect(renders).toBe(afterOwnType)
  })

  test('only the components reading the emitted type re-render', () => {
    const bus = createEventBus<TestEvents>()
    const renders = { count: 0, ping: 0 }
    function CountReader() {
      renders.count++
      return <output>{useEventState('count', 0)}</output>
    }
    function PingReader() {
      renders.ping++
      return <p>{useEventState('ping', 'no ping')}</p>
    }
    renderWithBus(
      bus,
      <>
        <CountReader />
        <PingReader />
      </>,
    )
    const pingRendersAfterMount = renders.ping
    const countRendersAfterMount = renders.count
    act(() => bus.emit('count', 9))
    expect(renders.count).toBeGreaterThan(countRendersAfterMount)
    expect(renders.ping).toBe(pingRendersAfterMount)
    expect(screen.getByText('no ping')).toBeTruthy()
  })

  test('an inline object `initial` neither loops nor warns', () => {
    const bus = createEventBus<TestEvents>()
    let renders = 0
    function Login() {
      renders++
      const login = useEventState('user:login', { userId: 'guest' })
      return <p>user {login.userId}</p>
    }
    renderWithBus(bus, <Login />)
    expect(screen.getByText('user guest')).toBeTruthy()
    // StrictMode renders twice; a snapshot that changed on every read would render on and on.
    expect(renders).toBeLessThanOrEqual(2)
    act(() => bus.emit('ping', 'unrelated'))
    expect(renders).toBeLessThanOrEqual(2)
    act(() => bus.emit('user:login', { userId: 'u-3' }))
    expect(screen.getByText('user u-3')).toBeTruthy()
    expect(renders).toBeLessThanOrEqual(4)
    expect(consoleSpies().error).not.toHaveBeenCalled()
    expect(consoleSpies().warn).not.toHaveBeenCalled()
  })

  test('when `type` changes to one never emitted, returns the `initial` given with the new type', () => {
    const bus = createEventBus<TestEvents>()
    function Label({ type, initial }: { type: 'ping' | 'count'; initial: string | number }) {
      const value = useEventState(type, initial as never)
      return <output data-testid="label">{String(value)}</output>
    }
    const { rerender } = renderWithBus(bus, <Label type="ping" initial="no ping yet" />)
    expect(screen.getByTestId('label').textContent).toBe('no ping yet')
    rerender(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Label type="count" initial={0} />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(screen.getByTestId('label').textContent).toBe('0')
    act(() => bus.emit('count', 5))
    expect(screen.getByTestId('label').textContent).toBe('5')
  })

  test('shows the same value in every component reading the type', () => {
    const bus = createEventBus<TestEvents>()
    renderWithBus(
      bus,
      <>
        <Count testId="a" />
        <Count testId="b" />
      </>,
    )
    act(() => bus.emit('count', 8))
    expect(screen.getByTestId('a').textContent).toBe('8')
    expect(screen.getByTestId('b').textContent).toBe('8')
  })

  test('follows the new bus when the provider’s `bus` prop changes', () => {
    const first = createEventBus<TestEvents>()
    const second = createEventBus<TestEvents>()
    second.emit('count', 20)
    const { rerender } = renderWithBus(first, <Count />)
    act(() => first.emit('count', 10))
    expect(screen.getByTestId('count').textContent).toBe('10')
    rerender(
      <StrictMode>
        <EventBusProvider bus={second}>
          <Count />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(screen.getByTestId('count').textContent).toBe('20')
    expect(first.listenerCount()).toBe(0)
    act(() => first.emit('count', 11))
    expect(screen.getByTestId('count').textContent).toBe('20')
    act(() => second.emit('count', 21))
    expect(screen.getByTestId('count').textContent).toBe('21')
  })

  test('after unmount, listenerCount() is back to its value before mount', () => {
    const bus = createEventBus<TestEvents>()
    bus.on('count', () => {})
    const before = bus.listenerCount()
    const { unmount } = renderWithBus(
      bus,
      <>
        <Count testId="a" />
        <Count testId="b" />
      </>,
    )
    expect(bus.listenerCount('count')).toBe(3)
    unmount()
    expect(bus.listenerCount()).toBe(before)
  })
})
