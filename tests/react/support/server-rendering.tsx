import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { expect, test } from 'vitest'
import { consoleSpies } from './console-guard'
import type { TestEvents } from './events'

const { EventBusProvider, useBus, useEvent, useAnyEvent, useEmit, useEventState } = createEventHooks<TestEvents>()

/** Uses every hook and renders what each returned. */
function EveryHook({ seenBuses }: { seenBuses: EventBus<TestEvents>[] }) {
  const bus = useBus()
  seenBuses.push(bus)
  const emit = useEmit()
  const count = useEventState('count', 0)
  const login = useEventState('user:login')
  useEvent('ping', () => emit('count', count + 1))
  useEvent('app:ready', () => {}, { throwOnError: true })
  useAnyEvent(() => {}, { label: 'every event' })
  useEvent('count', () => {}, { enabled: false })
  return (
    <ul>
      <li>{`emit is ${typeof emit}`}</li>
      <li>{`count ${count}`}</li>
      <li>{`login ${login === undefined ? 'none' : login.userId}`}</li>
    </ul>
  )
}

/**
 * The server-rendering tests (SPEC React rule 7), shared by a file that runs in jsdom and one
 * that runs in Node without a DOM.
 */
export function serverRenderingTests(): void {
  test('renderToString of components using every hook works with a given bus, and subscribes nothing', () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('count', 5)
    bus.emit('user:login', { userId: 'u-1' })
    const seenBuses: EventBus<TestEvents>[] = []
    const html = renderToString(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <EveryHook seenBuses={seenBuses} />
          <EveryHook seenBuses={seenBuses} />
        </EventBusProvider>
      </StrictMode>,
    )
    // useEventState renders `initial` on the server, whatever the bus holds (rule 6), so the
    // HTML matches what hydration renders.
    expect(html).toContain('<li>count 0</li>')
    expect(html).toContain('<li>login none</li>')
    expect(html).toContain('<li>emit is function</li>')
    expect(new Set(seenBuses)).toEqual(new Set([bus]))
    expect(bus.listenerCount()).toBe(0)
    expect(bus.listenerCount('ping')).toBe(0)
    expect(bus.listenerCount('count')).toBe(0)
    expect(consoleSpies().error).not.toHaveBeenCalled()
    expect(consoleSpies().warn).not.toHaveBeenCalled()
  })

  test('renderToString with a provider that makes its own bus works, and subscribes nothing', () => {
    const seenBuses: EventBus<TestEvents>[] = []
    const html = renderToString(
      <StrictMode>
        <EventBusProvider>
          <EveryHook seenBuses={seenBuses} />
        </EventBusProvider>
      </StrictMode>,
    )
    expect(html).toContain('<li>count 0</li>')
    expect(seenBuses.length).toBeGreaterThan(0)
    const [ownBus] = seenBuses
    expect(new Set(seenBuses)).toEqual(new Set([ownBus]))
    expect(ownBus!.listenerCount()).toBe(0)
    expect(consoleSpies().error).not.toHaveBeenCalled()
    expect(consoleSpies().warn).not.toHaveBeenCalled()
  })

  test('after renderToString, emitting on the bus calls no handler of the rendered components', () => {
    const bus = createEventBus<TestEvents>()
    const handled: string[] = []
    function Subscriber() {
      useEvent('ping', (payload) => handled.push(payload))
      return <p>subscriber</p>
    }
    const html = renderToString(
      <EventBusProvider bus={bus}>
        <Subscriber />
      </EventBusProvider>,
    )
    expect(html).toBe('<p>subscriber</p>')
    bus.emit('ping', 'after server rendering')
    expect(handled).toEqual([])
    expect(bus.listenerCount()).toBe(0)
  })
}
