import { act, render, screen } from '@testing-library/react'
import { StrictMode, useState, type ReactNode } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useBus, useEvent } = createEventHooks<TestEvents>()

/** Records, in `seen`, the bus every render of it got from useBus(). */
function BusProbe({ seen }: { seen: EventBus<TestEvents>[] }) {
  seen.push(useBus())
  return null
}

/** Shows the last `ping` payload it received through useEvent. */
function PingLabel({ testId }: { testId: string }) {
  const [text, setText] = useState('none')
  useEvent('ping', setText)
  return <span data-testid={testId}>{text}</span>
}

/** A parent whose button re-renders it (and with it the provider) with a new counter. */
function Rerenderer({ children }: { children: (renders: number) => ReactNode }) {
  const [renders, setRenders] = useState(0)
  return (
    <>
      <button onClick={() => setRenders(renders + 1)}>rerender</button>
      {children(renders)}
    </>
  )
}

describe('EventBusProvider', () => {
  test('provides the bus passed as `bus` to useBus in every component below it', () => {
    const bus = createEventBus<TestEvents>()
    const seen: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <BusProbe seen={seen} />
          <div>
            <BusProbe seen={seen} />
          </div>
        </EventBusProvider>
      </StrictMode>,
    )
    expect(seen.length).toBeGreaterThanOrEqual(2)
    for (const seenBus of seen) expect(seenBus).toBe(bus)
  })

  test('without `bus`, hands every component one bus and keeps it across re-renders, under StrictMode', () => {
    const seen: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <Rerenderer>
          {(renders) => (
            <EventBusProvider>
              <BusProbe seen={seen} />
              <span>render {renders}</span>
              <BusProbe seen={seen} />
            </EventBusProvider>
          )}
        </Rerenderer>
      </StrictMode>,
    )
    for (let click = 1; click <= 3; click++) {
      act(() => screen.getByRole('button', { name: 'rerender' }).click())
      expect(screen.getByText(`render ${click}`)).toBeTruthy()
    }
    // Two probes, four renders each at least (StrictMode renders twice more).
    expect(seen.length).toBeGreaterThanOrEqual(8)
    expect(new Set(seen).size).toBe(1)
  })

  test('the bus it creates is a working bus: what useBus().emit sends reaches useEvent', () => {
    const seen: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <EventBusProvider>
          <BusProbe seen={seen} />
          <PingLabel testId="label" />
        </EventBusProvider>
      </StrictMode>,
    )
    const bus = seen.at(-1)!
    expect(bus.listenerCount('ping')).toBe(1)
    act(() => bus.emit('ping', 'hello'))
    expect(screen.getByTestId('label').textContent).toBe('hello')
  })

  test('gives each provider instance its own bus', () => {
    const first: EventBus<TestEvents>[] = []
    const second: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <EventBusProvider>
          <BusProbe seen={first} />
          <PingLabel testId="first" />
        </EventBusProvider>
        <EventBusProvider>
          <BusProbe seen={second} />
          <PingLabel testId="second" />
        </EventBusProvider>
      </StrictMode>,
    )
    const firstBus = first.at(-1)!
    expect(second.at(-1)).not.toBe(firstBus)
    act(() => firstBus.emit('ping', 'to the first'))
    expect(screen.getByTestId('first').textContent).toBe('to the first')
    expect(screen.getByTestId('second').textContent).toBe('none')
  })

  test('a nested provider shadows the outer one for its subtree', () => {
    const outerBus = createEventBus<TestEvents>()
    const innerBus = createEventBus<TestEvents>()
    const outerSeen: EventBus<TestEvents>[] = []
    const innerSeen: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <EventBusProvider bus={outerBus}>
          <BusProbe seen={outerSeen} />
          <PingLabel testId="outer" />
          <EventBusProvider bus={innerBus}>
            <BusProbe seen={innerSeen} />
            <PingLabel testId="inner" />
          </EventBusProvider>
        </EventBusProvider>
      </StrictMode>,
    )
    expect(new Set(outerSeen)).toEqual(new Set([outerBus]))
    expect(new Set(innerSeen)).toEqual(new Set([innerBus]))
    expect(outerBus.listenerCount('ping')).toBe(1)
    expect(innerBus.listenerCount('ping')).toBe(1)

    act(() => outerBus.emit('ping', 'outer event'))
    expect(screen.getByTestId('outer').textContent).toBe('outer event')
    expect(screen.getByTestId('inner').textContent).toBe('none')

    act(() => innerBus.emit('ping', 'inner event'))
    expect(screen.getByTestId('outer').textContent).toBe('outer event')
    expect(screen.getByTestId('inner').textContent).toBe('inner event')
  })

  test('a nested provider without `bus` shadows the outer one with a bus of its own', () => {
    const outerBus = createEventBus<TestEvents>()
    const innerSeen: EventBus<TestEvents>[] = []
    render(
      <StrictMode>
        <EventBusProvider bus={outerBus}>
          <PingLabel testId="outer" />
          <EventBusProvider>
            <BusProbe seen={innerSeen} />
            <PingLabel testId="inner" />
          </EventBusProvider>
        </EventBusProvider>
      </StrictMode>,
    )
    const innerBus = innerSeen.at(-1)!
    expect(innerBus).not.toBe(outerBus)
    expect(outerBus.listenerCount()).toBe(1)
    act(() => outerBus.emit('ping', 'outer event'))
    expect(screen.getByTestId('inner').textContent).toBe('none')
    act(() => innerBus.emit('ping', 'inner event'))
    expect(screen.getByTestId('outer').textContent).toBe('outer event')
    expect(screen.getByTestId('inner').textContent).toBe('inner event')
  })
})
