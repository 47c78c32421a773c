import { act, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import {
  EventBusProvider,
  createEventBus,
  createEventHooks,
  useAnyEvent,
  useBus,
  useEmit,
  useEvent,
  useEventState,
  type EventBus,
} from 'busway'
import { EventBusDevtools } from 'busway/devtools'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import './support/dom'
import { expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

// SPEC React, ready-made hooks: busway exports EventBusProvider, useBus, useEvent, useEmit,
// useEventState and useAnyEvent, those of one createEventHooks() made by busway.

describe('ready-made provider and hooks', () => {
  test('work together without a createEventHooks() call: the provider makes one bus for its lifetime', () => {
    const buses = new Set<EventBus<TestEvents>>()
    const seen: string[] = []
    function Header() {
      buses.add(useBus())
      const login = useEventState('user:login')
      useEvent('user:login', ({ userId }) => seen.push(`event ${userId}`))
      useAnyEvent((type) => seen.push(`any ${type}`))
      return <header>{login ? login.userId : 'guest'}</header>
    }
    function LoginButton() {
      const emit = useEmit()
      return <button onClick={() => emit('user:login', { userId: 'u-1' })}>Log in</button>
    }
    render(
      <StrictMode>
        <EventBusProvider>
          <Header />
          <LoginButton />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(screen.getByRole('banner').textContent).toBe('guest')
    act(() => screen.getByRole('button').click())
    expect(screen.getByRole('banner').textContent).toBe('u-1')
    expect(seen).toEqual(['event u-1', 'any user:login'])
    expect(buses.size).toBe(1)
  })

  test('the provider provides a bus given as its bus prop', () => {
    const bus = createEventBus<TestEvents>()
    function Status() {
      return <output>{useEventState('count', 0)}</output>
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Status />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => bus.emit('count', 3))
    expect(screen.getByRole('status').textContent).toBe('3')
  })

  test('are outside a provider under the provider of a createEventHooks() call, and the other way round', () => {
    expectConsoleErrors()
    const own = createEventHooks<TestEvents>()
    function ReadyMade() {
      useEmit()
      return <p>rendered</p>
    }
    function Own() {
      own.useEmit()
      return <p>rendered</p>
    }
    render(
      <StrictMode>
        <own.EventBusProvider>
          <ErrorBoundary>
            <ReadyMade />
          </ErrorBoundary>
        </own.EventBusProvider>
        <EventBusProvider>
          <ErrorBoundary>
            <Own />
          </ErrorBoundary>
        </EventBusProvider>
      </StrictMode>,
    )
    const [readyMade, ownError] = screen.getAllByRole('alert').map((alert) => alert.textContent)
    expect(readyMade).toBe(
      "caught: busway: useEmit() must be called inside busway's <EventBusProvider> (import { EventBusProvider } " +
        "from 'busway'). Wrap the component tree in that <EventBusProvider>.",
    )
    expect(ownError).toMatch(/useEmit\(\) must be called inside an <EventBusProvider> made by the same createEventHooks\(\) call/)
  })

  test('a nested ready-made provider shadows the outer one', () => {
    const outer = createEventBus<TestEvents>()
    const inner = createEventBus<TestEvents>()
    const seen: EventBus<TestEvents>[] = []
    function Probe() {
      seen.push(useBus())
      return null
    }
    render(
      <EventBusProvider bus={outer}>
        <Probe />
        <EventBusProvider bus={inner}>
          <Probe />
        </EventBusProvider>
      </EventBusProvider>,
    )
    expect(seen).toEqual([outer, inner])
  })
})

describe('<EventBusDevtools /> under the ready-made provider', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'setTimeout', 'setInterval', 'clearInterval'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  test('finds the ready-made provider’s bus and lists its events', async () => {
    function Emitter() {
      const emit = useEmit()
      return <button onClick={() => emit('ping', 'hello')}>emit</button>
    }
    render(
      <StrictMode>
        <EventBusProvider>
          <Emitter />
          <EventBusDevtools initialIsOpen />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => screen.getByRole('button', { name: 'emit' }).click())
    await act(async () => {
      vi.advanceTimersByTime(20)
    })
    const root = document.querySelector('[data-busway-devtools]')!.shadowRoot!
    const rows = [...root.querySelectorAll<HTMLElement>('li.event')].map((row) => row.dataset.eventType)
    expect(rows).toEqual(['ping'])
  })
})
