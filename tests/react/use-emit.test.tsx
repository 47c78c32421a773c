import { act, render, screen } from '@testing-library/react'
import { StrictMode, memo, useState } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEmit } = createEventHooks<TestEvents>()

type Emit = EventBus<TestEvents>['emit']

describe('useEmit', () => {
  test('returns the bus’s emit: calling it delivers the event to the bus’s handlers', () => {
    const bus = createEventBus<TestEvents>()
    const received: string[] = []
    bus.on('user:login', ({ userId }) => received.push(userId))
    let readyEvents = 0
    bus.on('app:ready', () => readyEvents++)
    function LoginButton() {
      const emit = useEmit()
      return (
        <>
          <button onClick={() => emit('user:login', { userId: 'u-1' })}>log in</button>
          <button onClick={() => emit('app:ready')}>ready</button>
        </>
      )
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <LoginButton />
        </EventBusProvider>
      </StrictMode>,
    )
    act(() => screen.getByRole('button', { name: 'log in' }).click())
    act(() => screen.getByRole('button', { name: 'ready' }).click())
    expect(received).toEqual(['u-1'])
    expect(readyEvents).toBe(1)
    expect(bus.latest('user:login')).toEqual({ userId: 'u-1' })
  })

  test('is the same function in every render and every component under one provider', () => {
    const bus = createEventBus<TestEvents>()
    const seen: Emit[] = []
    function Recorder() {
      const emit = useEmit()
      seen.push(emit)
      const [clicks, setClicks] = useState(0)
      return <button onClick={() => setClicks(clicks + 1)}>clicked {clicks}</button>
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Recorder />
          <Recorder />
        </EventBusProvider>
      </StrictMode>,
    )
    for (const button of screen.getAllByRole('button')) act(() => button.click())
    expect(screen.getAllByText('clicked 1')).toHaveLength(2)
    expect(seen.length).toBeGreaterThanOrEqual(4)
    expect(new Set(seen)).toEqual(new Set([bus.emit]))
  })

  test('keeps its identity across renders of a provider that makes its own bus', () => {
    const seen: Emit[] = []
    // It takes the render count as a prop so that it renders again under the React Compiler
    // too, which skips re-rendering a component whose props did not change.
    function Recorder({ renders }: { renders: number }) {
      seen.push(useEmit())
      return <output>{renders}</output>
    }
    function App() {
      const [renders, setRenders] = useState(0)
      return (
        <EventBusProvider>
          <button onClick={() => setRenders(renders + 1)}>render {renders}</button>
          <Recorder renders={renders} />
        </EventBusProvider>
      )
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
    act(() => screen.getByRole('button').click())
    act(() => screen.getByRole('button').click())
    expect(screen.getByText('render 2')).toBeTruthy()
    expect(seen.length).toBeGreaterThanOrEqual(3)
    expect(new Set(seen).size).toBe(1)
  })

  test('a memoized child that gets emit as a prop does not re-render when its parent does', () => {
    const bus = createEventBus<TestEvents>()
    let childRenders = 0
    const Child = memo(function Child({ emit }: { emit: Emit }) {
      childRenders++
      return <button onClick={() => emit('count', 1)}>emit</button>
    })
    function Parent() {
      const emit = useEmit()
      const [renders, setRenders] = useState(0)
      return (
        <>
          <button onClick={() => setRenders(renders + 1)}>parent {renders}</button>
          <Child emit={emit} />
        </>
      )
    }
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Parent />
        </EventBusProvider>
      </StrictMode>,
    )
    const afterMount = childRenders
    expect(afterMount).toBeGreaterThan(0)
    act(() => screen.getByRole('button', { name: 'parent 0' }).click())
    act(() => screen.getByRole('button', { name: 'parent 1' }).click())
    expect(screen.getByText('parent 2')).toBeTruthy()
    expect(childRenders).toBe(afterMount)
  })

  test('emits on the new bus after the provider’s `bus` prop changes', () => {
    const first = createEventBus<TestEvents>()
    const second = createEventBus<TestEvents>()
    function Emitter() {
      const emit = useEmit()
      return <button onClick={() => emit('ping', 'clicked')}>emit</button>
    }
    function App({ bus }: { bus: EventBus<TestEvents> }) {
      return (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Emitter />
          </EventBusProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App bus={first} />)
    act(() => screen.getByRole('button').click())
    expect(first.latest('ping')).toBe('clicked')
    rerender(<App bus={second} />)
    first.clear()
    act(() => screen.getByRole('button').click())
    expect(second.latest('ping')).toBe('clicked')
    expect(first.latest('ping')).toBeUndefined()
  })
})
