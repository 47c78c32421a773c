// React 19 only (<Activity> does not exist in React 18): the react18 project excludes this file.
import { act, render, screen } from '@testing-library/react'
import { Activity, StrictMode } from 'react'
import { createEventBus, createEventHooks } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEvent, useAnyEvent } = createEventHooks<TestEvents>()

test('a useEvent inside a hidden <Activity> is unsubscribed, and subscribes again when shown', async () => {
  const bus = createEventBus<TestEvents>()
  const log: string[] = []
  function Listener() {
    useEvent('ping', (payload) => log.push(payload))
    return null
  }
  const ui = (mode: 'visible' | 'hidden') => (
    <StrictMode>
      <EventBusProvider bus={bus}>
        <Activity mode={mode}>
          <Listener />
        </Activity>
      </EventBusProvider>
    </StrictMode>
  )
  const { rerender } = render(ui('visible'))
  bus.emit('ping', 'visible')
  await act(async () => rerender(ui('hidden')))
  bus.emit('ping', 'while hidden')
  expect(bus.listenerCount()).toBe(0)
  await act(async () => rerender(ui('visible')))
  bus.emit('ping', 'shown again')
  expect(log).toEqual(['visible', 'shown again'])
  expect(bus.listenerCount()).toBe(1)
})

test(
  'a useEvent inside a hidden <Activity> can be unmounted while hidden, without an error and leaving no subscription',
  async () => {
    const bus = createEventBus<TestEvents>()
    const log: string[] = []
    function Listener() {
      useEvent('ping', (payload) => log.push(payload))
      return <p>listening</p>
    }
    const ui = (mode: 'visible' | 'hidden', mounted: boolean) => (
      <StrictMode>
        <EventBusProvider bus={bus}>
          {mounted && (
            <Activity mode={mode}>
              <Listener />
            </Activity>
          )}
        </EventBusProvider>
      </StrictMode>
    )
    const { rerender } = render(ui('visible', true))
    await act(async () => rerender(ui('hidden', true)))
    expect(bus.listenerCount()).toBe(0)

    await act(async () => rerender(ui('hidden', false)))

    expect(screen.queryByText('listening')).toBeNull()
    expect(bus.listenerCount()).toBe(0)
    bus.emit('ping', 'after unmount')
    expect(log).toEqual([])
  },
)

test.each([
  ['its type', { type: 'user:login' as const, sameBus: true }],
  ['its bus', { type: 'ping' as const, sameBus: false }],
])(
  'useEvent subscribes while the component is mounted (SPEC): inside a hidden <Activity> whose %s changes, it stays unsubscribed until shown',
  async (_, change) => {
    const first = createEventBus<TestEvents>()
    const second = change.sameBus ? first : createEventBus<TestEvents>()
    const log: string[] = []
    function Listener({ type }: { type: 'ping' | 'user:login' }) {
      useEvent(type, (payload) => log.push(`${type}:${JSON.stringify(payload)}`))
      return null
    }
    const ui = (mode: 'visible' | 'hidden', bus: typeof first, type: 'ping' | 'user:login') => (
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Activity mode={mode}>
            <Listener type={type} />
          </Activity>
        </EventBusProvider>
      </StrictMode>
    )
    const { rerender } = render(ui('visible', first, 'ping'))
    await act(async () => rerender(ui('hidden', first, 'ping')))
    await act(async () => rerender(ui('hidden', second, change.type)))

    expect(first.listenerCount()).toBe(0)
    expect(second.listenerCount()).toBe(0)
    const emit = (label: string) =>
      change.type === 'ping' ? second.emit('ping', label) : second.emit('user:login', { userId: label })
    emit('while hidden')
    expect(log).toEqual([])

    await act(async () => rerender(ui('visible', second, change.type)))
    emit('shown')
    expect(log).toEqual([
      change.type === 'ping' ? 'ping:"shown"' : 'user:login:{"userId":"shown"}',
    ])
    expect(second.listenerCount()).toBe(1)
    if (!change.sameBus) expect(first.listenerCount()).toBe(0)
  },
)

describe('SPEC React rule 10: content inside a hidden <Activity> holds no subscription', () => {
  // Issue defect: content pre-rendered inside <Activity mode="hidden"> from its first render
  // subscribed, and its handler ran while hidden.
  test.each(['useEvent', 'useAnyEvent'] as const)(
    'a %s hidden from its first render holds no subscription and its handler never runs; it subscribes when shown',
    async (hook) => {
      const bus = createEventBus<TestEvents>()
      const log: string[] = []
      function EventListener() {
        useEvent('ping', (payload) => log.push(payload))
        return <p>pre-rendered</p>
      }
      function AnyEventListener() {
        useAnyEvent((type, payload) => log.push(`${type} ${String(payload)}`))
        return <p>pre-rendered</p>
      }
      const Listener = hook === 'useEvent' ? EventListener : AnyEventListener
      const ui = (mode: 'visible' | 'hidden') => (
        <StrictMode>
          <EventBusProvider bus={bus}>
            <Activity mode={mode}>
              <Listener />
            </Activity>
          </EventBusProvider>
        </StrictMode>
      )
      const { rerender } = render(ui('hidden'))
      bus.emit('ping', 'while hidden, at once')
      await act(async () => {})
      bus.emit('ping', 'while hidden, later')
      expect(bus.listenerCount()).toBe(0)
      expect(log).toEqual([])
      // It was pre-rendered, hidden.
      expect(screen.getByText('pre-rendered', { exact: true, hidden: true } as never)).toBeTruthy()

      await act(async () => rerender(ui('visible')))
      expect(bus.listenerCount()).toBe(1)
      bus.emit('ping', 'shown')
      expect(log).toEqual([hook === 'useEvent' ? 'shown' : 'ping shown'])

      await act(async () => rerender(ui('hidden')))
      expect(bus.listenerCount()).toBe(0)
    },
  )
})
