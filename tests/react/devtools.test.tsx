import { act, fireEvent, render } from '@testing-library/react'
import { StrictMode, Suspense, useEffect, useState } from 'react'
import { renderToString } from 'react-dom/server'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEventBus, createEventHooks, inspect } from 'busway'
import { EventBusDevtools } from 'busway/devtools'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { expectConsoleErrors } from './support/console-guard'
import './support/dom'
import { Gate, closeGate, gate } from './support/suspense-gate'
import type { TestEvents } from './support/events'

const { EventBusProvider, useEvent, useEmit } = createEventHooks<TestEvents>()

// The panel publishes new events once per animation frame; fake timers drive the frames.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'setTimeout', 'setInterval', 'clearInterval'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** The panel's shadow root: the panel renders into it, out of the app's DOM and CSS. */
function panelRoot(): ShadowRoot {
  const host = document.querySelector('[data-busway-devtools]')
  if (host?.shadowRoot == null) throw new Error('no devtools host in the document')
  return host.shadowRoot
}

const query = <T extends Element = HTMLElement>(selector: string) => panelRoot().querySelector<T>(selector)
const queryAll = (selector: string) => [...panelRoot().querySelectorAll<HTMLElement>(selector)]

/** The rows of the event list, as `type#id` with nested rows indented under their parent. */
function rows(): string[] {
  return queryAll('li.event').map((row) => {
    let depth = 0
    for (let parent = row.parentElement; parent !== null; parent = parent.parentElement) {
      if (parent.classList.contains('nested')) depth++
    }
    return `${'  '.repeat(depth)}${row.dataset.eventType}#${row.dataset.eventId}`
  })
}

/** Opens an event's row, as a click on its summary does; its details render then. */
function openRow(id: number): HTMLElement {
  const details = query<HTMLDetailsElement>(`li[data-event-id="${id}"] > details`)!
  act(() => {
    details.open = true
    details.dispatchEvent(new Event('toggle'))
  })
  return details
}

async function nextFrame(): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(20)
  })
}

function Listeners() {
  useEvent('ping', () => {}, { label: 'Pinger' })
  useEvent('count', (count) => {
    if (count < 0) throw new Error('negative count')
  }, { label: 'Counter' })
  return null
}

function renderPanel(props: Parameters<typeof EventBusDevtools>[0] = {}) {
  const bus = createEventBus<TestEvents>({ onError: () => {} })
  const view = render(
    <StrictMode>
      <EventBusProvider bus={bus}>
        <Listeners />
        <EventBusDevtools initialIsOpen {...props} />
      </EventBusProvider>
    </StrictMode>,
  )
  return { bus, ...view }
}

