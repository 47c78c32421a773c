// React-level benchmark: 1,000 mounted items, 1,000 emits each aimed at one item, in React 19's
// production build under jsdom. Compares ways of routing an event to one component.
//
//   npm run bench:react
//
// Each variant is timed by tinybench; one iteration is 1,000 emits, either batched in one
// commit or one commit per emit (flushSync). Every iteration checks the render counts: each
// emit must re-render exactly its item, and nothing else may render.
import { JSDOM } from 'jsdom'

if (process.env.NODE_ENV !== 'production') {
  throw new Error('run with NODE_ENV=production (npm run bench:react does), to measure React as shipped')
}
const { window } = new JSDOM('<!doctype html><html><body></body></html>')
for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Element']) {
  Object.defineProperty(globalThis, key, { value: key === 'window' ? window : window[key], configurable: true })
}

const { createContext, createElement: h, useContext, useEffect, useInsertionEffect, useLayoutEffect, useRef, useState } =
  await import('react')
const { flushSync } = await import('react-dom')
const { createRoot } = await import('react-dom/client')
const { Bench } = await import('tinybench')
const { create: createStore } = await import('zustand')
const { default: mitt } = await import('mitt')
const busway = await import('../../dist/index.js')
const { createEventBus, createEventHooks } = busway

const ITEMS = 1000
const ids = Array.from({ length: ITEMS }, (_, index) => index)
const renders = new Int32Array(ITEMS)
const itemText = (id, value) => `item ${id}: ${value}`

/** Each variant: an Item component and `emit(id, value)` aimed at one item, plus a wrapper. */
function buswayShared() {
  const bus = createEventBus()
  const { EventBusProvider, useEvent } = createEventHooks()
  function Item({ id }) {
    renders[id]++
    const [value, setValue] = useState(0)
    useEvent('item:update', (update) => {
      if (update.id === id) setValue(update.value)
    })
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => h(EventBusProvider, { bus }, children),
    emit: (id, value) => bus.emit('item:update', { id, value }),
  }
}

function buswayPerItemType() {
  const bus = createEventBus()
  const { EventBusProvider, useEvent } = createEventHooks()
  const types = ids.map((id) => `item:${id}`)
  function Item({ id }) {
    renders[id]++
    const [value, setValue] = useState(0)
    useEvent(types[id], setValue)
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => h(EventBusProvider, { bus }, children),
    emit: (id, value) => bus.emit(types[id], value),
  }
}

function buswayReadyMadePerItemType() {
  const bus = createEventBus()
  const { EventBusProvider, useEvent } = busway
  const types = ids.map((id) => `item:${id}`)
  function Item({ id }) {
    renders[id]++
    const [value, setValue] = useState(0)
    useEvent(types[id], setValue)
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => h(EventBusProvider, { bus }, children),
    emit: (id, value) => bus.emit(types[id], value),
  }
}

/** useAnyEvent hears every event: like the shared type, each emit reaches every item. */
function buswayAnyEvent(hooks) {
  return () => {
    const bus = createEventBus()
    const { EventBusProvider, useAnyEvent } = hooks()
    const types = ids.map((id) => `item:${id}`)
    function Item({ id }) {
      renders[id]++
      const [value, setValue] = useState(0)
      useAnyEvent((type, payload) => {
        if (type === types[id]) setValue(payload)
      })
      return h('li', null, itemText(id, value))
    }
    return {
      Item,
      wrap: (children) => h(EventBusProvider, { bus }, children),
      emit: (id, value) => bus.emit(types[id], value),
    }
  }
}

function buswayEventState() {
  const bus = createEventBus()
  const { EventBusProvider, useEventState } = createEventHooks()
  const types = ids.map((id) => `item:${id}`)
  function Item({ id }) {
    renders[id]++
    const value = useEventState(types[id], 0)
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => h(EventBusProvider, { bus }, children),
    emit: (id, value) => bus.emit(types[id], value),
  }
}

function zustandSelector() {
  const useStore = createStore(() => ({ values: {} }))
  function Item({ id }) {
    renders[id]++
    const value = useStore((state) => state.values[id] ?? 0)
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => children,
    emit: (id, value) => useStore.setState((state) => ({ values: { ...state.values, [id]: value } })),
  }
}

function mittUseEffect() {
  const emitter = mitt()
  const types = ids.map((id) => `item:${id}`)
  // The minimal hand-written hook: latest handler in a ref, subscription in useEffect.
  function useMittEvent(type, handler) {
    const latest = useRef(handler)
    useEffect(() => {
      latest.current = handler
    })
    useEffect(() => {
      const listener = (payload) => latest.current(payload)
      emitter.on(type, listener)
      return () => emitter.off(type, listener)
    }, [type])
  }
  function Item({ id }) {
    renders[id]++
    const [value, setValue] = useState(0)
    useMittEvent(types[id], setValue)
    return h('li', null, itemText(id, value))
  }
  return {
    Item,
    wrap: (children) => children,
    emit: (id, value) => emitter.emit(types[id], value),
  }
}

/**
 * Hand-written floors, for what useEvent's rules cost: a provider's context, a ref for the
 * latest handler, and the subscription in a layout effect (live before the commit's effects,
 * none while hidden by <Activity>). With `keepsSubscription`, the handler is updated in an
 * insertion effect of its own, as SPEC React rule 1 asks (no resubscription when only the
 * handler changed); without, one layout effect resubscribes whenever the handler changes.
 */
