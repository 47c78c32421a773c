import { act, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { createEventBus, createEventHooks, inspect, type EmitTrace } from 'busway'
import { expect, test } from 'vitest'
import { expectConsoleErrors } from './support/console-guard'
import './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEvent } = createEventHooks<TestEvents>()

function Listener({ label }: { label?: string | undefined }) {
  useEvent('ping', () => {}, label === undefined ? undefined : { label })
  return null
}

function setup() {
  const bus = createEventBus<TestEvents>()
  const traces: EmitTrace<TestEvents>[] = []
  inspect(bus, (trace) => traces.push(trace))
  const ui = (...labels: (string | undefined)[]) => (
    <StrictMode>
      <EventBusProvider bus={bus}>
        {labels.map((label, index) => (
          <Listener key={index} label={label} />
        ))}
      </EventBusProvider>
    </StrictMode>
  )
  return { bus, traces, ui }
}

test('useEvent(type, handler, { label }) is listed in the trace of the events it handled, once under StrictMode', () => {
  const { bus, traces, ui } = setup()
  render(ui('Header', undefined, 'Toasts'))

  bus.emit('ping', 'hello')

  expect(traces).toMatchObject([{ type: 'ping', handlers: 3, labels: ['Header', 'Toasts'] }])
})

test('a new label alone does not resubscribe (useEvent resubscribes only when type or the bus changes); the next subscription takes it', async () => {
  const bus = createEventBus<TestEvents>()
  const traces: EmitTrace<TestEvents>[] = []
  inspect(bus, (trace) => traces.push(trace))
  const order: string[] = []
  function Labelled({ type, label }: { type: 'ping' | 'count'; label: string }) {
    useEvent(type, () => order.push(label), { label })
    return null
  }
  function Plain() {
    useEvent('ping', () => order.push('plain'))
    useEvent('count', () => order.push('plain'))
    return null
  }
  const ui = (type: 'ping' | 'count', label: string) => (
    <StrictMode>
      <EventBusProvider bus={bus}>
        <Labelled type={type} label={label} />
        <Plain />
      </EventBusProvider>
    </StrictMode>
  )
  const { rerender } = render(ui('ping', 'Before'))

  await act(async () => rerender(ui('ping', 'After')))
  bus.emit('ping', 'hello')
  // Still the first subscription: its place in the order, and the label it was made with.
  expect(order).toEqual(['After', 'plain'])
  expect(traces.at(-1)!.labels).toEqual(['Before'])

  await act(async () => rerender(ui('count', 'After')))
  bus.emit('count', 1)
  expect(traces.at(-1)!.labels).toEqual(['After'])
  expect(bus.listenerCount()).toBe(3)
})

test('the label of a useEvent handler that threw is in the trace', () => {
  const bus = createEventBus<TestEvents>({ onError: () => {} })
  const traces: EmitTrace<TestEvents>[] = []
  inspect(bus, (trace) => traces.push(trace))
  function Failing() {
    useEvent('ping', () => {
      throw new Error('failed')
    }, { label: 'Failing' })
    return null
  }
  render(
    <EventBusProvider bus={bus}>
      <Failing />
    </EventBusProvider>,
  )

  bus.emit('ping', 'hello')

  expect(traces[0]!.errors).toEqual([{ error: new Error('failed'), label: 'Failing' }])
})

test('useEvent with a label that is not a string names the hook, the option and the value', () => {
  expectConsoleErrors()
  function Component() {
    useEvent('ping', () => {}, { label: 7 as unknown as string })
    return null
  }
  expect(() =>
    render(
      <EventBusProvider>
        <Component />
      </EventBusProvider>,
    ),
  ).toThrow(/^busway: useEvent\(\): options.label must be a string, got 7$/)
})
