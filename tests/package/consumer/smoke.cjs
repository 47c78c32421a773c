// CommonJS consumer, run by node against the installed tarball (tests/package/run.mjs).
// Any failed assertion throws, so node exits non-zero.
'use strict'
const assert = require('node:assert/strict')
const path = require('node:path')

const installed = path.join(__dirname, 'node_modules', 'busway') + path.sep
assert.ok(require.resolve('busway').startsWith(installed), `busway resolves outside the consumer: ${require.resolve('busway')}`)
assert.ok(require.resolve('busway/core').startsWith(installed), 'busway/core resolves outside the consumer')

const isReact = (file) => /[\\/]node_modules[\\/]react(-dom)?[\\/]/.test(file)
const core = require('busway/core')
assert.deepEqual(Object.keys(require.cache).filter(isReact), [], "require('busway/core') loaded react")
const busway = require('busway')

assert.equal(typeof core.createEventBus, 'function', 'busway/core exports createEventBus')
assert.equal(core.createEventHooks, undefined, 'busway/core must not export the React hooks')
assert.equal(typeof busway.createEventBus, 'function', 'busway exports createEventBus')
assert.equal(typeof busway.createEventHooks, 'function', 'busway exports createEventHooks')

for (const [entry, createEventBus] of [
  ['busway', busway.createEventBus],
  ['busway/core', core.createEventBus],
]) {
  const bus = createEventBus()
  const seen = []
  const handler = (payload) => seen.push(payload)
  const unsubscribe = bus.on('user:login', handler)
  bus.on('user:login', handler)
  assert.equal(bus.listenerCount('user:login'), 2, `${entry}: two subscriptions`)
  assert.equal(bus.emit('user:login', { userId: 'u-1' }), undefined, `${entry}: emit returns undefined`)
  assert.deepEqual(seen, [{ userId: 'u-1' }, { userId: 'u-1' }], `${entry}: both subscriptions called`)
  unsubscribe()
  unsubscribe()
  bus.emit('user:login', { userId: 'u-2' })
  assert.equal(seen.length, 3, `${entry}: one subscription left after unsubscribe()`)
  bus.off('user:login', handler)
  bus.emit('user:login', { userId: 'u-3' })
  assert.equal(seen.length, 3, `${entry}: off() ended the last subscription`)
  assert.equal(bus.listenerCount(), 0, `${entry}: listenerCount() back to 0`)
  assert.deepEqual(bus.latest('user:login'), { userId: 'u-3' }, `${entry}: latest()`)
  let ready = 0
  bus.once('app:ready', () => ready++)
  bus.emit('app:ready')
  bus.emit('app:ready')
  assert.equal(ready, 1, `${entry}: once()`)
  console.log(`ok - CommonJS require('${entry}'): on/emit/off/once/latest`)
}

// Rule 11 of the contract, one core per app: the entries share one copy of the core in CommonJS.
assert.equal(busway.createEventBus, core.createEventBus, "require('busway') and require('busway/core') share createEventBus")
assert.equal(busway.InvalidPayloadError, core.InvalidPayloadError, 'and the InvalidPayloadError class')
assert.equal(busway.inspect, core.inspect, 'and inspect')
console.log("ok - CommonJS: require('busway') and require('busway/core') share one core")

// A bus from require('busway/core') works with the provider from require('busway').
// Server rendering: initial state, no subscription.
const React = require('react')
const { renderToString } = require('react-dom/server')
const hooks = busway.createEventHooks()
const bus = core.createEventBus()
bus.emit('greeting', 'hello')
function Greeting() {
  hooks.useBus()
  hooks.useEmit()
  hooks.useEvent('greeting', () => {})
  return React.createElement('p', null, hooks.useEventState('greeting', 'initial'))
}
const logged = []
const { error, warn } = console
console.error = console.warn = (...args) => logged.push(args)
let html
try {
  html = renderToString(React.createElement(hooks.EventBusProvider, { bus }, React.createElement(Greeting)))
} finally {
  Object.assign(console, { error, warn })
}
assert.equal(html, '<p>initial</p>', 'server rendering returns the initial state')
assert.equal(bus.listenerCount(), 0, 'server rendering subscribes nothing')
assert.deepEqual(logged, [], 'server rendering printed a warning')
console.log("ok - CommonJS: busway/core bus in the busway provider, renderToString")

// Tracing across the CJS copies: each entry bundles its own core, and the bus's internals sit
// under a Symbol.for key, so busway's inspect works on a bus from busway/core.
const traced = core.createEventBus()
const traces = []
const detach = busway.inspect(traced, (trace) => traces.push(trace))
traced.on('save', () => traced.emit('saved'), { label: 'storage' })
traced.emit('save', { id: 's-1' })
detach()
assert.deepEqual(
  traces.map(({ id, parentId, type, labels }) => [id, parentId, type, labels]),
  [[2, 1, 'saved', []], [1, undefined, 'save', ['storage']]],
  'inspect from busway on a busway/core bus',
)
assert.deepEqual({ ...core.listenerCounts(traced) }, { save: 1 }, 'listenerCounts')

// The devtools panel renders nothing on the server, and finds the provider of busway's hooks.
const { EventBusDevtools } = require('busway/devtools')
const panelHtml = renderToString(
  React.createElement(hooks.EventBusProvider, { bus: traced }, React.createElement(EventBusDevtools)),
)
assert.equal(panelHtml, '', 'the devtools panel renders nothing on the server')
console.log('ok - CommonJS: inspect across entries, busway/devtools on the server')

// busway/bridge in CommonJS: two buses on the ends of a MessageChannel, with the CJS core's buses.
const { connectPort } = require('busway/bridge')
const workerThreads = require('node:worker_threads')
const { port1, port2 } = new workerThreads.MessageChannel()
const sender = core.createEventBus()
const receiver = core.createEventBus()
connectPort(sender, port1, { types: ['job:progress'] })
const offReceiver = connectPort(receiver, port2, { types: ['job:progress'] })
receiver.on('job:progress', ({ percent }) => {
  assert.equal(percent, 50)
  offReceiver()
  port1.close()
  console.log('ok - CommonJS: busway/bridge connectPort links two buses')
})
sender.emit('job:progress', { percent: 50 })