function floorHook(keepsSubscription) {
  return () => {
    const bus = createEventBus()
    const Context = createContext(null)
    const types = ids.map((id) => `item:${id}`)
    const useFloorEvent = keepsSubscription
      ? function useFloorEvent(type, handler) {
          const busInContext = useContext(Context)
          const latest = useRef(null)
          const box = (latest.current ??= { handler, deliver: (payload) => box.handler(payload) })
          useInsertionEffect(() => {
            box.handler = handler
          }, [handler])
          useLayoutEffect(() => busInContext.on(type, box.deliver), [busInContext, type, box])
        }
      : function useFloorEvent(type, handler) {
          const busInContext = useContext(Context)
          useLayoutEffect(() => busInContext.on(type, handler), [busInContext, type, handler])
        }
    function Item({ id }) {
      renders[id]++
      const [value, setValue] = useState(0)
      useFloorEvent(types[id], setValue)
      return h('li', null, itemText(id, value))
    }
    return {
      Item,
      wrap: (children) => h(Context.Provider, { value: bus }, children),
      emit: (id, value) => bus.emit(types[id], value),
    }
  }
}

const allVariants = {
  'busway useEvent, one shared type + id check': buswayShared,
  'busway useAnyEvent + type check': buswayAnyEvent(createEventHooks),
  'busway ready-made useAnyEvent + type check': buswayAnyEvent(() => busway),
  'busway useEvent, one type per item': buswayPerItemType,
  'busway ready-made useEvent, one type per item': buswayReadyMadePerItemType,
  'busway useEventState, one type per item': buswayEventState,
  'floor: context + ref + insertion and layout effects, one type per item': floorHook(true),
  'floor: context + one layout effect (resubscribes on a new handler), one type per item': floorHook(false),
  'zustand, a selector per item': zustandSelector,
  'mitt + useEffect hook, one type per item': mittUseEffect,
}

// BENCH_VARIANTS=<regular expression> runs only the matching variants (zustand and mitt always).
const only = new RegExp(process.env.BENCH_VARIANTS ?? '')
const variants = Object.fromEntries(
  Object.entries(allVariants).filter(([name]) => only.test(name) || /^(zustand|mitt)/.test(name)),
)

function mount(variant) {
  const container = document.createElement('ul')
  document.body.append(container)
  const root = createRoot(container)
  const { Item, wrap } = variant
  const items = ids.map((id) => h(Item, { key: id, id }))
  flushSync(() => root.render(wrap(items)))
  return { container, root }
}

let nextValue = 1
/** One iteration: every item gets one new value, batched or one commit per emit. */
function emitAll(variant, batched) {
  const value = nextValue++
  if (batched) {
    flushSync(() => {
      for (const id of ids) variant.emit(id, value)
    })
  } else {
    for (const id of ids) flushSync(() => variant.emit(id, value))
  }
  return value
}

function checkRenders(name, container, value) {
  for (const id of ids) {
    if (renders[id] !== 1) throw new Error(`${name}: item ${id} rendered ${renders[id]} times for one emit`)
  }
  const sample = container.children[ITEMS - 1]?.textContent
  if (sample !== itemText(ITEMS - 1, value)) throw new Error(`${name}: last item shows "${sample}"`)
}

const time = Number(process.env.BENCH_TIME_MS ?? 1500)
const rows = []
for (const batched of [true, false]) {
  const bench = new Bench({ time, warmupTime: 200 })
  const mounted = {}
  for (const [name, make] of Object.entries(variants)) {
    const variant = make()
    bench.add(
      name,
      () => {
        renders.fill(0)
        const value = emitAll(variant, batched)
        checkRenders(name, mounted[name].container, value)
      },
      {
        beforeAll: () => {
          renders.fill(0)
          mounted[name] = mount(variant)
        },
        afterAll: () => {
          mounted[name].root.unmount()
          mounted[name].container.remove()
        },
      },
    )
  }
  await bench.run()
  for (const task of bench.tasks) {
    rows.push({ mode: batched ? 'batched, one commit' : 'one commit per emit', name: task.name, median: task.result.latency.p50 })
  }
}

const table = [
  '| variant | mode | µs per emit (median) | ÷ zustand (same mode) | ÷ mitt + useEffect (same mode) |',
  '| --- | --- | --- | --- | --- |',
]
for (const row of rows) {
  const zustand = rows.find((other) => other.mode === row.mode && other.name.startsWith('zustand'))
  const mittHook = rows.find((other) => other.mode === row.mode && other.name.startsWith('mitt'))
  table.push(
    `| ${row.name} | ${row.mode} | ${((row.median * 1000) / ITEMS).toFixed(2)} | ${(row.median / zustand.median).toFixed(2)}× | ` +
      `${(row.median / mittHook.median).toFixed(2)}× |`,
  )
}
console.log(table.join('\n'))
console.log(
  `\nReact ${(await import('react')).version} production build, jsdom; ${ITEMS} items, ${ITEMS} emits per iteration; ` +
    `every iteration re-rendered each item exactly once (checked). Node ${process.version}.`,
)
