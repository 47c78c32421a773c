// ES module consumer, run by node (no bundler, no DOM) against the installed tarball
// (tests/package/run.mjs). Any failed assertion throws, so node exits non-zero.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import * as busway from 'busway'
import * as core from 'busway/core'

const require = createRequire(import.meta.url)
const installed = fileURLToPath(new URL('./node_modules/busway/', import.meta.url))
if (import.meta.resolve) {
  // (import.meta.resolve is unflagged from Node 20.6)
  assert.ok(fileURLToPath(import.meta.resolve('busway')).startsWith(installed), 'busway resolves outside the consumer')
}
assert.equal(typeof window, 'undefined', 'this check runs without a DOM')

// The ESM and CJS builds export the same names; busway re-exports all of busway/core.
const names = (namespace) => Object.keys(namespace).filter((name) => name !== 'default' && name !== '__esModule').sort()
assert.deepEqual(names(require('busway')), names(busway), 'busway: CJS and ESM export different names')
assert.deepEqual(names(require('busway/core')), names(core), 'busway/core: CJS and ESM export different names')
for (const name of names(core)) assert.ok(name in busway, `busway does not re-export ${name} from busway/core`)
console.log(`ok - ESM and CJS export the same names: busway [${names(busway)}], busway/core [${names(core)}]`)

// Rule 11 of the contract, one core per app: the ES module entries share one copy of the core.
for (const name of ['createEventBus', 'InvalidPayloadError', 'inspect']) {
  assert.equal(busway[name], core[name], `import from 'busway' and 'busway/core' share ${name}`)
}
console.log("ok - ESM: 'busway' and 'busway/core' share one core")

const bus = core.createEventBus()
const seen = []
const off = bus.on('user:login', ({ userId }) => seen.push(userId))
bus.emit('user:login', { userId: 'u-1' })
off()
bus.emit('user:login', { userId: 'u-2' })
assert.deepEqual(seen, ['u-1'])
assert.equal(bus.listenerCount(), 0)
console.log("ok - ESM import('busway/core'): on/emit/off")

// Server rendering with every hook, in plain Node without `window`.
const hooks = busway.createEventHooks()
bus.emit('greeting', 'hello')
function Greeting() {
  hooks.useBus()
  hooks.useEmit()
  hooks.useEvent('greeting', () => {})
  return createElement('p', null, hooks.useEventState('greeting', 'initial'))
}
const logged = []
const { error, warn } = console
console.error = console.warn = (...args) => logged.push(args)
let html, ownBusHtml
try {
  html = renderToString(createElement(hooks.EventBusProvider, { bus }, createElement(Greeting)))
  ownBusHtml = renderToString(createElement(hooks.EventBusProvider, null, createElement(Greeting)))
} finally {
  Object.assign(console, { error, warn })
}
assert.equal(html, '<p>initial</p>', 'server rendering returns the initial state')
assert.equal(ownBusHtml, '<p>initial</p>')
assert.equal(bus.listenerCount(), 0, 'server rendering subscribes nothing')
assert.deepEqual(logged, [], 'server rendering printed a warning')
console.log("ok - ESM import('busway'): renderToString with every hook, no DOM")

// busway/bridge: two buses of this process on one BroadcastChannel name.
const { connectBroadcast } = await import('busway/bridge')
assert.deepEqual(names(require('busway/bridge')), names(await import('busway/bridge')), 'busway/bridge: CJS and ESM export different names')
const left = core.createEventBus()
const right = core.createEventBus()
const channel = `smoke-${process.pid}`
const offLeft = connectBroadcast(left, { channel, types: ['cart:changed'] })
const offRight = connectBroadcast(right, { channel, types: ['cart:changed'] })
left.emit('cart:changed', { items: 2 })
await new Promise((resolve) => setTimeout(resolve, 50))
assert.deepEqual(right.latest('cart:changed'), { items: 2 }, 'busway/bridge: the event did not cross the BroadcastChannel')
offLeft()
offRight()
console.log('ok - ESM import busway/bridge: connectBroadcast links two buses')
