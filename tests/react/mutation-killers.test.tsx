// Behaviour the rest of the React suite left unpinned, found by mutation testing
// (`npm run test:mutation`): the provider's check of its bus prop, the whole message of the
// error outside a provider. (Unmounting a useEvent that a hidden <Activity> unsubscribed is
// in activity.react19.test.tsx.)
import { render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { createEventHooks, type EventBus } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import { expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

const { EventBusProvider, useBus, useEvent, useEmit, useEventState } = createEventHooks<TestEvents>()

/** Renders `ui` under StrictMode and an error boundary; returns what the boundary shows. */
function renderCaught(ui: ReactNode): string {
  render(
    <StrictMode>
      <ErrorBoundary>{ui}</ErrorBoundary>
    </StrictMode>,
  )
  expect(screen.queryByText('rendered')).toBeNull()
  return screen.getByRole('alert').textContent ?? ''
}

describe('EventBusProvider with a bus prop that is not a bus', () => {
  test.each([
    ['null', null, 'null'],
    ['an object without on', {}, 'an object'],
    // Only objects are buses, whatever methods a function carries.
    ['a function with an on method', Object.assign(() => {}, { on: () => () => {} }), 'a function'],
  ])('throws a TypeError that names the prop and shows what it got: %s', (_kind, bus, shown) => {
    const caught: unknown[] = []
    expectConsoleErrors()
    render(
      <StrictMode>
        <ErrorBoundary onCatch={(error) => caught.push(error)}>
          <EventBusProvider bus={bus as unknown as EventBus<TestEvents>}>
            <p>rendered</p>
          </EventBusProvider>
        </ErrorBoundary>
      </StrictMode>,
    )

    expect(screen.queryByText('rendered')).toBeNull()
    expect(caught[0]).toBeInstanceOf(TypeError)
    expect(screen.getByRole('alert').textContent).toBe(
      `caught: busway: EventBusProvider(): the bus prop must be an EventBus made by createEventBus(), got ${shown}`,
    )
  })
})

describe('outside an EventBusProvider', () => {
  const callers = {
    useBus: function UsesBus() {
      useBus()
      return <p>rendered</p>
    },
    useEvent: function UsesEvent() {
      useEvent('ping', () => {})
      return <p>rendered</p>
    },
    useEmit: function UsesEmit() {
      useEmit()
      return <p>rendered</p>
    },
    useEventState: function UsesEventState() {
      useEventState('count', 0)
      return <p>rendered</p>
    },
  }

  test.each(Object.keys(callers) as Array<keyof typeof callers>)(
    '%s throws an error whose message says how to fix it',
    (hook) => {
      expectConsoleErrors()
      const Caller = callers[hook]

      expect(renderCaught(<Caller />)).toBe(
        `caught: busway: ${hook}() must be called inside an <EventBusProvider> made by the same ` +
          'createEventHooks() call. Wrap the component tree in that <EventBusProvider>.',
      )
    },
  )
})