describe('<EventBusDevtools />', () => {
  test('lists events newest first, each with its type, payload preview, handler count and time', async () => {
    const { bus } = renderPanel()

    bus.emit('ping', 'hello')
    bus.emit('user:login', { userId: 'u-1' })
    await nextFrame()

    expect(rows()).toEqual(['user:login#2', 'ping#1'])
    const ping = query('li[data-event-id="1"] summary')!
    expect(ping.querySelector('.preview')!.textContent).toBe('"hello"')
    expect(ping.querySelector('.handlers')!.textContent).toBe('1 handler')
    expect(ping.querySelector('.handlers')!.getAttribute('title')).toBe('Pinger')
    expect(ping.querySelector('.time')!.textContent).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/)
    expect(ping.querySelector('.duration')!.textContent).toMatch(/^(< 0\.1|\d+\.\d) ms$/)
    expect(ping.querySelector('.id')!.textContent).toBe('#1')
    expect(query('li[data-event-id="2"] .preview')!.textContent).toBe('{userId: "u-1"}')
  })

  test('shows an event emitted by a handler under the event it was handling', async () => {
    const { bus } = renderPanel()
    bus.on('user:login', () => {
      bus.emit('ping', 'welcome')
      bus.emit('count', 1)
    })

    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('app:ready')
    await nextFrame()

    expect(rows()).toEqual(['app:ready#4', 'user:login#1', '  ping#2', '  count#3'])
  })

  test('marks an event whose handler threw, with the label and error', async () => {
    const { bus } = renderPanel()

    bus.emit('count', -1)
    await nextFrame()

    const row = query('li[data-event-id="1"]')!
    expect(row.classList.contains('failed')).toBe(true)
    expect(row.querySelector('.errors')!.textContent).toBe('1 error')
    expect(row.querySelector('.error-line')).toBeNull()
    openRow(1)
    expect(row.querySelector('.error-line')!.textContent).toBe('"Counter" threw Error: negative count')
    expect(query('.toggle .badge.failed')!.textContent).toBe('1')
  })

  test('filters by text and by a seen type, keeping the parents of matching events for context', async () => {
    const { bus } = renderPanel()
    bus.on('user:login', () => bus.emit('ping', 'welcome'))
    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('count', 3)
    await nextFrame()

    fireEvent.change(query('input[type="search"]')!, { target: { value: 'PIN' } })
    expect(rows()).toEqual(['user:login#1', '  ping#2'])
    expect(query('li[data-event-id="1"]')!.classList.contains('context')).toBe(true)

    fireEvent.change(query('input[type="search"]')!, { target: { value: '' } })
    const select = query<HTMLSelectElement>('select')!
    expect([...select.options].map((option) => option.value)).toEqual(['', 'count', 'ping', 'user:login'])
    fireEvent.change(select, { target: { value: 'count' } })
    expect(rows()).toEqual(['count#3'])

    fireEvent.change(query('input[type="search"]')!, { target: { value: 'nothing' } })
    expect(query('.empty')!.textContent).toBe('No event matches the filter.')
  })

  test('pause stops recording until resumed, and clear empties the list', async () => {
    const { bus } = renderPanel()
    const pause = () => [...queryAll('button.action')].find((button) => /Pause|Resume/.test(button.textContent!))!
    bus.emit('count', 1)
    await nextFrame()

    fireEvent.click(pause())
    expect(pause().textContent).toBe('Resume')
    bus.emit('count', 2)
    await nextFrame()
    expect(rows()).toEqual(['count#1'])
    expect(query('[role="status"]')!.textContent).toBe('Paused: new events are not recorded (1 so far).')

    fireEvent.click(pause())
    bus.emit('count', 3)
    await nextFrame()
    expect(rows()).toEqual(['count#3', 'count#1'])

    fireEvent.click(queryAll('button.action').find((button) => button.textContent === 'Clear')!)
    expect(rows()).toEqual([])
    expect(query('.empty')!.textContent).toBe('No events yet. Emit one on the bus.')
  })

  test('keeps only the latest `capacity` events', async () => {
    const { bus } = renderPanel({ capacity: 3 })

    for (let count = 1; count <= 5; count++) bus.emit('count', count)
    await nextFrame()

    expect(rows()).toEqual(['count#5', 'count#4', 'count#3'])
    expect(query('.toggle .badge')!.textContent).toBe('3')
  })

  test('never holds more than `capacity` events, also while the page is in the background (no animation frames)', async () => {
    // Node's gc(), to see which payloads the panel still holds.
    setFlagsFromString('--expose-gc')
    const collectGarbage = runInNewContext('gc') as () => void
    // Background tabs run no animation frames; this one runs them only when the tab is back.
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    try {
      const bus = createEventBus<TestEvents>()
      render(<EventBusDevtools bus={bus} capacity={100} initialIsOpen />)
      const payloads: WeakRef<object>[] = []
      for (let n = 1; n <= 10_000; n++) {
        const payload = { userId: `u-${n}` }
        payloads.push(new WeakRef(payload))
        bus.emit('user:login', payload)
      }
      // A WeakRef keeps its target until the end of the job that made it.
      await new Promise((resolve) => setImmediate(resolve))
      collectGarbage()

      const held = payloads.flatMap((payload, index) => (payload.deref() === undefined ? [] : [index + 1]))
      expect(held.length).toBeLessThanOrEqual(100)
      expect(held.at(-1)).toBe(10_000)

      // Back in the foreground, the next frame lists the newest 100.
      await act(async () => frames.splice(0).forEach((frame) => frame(0)))
      expect(rows()).toHaveLength(100)
      expect([rows()[0], rows()[99]]).toEqual(['user:login#10000', 'user:login#9901'])
    } finally {
      vi.unstubAllGlobals()
    }
  })

  test('a parent row updates when one of its nested events is dropped as the oldest', async () => {
    const { bus } = renderPanel({ capacity: 3 })
    bus.on('user:login', () => {
      bus.emit('ping', 'first')
      bus.emit('count', 1)
    })
    bus.emit('user:login', { userId: 'u-1' })
    await nextFrame()
    expect(rows()).toEqual(['user:login#1', '  ping#2', '  count#3'])

    // Nested events finish, and so arrive, before their parent: ping#2 is the oldest kept.
    bus.emit('app:ready')
    await nextFrame()

    expect(rows()).toEqual(['app:ready#4', 'user:login#1', '  count#3'])
  })

  test('a payload whose getter throws shows as unreadable, without breaking the panel', async () => {
    const { bus } = renderPanel()
    const hostile = {
      get userId(): string {
        throw new Error('no access')
      },
    }

    bus.emit('user:login', hostile)
    bus.emit('ping', 'after')
    await nextFrame()

    expect(rows()).toEqual(['ping#2', 'user:login#1'])
    expect(query('li[data-event-id="1"] .preview')!.textContent).toBe('(unreadable)')
  })

  test('expands a payload into a tree', async () => {
    const { bus } = renderPanel()
    bus.emit('user:login', { userId: 'u-1' })
    await nextFrame()

    expect(query('li[data-event-id="1"] .tree')).toBeNull()
    const details = openRow(1)
    const tree = details.querySelector('.tree details')!
    expect(tree.querySelector('.leaf')!.textContent).toBe('userId: "u-1"')
  })

  test('the listeners view shows each type’s subscription count and onAny, updated while open', async () => {
    const { bus } = renderPanel()
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)

    const count = (type: string) => query(`tr[data-listener-type="${type}"] .count`)?.textContent
    expect([count('ping'), count('count'), count('*')]).toEqual(['1', '1', '0'])

    const stop = bus.onAny(() => {})
    bus.on('ping', () => {})
    await act(async () => {
      vi.advanceTimersByTime(600)
    })
    expect([count('ping'), count('*')]).toEqual(['2', '1'])
    stop()
  })

  test('opens and closes from the toggle; Escape closes and gives focus back to the toggle', async () => {
    renderPanel({ initialIsOpen: false })
    const toggle = query<HTMLButtonElement>('button.toggle')!
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(query('section.panel')).toBeNull()

    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(panelRoot().activeElement).toBe(query('input[type="search"]'))

    fireEvent.keyDown(query('section.panel')!, { key: 'Escape' })
    expect(query('section.panel')).toBeNull()
    expect(panelRoot().activeElement).toBe(toggle)
  })

  test('keeps its styles in its shadow root (a <style> where constructable stylesheets are missing), and leaves no host behind on unmount', () => {
    // jsdom has no adoptedStyleSheets: this is the fallback path of older browsers.
    expect('adoptedStyleSheets' in ShadowRoot.prototype).toBe(false)
    const { unmount } = renderPanel()
    expect(query('style')!.textContent).toContain(':host { all: initial; }')
    expect(document.head.querySelectorAll('style')).toHaveLength(0)

    unmount()
    expect(document.querySelector('[data-busway-devtools]')).toBeNull()
  })

  test("under a strict Content-Security-Policy it is styled: its styles are an adopted stylesheet, not a <style> element (which 'unsafe-inline' would need)", () => {
    // jsdom constructs stylesheets but cannot adopt them; a browser's adoptedStyleSheets, stood in for.
    const adopted = new WeakMap<ShadowRoot, CSSStyleSheet[]>()
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      configurable: true,
      get(this: ShadowRoot) {
        return adopted.get(this) ?? []
      },
      set(this: ShadowRoot, sheets: CSSStyleSheet[]) {
        adopted.set(this, sheets)
      },
    })
    try {
      renderPanel()
      const sheets = panelRoot().adoptedStyleSheets
      expect(sheets).toHaveLength(1)
      const selectors = [...sheets[0]!.cssRules].map((rule) => (rule as CSSStyleRule).selectorText)
      expect(selectors).toContain(':host')
      expect(selectors).toContain('.root.bottom-right')
      expect(query('style')).toBeNull()
      expect(query('section.panel')).not.toBeNull()
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets
    }
  })

  test('stops inspecting the bus when unmounted', async () => {
    const { bus, unmount } = renderPanel()
    const emitWhileMounted = () => bus.emit('ping', 'x')
    emitWhileMounted()
    unmount()
    await nextFrame()

    // With no inspector left, labels are no longer collected: a fresh inspector sees only new ids.
    const seen: number[] = []
    const { inspect } = await import('busway/core')
    inspect(bus, (trace) => seen.push(trace.id))
    bus.emit('ping', 'y')
    expect(seen).toEqual([2])
  })

  test('watches the bus prop when given one, without a provider', async () => {
    const bus = createEventBus<TestEvents>()
    render(<EventBusDevtools bus={bus} initialIsOpen />)

    bus.emit('app:ready')
    await nextFrame()

    expect(rows()).toEqual(['app:ready#1'])
  })

  test('lists the events the app emits from mount effects rendered before the panel', async () => {
    function Main() {
      const emit = useEmit()
      useEffect(() => emit('app:ready'), [emit])
      return null
    }
    const bus = createEventBus<TestEvents>()
    render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <Main />
          <EventBusDevtools initialIsOpen />
        </EventBusProvider>
      </StrictMode>,
    )
    await nextFrame()

    // StrictMode runs the mount effect twice in development: two emits.
    expect(rows()).toEqual(['app:ready#2', 'app:ready#1'])
  })

  test('a new bus starts a new list: the ids of two buses never mix', async () => {
    const first = createEventBus<TestEvents>()
    const second = createEventBus<TestEvents>()
    const { rerender } = render(<EventBusDevtools bus={first} initialIsOpen />)
    first.emit('ping', 'a')
    first.emit('count', 1)
    await nextFrame()

    rerender(<EventBusDevtools bus={second} initialIsOpen />)
    second.on('user:login', () => second.emit('app:ready'))
    second.emit('user:login', { userId: 'u-1' })
    first.emit('ping', 'not shown')
    await nextFrame()

    expect(rows()).toEqual(['user:login#1', '  app:ready#2'])
    expect(query('.toggle .badge')!.textContent).toBe('2')
  })

  test('shows a huge typed array by its size, and long strings in full once expanded', async () => {
    const { bus } = renderPanel()
    const long = 'x'.repeat(500)

    bus.emit('user:login', { userId: long, samples: new Float64Array(300_000) } as never)
    await nextFrame()

    expect(query('li[data-event-id="1"] .preview')!.textContent).toBe(
      `{userId: "${'x'.repeat(60)}…", samples: Float64Array(300000)}`,
    )
    const details = openRow(1)
    const leaf = [...details.querySelectorAll('.leaf')].find((node) => node.textContent!.startsWith('userId'))
    expect(leaf!.textContent).toBe(`userId: "${long}"`)
  })

  test('the type filter lets go of a type that is no longer in the list', async () => {
    const { bus } = renderPanel()
    bus.emit('ping', 'a')
    await nextFrame()
    fireEvent.change(query('select')!, { target: { value: 'ping' } })

    fireEvent.click(queryAll('button.action').find((button) => button.textContent === 'Clear')!)
    bus.emit('count', 1)
    await nextFrame()

    expect(query<HTMLSelectElement>('select')!.value).toBe('')
    expect(rows()).toEqual(['count#2'])
  })

  test('the skipped count starts again at each pause', async () => {
    const { bus } = renderPanel()
    const pause = () => [...queryAll('button.action')].find((button) => /Pause|Resume/.test(button.textContent!))!
    fireEvent.click(pause())
    bus.emit('count', 1)
    bus.emit('count', 2)
    await nextFrame()
    expect(query('[role="status"]')!.textContent).toBe('Paused: new events are not recorded (2 so far).')

    fireEvent.click(pause())
    fireEvent.click(pause())
    expect(query('[role="status"]')!.textContent).toBe('Paused: new events are not recorded.')
  })

  test('the listeners view filters by the same text, and hides the controls of the event list', () => {
    renderPanel()
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
    fireEvent.change(query('input[type="search"]')!, { target: { value: 'cou' } })

    expect(queryAll('tr[data-listener-type]').map((row) => row.dataset.listenerType)).toEqual(['count', '*'])
    expect(query('select')).toBeNull()
    expect(queryAll('button.action').map((button) => button.textContent)).toEqual(['✕'])
  })

  test('keyboard: arrow keys, Home and End move between the views; Escape in a search box with text does not close', () => {
    renderPanel()
    const tablist = query('[role="tablist"]')!
    const selected = () => query('[role="tab"][aria-selected="true"]')!.textContent

    fireEvent.keyDown(tablist, { key: 'End' })
    expect(selected()).toBe('Listeners')
    expect(panelRoot().activeElement!.textContent).toBe('Listeners')
    fireEvent.keyDown(tablist, { key: 'ArrowRight' })
    expect(selected()).toBe('Events')
    fireEvent.keyDown(tablist, { key: 'ArrowLeft' })
    expect(selected()).toBe('Listeners')
    fireEvent.keyDown(tablist, { key: 'Home' })
    expect(selected()).toBe('Events')
    expect(query('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe(query('[role="tab"][aria-selected="true"]')!.id)

    const search = query<HTMLInputElement>('input[type="search"]')!
    fireEvent.change(search, { target: { value: 'ping' } })
    fireEvent.keyDown(search, { key: 'Escape' })
    expect(query('section.panel')).not.toBeNull()

    fireEvent.keyDown(query('button.toggle')!, { key: 'Escape' })
    expect(query('section.panel')).toBeNull()
  })

  test('a failure inside the panel shows in the panel, and the app keeps running', () => {
    expectConsoleErrors()
    const bus = createEventBus<TestEvents>()
    const broken = {
      ...bus,
      listenerCount: () => {
        throw new Error('broken count')
      },
    }
    const { getByText } = render(
      <EventBusProvider bus={broken}>
        <p>the app</p>
        <EventBusDevtools initialIsOpen />
      </EventBusProvider>,
    )

    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)

    expect(getByText('the app')).toBeDefined()
    expect(query('[role="alert"]')!.textContent).toBe('busway devtools failed: Error: broken count Retry')
    // Where the panel was, in its colours.
    expect(query('[role="alert"]')!.className).toBe('root bottom-right crashed')
    expect(query('[role="alert"]')!.dataset.scheme).toBe('system')
  })

  test('an opened row names its handlers, its cause and each error, labelled or not', async () => {
    const { bus } = renderPanel()
    bus.on('app:ready', () => {
      throw new Error('unlabelled failure')
    })
    bus.on('user:login', () => bus.emit('app:ready'))
    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('ping', 'x')
    bus.emit('count', 5)
    await nextFrame()

    const detail = (id: number) => openRow(id).querySelector('.detail')!.textContent
    expect(detail(2)).toContain('Handlers: 1 unlabelled')
    expect(detail(2)).toContain('Event: #2, emitted while handling #1')
    expect(detail(2)).toContain('A handler threw Error: unlabelled failure')
    expect(detail(1)).toContain('Handlers: 1 unlabelled')
    expect(detail(1)).toContain('Event: #1')
    expect(detail(1)).not.toContain('emitted while handling')
    expect(detail(3)).toContain('Handlers: Pinger')
    expect(query('li[data-event-id="1"] .handlers')!.getAttribute('title')).toBe('1 unlabelled')
  })

  test('an event no handler ran says so; the errors column stays empty without errors', async () => {
    const bus = createEventBus<TestEvents>()
    render(<EventBusDevtools bus={bus} initialIsOpen />)
    bus.emit('app:ready')
    await nextFrame()

    expect(openRow(1).querySelector('.detail')!.textContent).toContain('Handlers: none')
    expect(query('li[data-event-id="1"] .errors')!.textContent).toBe('')
    expect(query('li[data-event-id="1"] .handlers')!.textContent).toBe('0 handlers')
  })

  test('durations show to 0.1 ms, and under it as "< 0.1 ms"; times as wall-clock HH:MM:SS.mmm of when the emit started', async () => {
    const now = vi.spyOn(performance, 'now')
    let clock = 1000
    now.mockImplementation(() => clock)
    // Every dispatch ends at 03:04:05.678 local time.
    const end = new Date(2026, 0, 2, 3, 4, 5, 678).getTime()
    const wallClock = vi.spyOn(Date, 'now').mockReturnValue(end)
    const bus = createEventBus<TestEvents>()
    bus.on('count', (n) => {
      clock += n
    })
    render(<EventBusDevtools bus={bus} initialIsOpen />)
    bus.emit('count', 0.05)
    bus.emit('count', 2.25)
    bus.emit('count', 12)
    now.mockRestore()
    wallClock.mockRestore()
    await nextFrame()

    expect(queryAll('.duration').map((cell) => cell.textContent)).toEqual(['12.0 ms', '2.3 ms', '< 0.1 ms'])
    expect(queryAll('.time').map((cell) => cell.textContent)).toEqual(['03:04:05.666', '03:04:05.675', '03:04:05.677'])
  })

  test('works where `performance` is missing (bare Hermes), timing with Date.now', async () => {
    const performanceProperty = Object.getOwnPropertyDescriptor(globalThis, 'performance')!
    // @ts-expect-error -- removed for this test, as in a runtime that has none
    delete globalThis.performance
    try {
      const wallClock = vi.spyOn(Date, 'now').mockReturnValue(new Date(2026, 0, 2, 3, 4, 5, 678).getTime())
      const { bus } = renderPanel()
      bus.emit('count', -1)
      bus.emit('ping', 'x')
      wallClock.mockRestore()
      await nextFrame()

      expect(typeof performance).toBe('undefined')
      expect(rows()).toEqual(['ping#2', 'count#1'])
      expect(queryAll('.time').map((cell) => cell.textContent)).toEqual(['03:04:05.678', '03:04:05.678'])
      expect(queryAll('.duration').map((cell) => cell.textContent)).toEqual(['< 0.1 ms', '< 0.1 ms'])
      expect(query('li[data-event-id="1"] .errors')!.textContent).toBe('1 error')
      fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
      expect(query('tr[data-listener-type="ping"] .count')!.textContent).toBe('1')
    } finally {
      Object.defineProperty(globalThis, 'performance', performanceProperty)
    }
  })

  test('the toggle says what its badges count', async () => {
    const { bus } = renderPanel({ initialIsOpen: false })
    const toggle = query('button.toggle')!
    expect(toggle.getAttribute('title')).toBe('Open the busway devtools: 0 events kept')
    expect(query('.toggle .badge.failed')).toBeNull()

    bus.emit('count', -1)
    bus.emit('ping', 'x')
    await nextFrame()

    expect(toggle.getAttribute('title')).toBe('Open the busway devtools: 2 events kept, 1 with errors')
    expect(query('.toggle .badge')!.getAttribute('aria-label')).toBe('2 events kept')
    expect(query('.toggle .badge.failed')!.getAttribute('aria-label')).toBe('1 event with errors')
    fireEvent.click(toggle)
    expect(toggle.getAttribute('title')).toBe('Close the busway devtools: 2 events kept, 1 with errors')
  })

  test('the listeners view lists the busiest types first, then by name', () => {
    const { bus } = renderPanel()
    bus.on('user:login', () => {})
    bus.on('user:login', () => {})
    bus.on('app:ready', () => {})
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)

    expect(queryAll('tr[data-listener-type]').map((row) => row.dataset.listenerType)).toEqual([
      'user:login',
      'app:ready',
      'count',
      'ping',
      '*',
    ])
    expect(query('tfoot .count')!.textContent).toBe('5')
  })

  test('the listeners view lists the 100 busiest matching types, and counts the others in one line', async () => {
    const bus = createEventBus<Record<string, number>>()
    for (let n = 0; n < 250; n++) bus.on(`type:${String(n).padStart(3, '0')}`, () => {})
    bus.on('type:200', () => {})
    bus.on('type:200', () => {})
    bus.on('type:100', () => {})
    render(<EventBusDevtools bus={bus} initialIsOpen />)
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
    const listed = () => queryAll('tr[data-listener-type]').map((row) => row.dataset.listenerType)

    expect(listed()).toHaveLength(101)
    expect(listed().slice(0, 4)).toEqual(['type:200', 'type:100', 'type:000', 'type:001'])
    expect(listed().slice(-2)).toEqual(['type:097', '*'])
    expect(query('tr.more')!.textContent).toBe('150 more types, none busier: filter to find one')
    expect(query('tfoot .count')!.textContent).toBe('253')

    // The filter picks among all of them, not only among the listed ones.
    fireEvent.change(query('input[type="search"]')!, { target: { value: 'type:24' } })
    expect(listed()).toEqual(['type:240', 'type:241', 'type:242', 'type:243', 'type:244', 'type:245', 'type:246', 'type:247', 'type:248', 'type:249', '*'])
    expect(query('tr.more')).toBeNull()

    // A type that grows past the listed ones moves up at the next refresh.
    fireEvent.change(query('input[type="search"]')!, { target: { value: '' } })
    for (let n = 0; n < 3; n++) bus.on('type:249', () => {})
    await act(async () => {
      vi.advanceTimersByTime(600)
    })
    expect(listed().slice(0, 2)).toEqual(['type:249', 'type:200'])
    expect(query('tr[data-listener-type="type:249"] .count')!.textContent).toBe('4')
  })

  test('the listeners view reads every count only when the total or a listed count changed, and every 10 s', async () => {
    const bus = createEventBus<Record<string, number>>()
    const unsubscribe: Record<string, () => void> = {}
    for (let n = 0; n < 150; n++) {
      const type = `type:${String(n).padStart(3, '0')}`
      unsubscribe[type] = bus.on(type, () => {})
    }
    render(<EventBusDevtools bus={bus} initialIsOpen />)
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
    const listed = () => queryAll('tr[data-listener-type]').map((row) => row.dataset.listenerType)
    expect(listed().slice(0, 2)).toEqual(['type:000', 'type:001'])

    // A subscription moves between two types that are not listed: the total stays the same.
    unsubscribe['type:147']!()
    bus.on('type:148', () => {})
    await act(async () => {
      vi.advanceTimersByTime(600)
    })
    expect(listed().slice(0, 2)).toEqual(['type:000', 'type:001'])
    await act(async () => {
      vi.advanceTimersByTime(9_500)
    })
    expect(listed().slice(0, 2)).toEqual(['type:148', 'type:000'])
    expect(query('tr.more')!.textContent).toMatch(/^49 more types/)

    // A listed count that changes is read at the next refresh.
    unsubscribe['type:000']!()
    bus.on('type:001', () => {})
    await act(async () => {
      vi.advanceTimersByTime(600)
    })
    expect(listed().slice(0, 3)).toEqual(['type:001', 'type:148', 'type:002'])
  })

  test('Retry after a failure renders the panel again', () => {
    expectConsoleErrors()
    const bus = createEventBus<TestEvents>()
    let broken = true
    const flaky = {
      ...bus,
      listenerCount: (type?: keyof TestEvents) => {
        if (broken) throw new Error('broken count')
        return bus.listenerCount(type)
      },
    }
    render(
      <EventBusProvider bus={flaky}>
        <EventBusDevtools initialIsOpen />
      </EventBusProvider>,
    )
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
    expect(query('[role="alert"]')).not.toBeNull()

    broken = false
    fireEvent.click(query('[role="alert"] button')!)

    expect(query('[role="alert"]')).toBeNull()
    fireEvent.click(queryAll('[role="tab"]').find((tab) => tab.textContent === 'Listeners')!)
    expect(query('table')).not.toBeNull()
  })

  test('stops inspecting when deleted while a Suspense boundary hides it (React 18 skips insertion-effect cleanups there)', async () => {
    const bus = createEventBus<TestEvents>()
    let suspend = () => {}
    function App() {
      const [key, setKey] = useState(0)
      suspend = () => setKey((value) => value + 1)
      return (
        <Suspense fallback={<p>loading</p>}>
          <EventBusDevtools />
          <Gate key={key} />
        </Suspense>
      )
    }
    const { unmount } = render(
      <StrictMode>
        <EventBusProvider bus={bus}>
          <App />
        </EventBusProvider>
      </StrictMode>,
    )
    closeGate()
    act(() => suspend())
    unmount()
    await act(async () => gate.release())

    // Trace ids count traced emits: had the panel stayed attached, these three would count.
    bus.emit('ping', 'a')
    bus.emit('ping', 'b')
    bus.emit('ping', 'c')
    const ids: number[] = []
    inspect(bus, (trace) => ids.push(trace.id))
    bus.emit('ping', 'd')
    expect(ids).toEqual([1])
  })

  test('renders nothing on the server', () => {
    const bus = createEventBus<TestEvents>()
    const html = renderToString(
      <EventBusProvider bus={bus}>
        <EventBusDevtools initialIsOpen />
      </EventBusProvider>,
    )
    expect(html).toBe('')
  })

  test('throws a clear error without a bus, and for bad props', () => {
    expectConsoleErrors()
    expect(() => render(<EventBusDevtools />)).toThrow(
      'busway: <EventBusDevtools> needs a bus: render it inside an <EventBusProvider>, or pass one as its bus prop.',
    )
    const bus = createEventBus<TestEvents>()
    expect(() => render(<EventBusDevtools bus={bus} capacity={0} />)).toThrow(RangeError)
    expect(() => render(<EventBusDevtools bus={bus} capacity={1.5} />)).toThrow(
      'busway: EventBusDevtools(): the capacity prop must be a positive integer, got 1.5',
    )
    expect(() => render(<EventBusDevtools bus={bus} position={'middle' as never} />)).toThrow(
      /the position prop must be one of bottom-right, bottom-left, top-right, top-left, got "middle"/,
    )
    expect(() => render(<EventBusDevtools bus={bus} colorScheme={'sepia' as never} />)).toThrow(
      /EventBusDevtools\(\): the colorScheme prop must be one of light, dark, system, got "sepia"/,
    )
    expect(() => render(<EventBusDevtools bus={{} as never} />)).toThrow(
      /EventBusDevtools\(\): the bus prop must be an EventBus made by createEventBus\(\)/,
    )
    const lookalike = { on: bus.on, emit: bus.emit, listenerCount: bus.listenerCount } as typeof bus
    expect(() =>
      render(
        <EventBusProvider bus={lookalike}>
          <EventBusDevtools />
        </EventBusProvider>,
      ),
    ).toThrow(/EventBusDevtools\(\): the EventBusProvider's bus must be an EventBus made by createEventBus\(\)/)
  })
})
