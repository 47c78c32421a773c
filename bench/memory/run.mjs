// Memory benchmark: heap retained after subscription churn, in the core and through React.
//
//   npm run bench:memory     (runs node --expose-gc, production React, jsdom)
//
// Each check measures the heap after forced garbage collection, before and after the churn,
// and checks that listenerCount() is back to its baseline.
import { JSDOM } from 'jsdom'

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench:memory does)')

const { window } = new JSDOM('<!doctype html><html><body></body></html>')
for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Element']) {
  Object.defineProperty(globalThis, key, { value: key === 'window' ? window : window[key], configurable: true })
}
const { createElement: h, useEffect, useState } = await import('react')
const { flushSync } = await import('react-dom')
const { createRoot } = await import('react-dom/client')
const { createEventBus, createEventHooks } = await import('../../dist/index.js')

function heapAfterGc() {
  for (let round = 0; round < 4; round++) globalThis.gc()
  return process.memoryUsage().heapUsed
}

const results = []
function record(name, before, after, listenersBefore, listenersAfter) {
  if (listenersAfter !== listenersBefore) {
    throw new Error(`${name}: listenerCount() is ${listenersAfter}, baseline ${listenersBefore}`)
  }
  results.push({ name, retained: after - before, listeners: `${listenersBefore} → ${listenersAfter}` })
}

// 1. The core: 10,000 subscribe / emit / unsubscribe cycles spread over 1,000 types.
{
  const bus = createEventBus()
  const types = Array.from({ length: 1000 }, (_, index) => `type:${index}`)
  let calls = 0
  const cycle = (index) => {
    const unsubscribe = bus.on(types[index % 1000], () => calls++)
    bus.emit(types[index % 1000])
    unsubscribe()
  }
  for (let index = 0; index < 1000; index++) cycle(index) // warm up the JIT before the baseline
  const listenersBefore = bus.listenerCount()
  const before = heapAfterGc()
  for (let index = 0; index < 10_000; index++) cycle(index)
  const after = heapAfterGc()
  if (calls !== 11_000) throw new Error(`core: ${calls} handler calls, expected 11000`)
  record('core: 10,000 subscribe/emit/unsubscribe cycles on 1,000 types', before, after, listenersBefore, bus.listenerCount())
}

// 2. React: 10,000 mount/unmount cycles of a component that subscribes with useEvent, beside
// the same churn of a component with a plain useEffect instead: React and jsdom retain some
// memory of their own per cycle (about 400 bytes for any component with a passive effect, here),
// and the difference is what busway's hooks add.
async function reactChurn(subscribe) {
  const bus = createEventBus()
  const { EventBusProvider, useEvent } = createEventHooks()
  let received = 0
  function Subscriber() {
    const [count, setCount] = useState(0)
    if (subscribe) {
      useEvent('tick', () => {
        received++
        setCount((value) => value + 1)
      })
    } else {
      useEffect(() => () => {}, [])
    }
    return h('p', null, count)
  }
  let showSubscriber
  function App() {
    const [shown, setShown] = useState(false)
    showSubscriber = setShown
    return h(EventBusProvider, { bus }, shown ? h(Subscriber) : null)
  }
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  flushSync(() => root.render(h(App)))
  // Each cycle ends by letting queued microtasks run, as an app's event loop does between
  // interactions (useEvent finishes some cleanup in a microtask).
  const cycle = async () => {
    flushSync(() => showSubscriber(true))
    flushSync(() => bus.emit('tick'))
    flushSync(() => showSubscriber(false))
    await null
  }
  for (let index = 0; index < 500; index++) await cycle()
  const listenersBefore = bus.listenerCount()
  const before = heapAfterGc()
  for (let index = 0; index < 10_000; index++) await cycle()
  const after = heapAfterGc()
  const expected = subscribe ? 10_500 : 0
  if (received !== expected) throw new Error(`react: ${received} handler calls, expected ${expected}`)
  flushSync(() => root.unmount())
  container.remove()
  return { before, after, listenersBefore, listenersAfter: bus.listenerCount() }
}
{
  const control = await reactChurn(false)
  const subscribed = await reactChurn(true)
  const controlRetained = control.after - control.before
  record(
    'React: 10,000 mount/unmount cycles of a component with a useEffect, no bus (control)',
    control.before,
    control.after,
    control.listenersBefore,
    control.listenersAfter,
  )
  record(
    'React: the same with useEvent, less the control (what busway adds)',
    subscribed.before + controlRetained,
    subscribed.after,
    subscribed.listenersBefore,
    subscribed.listenersAfter,
  )
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
console.log('| churn | heap retained after GC | listenerCount() |\n| --- | --- | --- |')
for (const { name, retained, listeners } of results) console.log(`| ${name} | ${kib(retained)} | ${listeners} |`)
console.log(`\nTarget: under 1 MiB retained. Node ${process.version}, React ${(await import('react')).version} (production), jsdom.`)
const over = results.filter(({ name, retained }) => !name.includes('(control)') && retained > 1024 * 1024)
if (over.length) {
  console.error(`over budget: ${over.map(({ name }) => name).join('; ')}`)
  process.exitCode = 1
}
