import { act, render, screen } from '@testing-library/react'
import { StrictMode, useState, type ReactNode } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, onTestFinished, test, vi } from 'vitest'
import './support/dom'
import { expectConsoleErrors } from './support/dom'
import { ErrorBoundary } from './support/error-boundary'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEvent } = createEventHooks<TestEvents>()

/** A bus whose onError records what it is given. */
function busWithOnError() {
  const onError = vi.fn()
  const bus = createEventBus<TestEvents>({ onError })
  return { bus, onError }
}

/** Shows how many `ping` events it received; its handler throws on the payload 'fail'. */
function FailingSubscriber({ throwOnError }: { throwOnError?: boolean }) {
  const [received, setReceived] = useState(0)
  useEvent(
    'ping',
    (payload) => {
      if (payload === 'fail') throw new Error(`handler failed on ${payload}`)
      setReceived((count) => count + 1)
    },
    throwOnError === undefined ? undefined : { throwOnError },
  )
  return <p>failing subscriber received {received}</p>
}

/** Records the `ping` payloads it receives. */
function Recorder({ received }: { received: string[] }) {
  useEvent('ping', (payload) => received.push(payload))
  return <p>recorder mounted</p>
}

function renderApp(bus: EventBus<TestEvents>, ui: ReactNode) {
  return render(
    <StrictMode>
      <EventBusProvider bus={bus}>{ui}</EventBusProvider>
    </StrictMode>,
  )
}

describe('errors thrown by useEvent handlers', () => {
  test('without throwOnError, go to the bus’s onError with the event; emit does not throw and the other handlers run', () => {
    const { bus, onError } = busWithOnError()
    const received: string[] = []
    const later: string[] = []
    renderApp(
      bus,
      <>
        <FailingSubscriber />
        <Recorder received={received} />
      </>,
    )
    bus.on('ping', (payload) => later.push(payload))

    expect(() => act(() => bus.emit('ping', 'fail'))).not.toThrow()
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, context] = onError.mock.calls[0]!
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe('handler failed on fail')
    expect(context).toEqual({ type: 'ping', payload: 'fail' })
    expect(received).toEqual(['fail'])
    expect(later).toEqual(['fail'])

    // The component stays mounted and subscribed.
    act(() => bus.emit('ping', 'fine'))
    expect(screen.getByText('failing subscriber received 1')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('without throwOnError and without onError, are reported through globalThis.reportError', () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    const bus = createEventBus<TestEvents>()
    const received: string[] = []
    renderApp(
      bus,
      <>
        <FailingSubscriber />
        <Recorder received={received} />
      </>,
    )
    act(() => bus.emit('ping', 'fail'))
    expect(reportError).toHaveBeenCalledTimes(1)
    expect((reportError.mock.calls[0]![0] as Error).message).toBe('handler failed on fail')
    expect(received).toEqual(['fail'])
  })

  test('with throwOnError: false, are reported through onError like any handler error', () => {
    const { bus, onError } = busWithOnError()
    renderApp(
      bus,
      <ErrorBoundary>
        <FailingSubscriber throwOnError={false} />
      </ErrorBoundary>,
    )
    act(() => bus.emit('ping', 'fail'))
    expect(onError).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText('failing subscriber received 0')).toBeTruthy()
  })

  test('with throwOnError, reach the nearest error boundary, not onError, and the other handlers of that emit still run', () => {
    expectConsoleErrors()
    const { bus, onError } = busWithOnError()
    const caught: unknown[] = []
    const outerCaught: unknown[] = []
    const received: string[] = []
    const later: string[] = []
    renderApp(
      bus,
      <ErrorBoundary onCatch={(error) => outerCaught.push(error)}>
        <ErrorBoundary onCatch={(error) => caught.push(error)}>
          <FailingSubscriber throwOnError />
        </ErrorBoundary>
        <Recorder received={received} />
      </ErrorBoundary>,
    )
    bus.on('ping', (payload) => later.push(payload))

    act(() => bus.emit('ping', 'ok'))
    expect(screen.getByText('failing subscriber received 1')).toBeTruthy()

    expect(() => act(() => bus.emit('ping', 'fail'))).not.toThrow()
    expect(screen.getByRole('alert').textContent).toBe('caught: handler failed on fail')
    expect(caught).toHaveLength(1)
    expect((caught[0] as Error).message).toBe('handler failed on fail')
    expect(outerCaught).toEqual([])
    expect(onError).not.toHaveBeenCalled()
    expect(received).toEqual(['ok', 'fail'])
    expect(later).toEqual(['ok', 'fail'])
    // The sibling outside the nearest boundary is still mounted.
    expect(screen.getByText('recorder mounted')).toBeTruthy()
  })

  test('with throwOnError and without onError, are not passed to globalThis.reportError', () => {
    expectConsoleErrors()
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    const bus = createEventBus<TestEvents>()
    renderApp(
      bus,
      <ErrorBoundary>
        <FailingSubscriber throwOnError />
      </ErrorBoundary>,
    )
    act(() => bus.emit('ping', 'fail'))
    expect(screen.getByRole('alert').textContent).toBe('caught: handler failed on fail')
    expect(reportError).not.toHaveBeenCalled()
  })

  test('with throwOnError, the error thrown is the handler’s own error, also a non-Error value', () => {
    expectConsoleErrors()
    const { bus, onError } = busWithOnError()
    const caught: unknown[] = []
    function ThrowsString() {
      useEvent(
        'count',
        (count) => {
          throw `bad count ${count}`
        },
        { throwOnError: true },
      )
      return <p>counting</p>
    }
    renderApp(
      bus,
      <ErrorBoundary onCatch={(error) => caught.push(error)}>
        <ThrowsString />
      </ErrorBoundary>,
    )
    act(() => bus.emit('count', 3))
    expect(caught).toEqual(['bad count 3'])
    expect(screen.getByRole('alert').textContent).toBe('caught: bad count 3')
    expect(onError).not.toHaveBeenCalled()
  })

  test('with throwOnError, an error of the last handler of an emit does not stop the ones before it', () => {
    expectConsoleErrors()
    const { bus, onError } = busWithOnError()
    const earlier: string[] = []
    bus.on('ping', (payload) => earlier.push(payload))
    renderApp(
      bus,
      <ErrorBoundary>
        <FailingSubscriber throwOnError />
      </ErrorBoundary>,
    )
    act(() => bus.emit('ping', 'fail'))
    expect(earlier).toEqual(['fail'])
    expect(screen.getByRole('alert').textContent).toBe('caught: handler failed on fail')
    expect(onError).not.toHaveBeenCalled()
  })
})
