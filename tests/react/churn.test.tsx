import { act, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { createEventBus, createEventHooks } from 'busway'
import { expect, test } from 'vitest'
import './support/dom'

type ChurnEvents = Record<`item:${number}`, number> & { shared: number }
const { EventBusProvider, useEvent, useEventState } = createEventHooks<ChurnEvents>()

function Subscriber({ id, calls }: { id: number; calls: number[] }) {
  useEvent(`item:${id}`, () => calls[id]!++)
  useEvent('shared', () => calls[id]!++)
  const value = useEventState(`item:${id + 1_000_000}`, 0)
  return <i>{value}</i>
}

test('10,000 subscribing components mounted and unmounted leave listenerCount() at its baseline and no type subscribed', async () => {
  const bus = createEventBus<ChurnEvents>()
  const keep = bus.on('shared', () => {}) // a subscription of the app's own, which must survive
  const baseline = bus.listenerCount()
  const calls = Array.from({ length: 10_000 }, () => 0)
  const { rerender } = render(<EventBusProvider bus={bus}>{null}</EventBusProvider>)
  const batch = 100
  for (let start = 0; start < 10_000; start += batch) {
    const ids = Array.from({ length: batch }, (_, index) => start + index)
    await act(async () =>
      rerender(
        <StrictMode>
          <EventBusProvider bus={bus}>
            {ids.map((id) => (
              <Subscriber key={id} id={id} calls={calls} />
            ))}
          </EventBusProvider>
        </StrictMode>,
      ),
    )
    expect(bus.listenerCount()).toBe(baseline + batch * 3)
    act(() => bus.emit(`item:${start}`, start))
    await act(async () => rerender(<EventBusProvider bus={bus}>{null}</EventBusProvider>))
    expect(bus.listenerCount()).toBe(baseline)
  }
  act(() => bus.emit('shared', 1)) // reaches only the app's own subscription now
  expect(calls.filter((count) => count !== 0)).toEqual(
    Array.from({ length: 10_000 / batch }, () => 1), // the first of each batch got its one event
  )
  for (const id of [0, 4_999, 9_999]) {
    expect(bus.listenerCount(`item:${id}`)).toBe(0)
    expect(bus.listenerCount(`item:${id + 1_000_000}`)).toBe(0)
  }
  expect(bus.listenerCount('shared')).toBe(1)
  keep()
  expect(bus.listenerCount()).toBe(0)
}, 60_000)
