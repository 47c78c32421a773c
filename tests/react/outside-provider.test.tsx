import { cleanup, render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import * as busway from 'busway'
import { createEventBus, createEventHooks, type EventHooks } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import { expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

const hooks = createEventHooks<TestEvents>()
const otherHooks = createEventHooks<TestEvents>()

type HookName = 'useBus' | 'useEvent' | 'useAnyEvent' | 'useEmit' | 'useEventState'

/** One component per hook of `from`, each calling only that hook. */
function callersOf(from: EventHooks<TestEvents>): Record<HookName, () => ReactNode> {
  const { useBus, useEvent, useAnyEvent, useEmit, useEventState } = from
  return {
    useBus: function UsesBus() {
      useBus()
      return <p>rendered</p>
    },
    useEvent: function UsesEvent() {
      useEvent('ping', () => {})
      return <p>rendered</p>
    },
    useAnyEvent: function UsesAnyEvent() {
      useAnyEvent(() => {})
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
}

const callers = callersOf(hooks)

const hookNames: HookName[] = ['useBus', 'useEvent', 'useAnyEvent', 'useEmit', 'useEventState']

/** Matches a message that names `hook` (and not merely a longer name that starts with it). */
const naming = (hook: HookName) => new RegExp(`\\b${hook}\\b(?!State)`)

/** Renders `ui` under StrictMode and an error boundary; returns the message the boundary shows. */
function renderCaught(ui: ReactNode): string {
  render(
    <StrictMode>
      <ErrorBoundary>{ui}</ErrorBoundary>
    </StrictMode>,
  )
  expect(screen.queryByText('rendered')).toBeNull()
  return screen.getByRole('alert').textContent ?? ''
}

describe('outside an EventBusProvider', () => {
  test.each(hookNames)('%s throws an error that names it and EventBusProvider', (hook) => {
    expectConsoleErrors()
    const Caller = callers[hook]
    const message = renderCaught(<Caller />)
    expect(message).toMatch(naming(hook))
    expect(message).toMatch(/EventBusProvider/)
  })

  test.each(hookNames)(
    '%s under the provider of another createEventHooks() call throws the same error',
    (hook) => {
      expectConsoleErrors()
      const Caller = callers[hook]
      const message = renderCaught(
        <otherHooks.EventBusProvider bus={createEventBus<TestEvents>()}>
          <Caller />
        </otherHooks.EventBusProvider>,
      )
      expect(message).toMatch(naming(hook))
      expect(message).toMatch(/EventBusProvider/)
    },
  )

  test.each(hookNames)('%s throws the error in server rendering too', (hook) => {
    expectConsoleErrors()
    const Caller = callers[hook]
    expect(() => renderToString(<Caller />)).toThrow(naming(hook))
    expect(() => renderToString(<Caller />)).toThrow(/EventBusProvider/)
  })

  test('the hooks work under the provider of their own createEventHooks() call', () => {
    const bus = createEventBus<TestEvents>()
        render(
      <StrictMode>
        <otherHooks.EventBusProvider bus={createEventBus<TestEvents>()}>
          <hooks.EventBusProvider bus={bus}>
            {hookNames.map((hook) => {
              const Caller = callers[hook]
              return <Caller key={hook} />
            })}
          </hooks.EventBusProvider>
        </otherHooks.EventBusProvider>
      </StrictMode>,
    )
    expect(screen.getAllByText('rendered')).toHaveLength(hookNames.length)
    expect(bus.listenerCount('ping')).toBe(1)
  })
})

describe('the ready-made hooks outside the ready-made EventBusProvider', () => {
  const readyMade = callersOf(busway)

  test.each(hookNames)('%s throws an error that names it and EventBusProvider, also under the provider of a createEventHooks() call', (hook) => {
    expectConsoleErrors()
    const Caller = readyMade[hook]
    expect(renderCaught(<Caller />)).toMatch(naming(hook))
    cleanup()
    const message = renderCaught(
      <hooks.EventBusProvider>
        <Caller />
      </hooks.EventBusProvider>,
    )
    expect(message).toMatch(naming(hook))
    expect(message).toMatch(/busway's <EventBusProvider>/)
  })
})
