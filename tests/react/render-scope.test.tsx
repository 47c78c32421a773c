import { act, render, screen } from '@testing-library/react'
import { StrictMode, useState, type ReactNode } from 'react'
import { createEventBus, createEventHooks } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'

// One event type per item, as the React benchmark routes events (bench/react).
type ItemEvents = Record<`item:${number}`, number> & { 'item:any': { id: number; value: number } }
const { EventBusProvider, useEvent, useEventState } = createEventHooks<ItemEvents>()
const ids = Array.from({ length: 50 }, (_, index) => index)

function renderItems(Item: (props: { id: number; renders: number[] }) => ReactNode) {
  const bus = createEventBus<ItemEvents>()
  const renders = ids.map(() => 0)
  render(
    <StrictMode>
      <EventBusProvider bus={bus}>
        {ids.map((id) => (
          <Item key={id} id={id} renders={renders} />
        ))}
      </EventBusProvider>
    </StrictMode>,
  )
  return { bus, renders }
}

/** The items whose render count changed since `before`. */
const rerendered = (renders: number[], before: number[]) =>
  ids.filter((id) => renders[id] !== before[id])

describe('render scope: emitting an item’s event re-renders exactly that item', () => {
  test('with useEvent and one type per item', () => {
    function Item({ id, renders }: { id: number; renders: number[] }) {
      renders[id]!++
      const [value, setValue] = useState(0)
      useEvent(`item:${id}`, setValue)
      return <p data-testid={`item-${id}`}>{value}</p>
    }
    const { bus, renders } = renderItems(Item)
    const before = [...renders]
    act(() => bus.emit('item:42', 7))
    expect(rerendered(renders, before)).toEqual([42])
    expect(screen.getByTestId('item-42').textContent).toBe('7')
  })

  test('with useEventState and one type per item', () => {
    function Item({ id, renders }: { id: number; renders: number[] }) {
      renders[id]!++
      const value = useEventState(`item:${id}`, 0)
      return <p data-testid={`item-${id}`}>{value}</p>
    }
    const { bus, renders } = renderItems(Item)
    const before = [...renders]
    act(() => bus.emit('item:7', 3))
    expect(rerendered(renders, before)).toEqual([7])
    expect(screen.getByTestId('item-7').textContent).toBe('3')
  })

  test('with useEvent on one shared type and an id check', () => {
    function Item({ id, renders }: { id: number; renders: number[] }) {
      renders[id]!++
      const [value, setValue] = useState(0)
      useEvent('item:any', (update) => {
        if (update.id === id) setValue(update.value)
      })
      return <p data-testid={`item-${id}`}>{value}</p>
    }
    const { bus, renders } = renderItems(Item)
    const before = [...renders]
    act(() => bus.emit('item:any', { id: 13, value: 9 }))
    expect(rerendered(renders, before)).toEqual([13])
    expect(screen.getByTestId('item-13').textContent).toBe('9')
  })
})
