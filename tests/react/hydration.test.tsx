import { act } from '@testing-library/react'
import { StrictMode, useState, type ReactNode } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { afterEach, describe, expect, test, vi } from 'vitest'
import './support/dom'
import { consoleSpies } from './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useBus, useEvent, useEmit, useEventState } = createEventHooks<TestEvents>()

/** Uses every hook; records in `counts` the count of each of its renders. */
function Dashboard({ counts }: { counts: number[] }) {
  const count = useEventState('count', 0)
  counts.push(count)
  const login = useEventState('user:login', { userId: 'guest' })
  const emit = useEmit()
  const bus = useBus()
  const [pings, setPings] = useState(0)
  useEvent('ping', () => setPings((previous) => previous + 1))
  return (
    <main>
      <output>{`count ${count}`}</output>
      <p>{`user ${login.userId}`}</p>
      <p>{`pings ${pings}`}</p>
      <p>{`same bus ${bus.emit === emit}`}</p>
      <button onClick={() => emit('count', count + 1)}>increment</button>
    </main>
  )
}

// Roots and containers of the current test, undone after it (before the console guard checks).
const undo: (() => void)[] = []
afterEach(() => {
  while (undo.length > 0) undo.pop()!()
})

function app(bus: EventBus<TestEvents> | undefined, counts: number[]): ReactNode {
  return (
    <StrictMode>
      <EventBusProvider bus={bus}>
        <Dashboard counts={counts} />
      </EventBusProvider>
    </StrictMode>
  )
}

/** Puts `html` in a container in the document, as a server response would. */
function containerWith(html: string): HTMLElement {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  undo.push(() => container.remove())
  return container
}

/** Hydrates `ui` into `container`; unmounts it when the test ends. */
async function hydrate(container: HTMLElement, ui: ReactNode) {
  const onRecoverableError = vi.fn()
  let root: Root | undefined
  await act(async () => {
    root = hydrateRoot(container, ui, { onRecoverableError })
  })
  undo.push(() => act(() => root?.unmount()))
  return { onRecoverableError }
}

describe('hydration', () => {
  test('server HTML shows `initial`; hydration matches it, then shows the bus’s latest payload', async () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('count', 5)
    bus.emit('user:login', { userId: 'u-1' })

    const html = renderToString(app(bus, []))
    expect(html).toContain('count 0')
    expect(html).toContain('user guest')
    expect(bus.listenerCount()).toBe(0)

    const container = containerWith(html)
    const serverOutput = container.querySelector('output')
    const counts: number[] = []
    const { onRecoverableError } = await hydrate(container, app(bus, counts))

    expect(container.querySelector('output')?.textContent).toBe('count 5')
    expect(container.textContent).toContain('user u-1')
    // React kept the server's DOM: a mismatch would have made it render the tree anew.
    expect(container.querySelector('output')).toBe(serverOutput)
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(consoleSpies().error).not.toHaveBeenCalled()
    expect(consoleSpies().warn).not.toHaveBeenCalled()
    // The hydrating render read `initial`; a later one the bus's latest payload.
    expect(counts[0]).toBe(0)
    expect(counts.at(-1)).toBe(5)
  })

  test('after hydration, the hooks are live on the bus', async () => {
    const bus = createEventBus<TestEvents>()
    bus.emit('count', 1)
    const container = containerWith(renderToString(app(bus, [])))
    await hydrate(container, app(bus, []))
    expect(container.textContent).toContain('same bus true')
    expect(bus.listenerCount('ping')).toBe(1)

    act(() => bus.emit('ping', 'hello'))
    expect(container.textContent).toContain('pings 1')
    act(() => container.querySelector('button')!.click())
    expect(bus.latest('count')).toBe(2)
    expect(container.querySelector('output')?.textContent).toBe('count 2')
  })

  test('hydrates without a mismatch when the bus has no payload yet, and with a provider that makes its own bus', async () => {
    const withBus = containerWith(renderToString(app(createEventBus<TestEvents>(), [])))
    const ownBus = containerWith(renderToString(app(undefined, [])))
    const first = await hydrate(withBus, app(createEventBus<TestEvents>(), []))
    const second = await hydrate(ownBus, app(undefined, []))
    expect(withBus.querySelector('output')?.textContent).toBe('count 0')
    expect(ownBus.querySelector('output')?.textContent).toBe('count 0')
    expect(first.onRecoverableError).not.toHaveBeenCalled()
    expect(second.onRecoverableError).not.toHaveBeenCalled()
    expect(consoleSpies().error).not.toHaveBeenCalled()
  })
})
