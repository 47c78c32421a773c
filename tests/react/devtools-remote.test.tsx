import { act, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { createEventBus } from 'busway'
import { connectPort, type NodePortLike } from 'busway/bridge'
import { EventBusDevtools } from 'busway/devtools'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import './support/dom'

// SPEC, Devtools: "It shows events that arrived through a bridge as remote, with the bridge and peer."

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'setTimeout', 'setInterval', 'clearInterval'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** A port whose incoming messages the test hands in itself, as if from a peer bus. */
function fakePort() {
  let listener: ((value: unknown) => void) | undefined
  const port: NodePortLike = {
    postMessage: () => {},
    on: (event, next) => void (event === 'message' && (listener = next)),
    off: () => {},
  }
  return { port, deliver: (value: unknown) => listener?.(value) }
}

describe('Devtools: events that arrived through a bridge are shown as remote, with the bridge and peer', () => {
  test("a remote event's row is marked, and its details name the bridge, the peer and the sender's id", async () => {
    const bus = createEventBus<{ 'cart:changed': { items: number }; local: number }>()
    const { port, deliver } = fakePort()
    const disconnect = connectPort(bus, port, { types: ['cart:changed'] })
    render(
      <StrictMode>
        <EventBusDevtools bus={bus} initialIsOpen />
      </StrictMode>,
    )
    const root = document.querySelector('[data-busway-devtools]')!.shadowRoot!
    act(() => {
      bus.emit('local', 1)
      deliver(['busway', 'tab-2', 1, 'cart:changed', { items: 3 }, 41])
    })
    await act(async () => {
      vi.advanceTimersByTime(20)
    })
    const remote = root.querySelector<HTMLElement>('li[data-event-type="cart:changed"]')!
    const local = root.querySelector<HTMLElement>('li[data-event-type="local"]')!
    expect(remote.dataset.remote).toBe('port')
    expect(local.dataset.remote).toBeUndefined()
    expect(remote.querySelector('.type')!.getAttribute('title')).toBe('cart:changed, received through port from peer tab-2, #41 there')
    expect(remote.querySelector('[aria-label="remote"]')).not.toBeNull()
    act(() => {
      const details = remote.querySelector('details')!
      details.open = true
      details.dispatchEvent(new Event('toggle'))
    })
    expect(remote.querySelector('.detail')!.textContent).toContain('Remote: received through port from peer tab-2, #41 there')
    disconnect()
  })
})
