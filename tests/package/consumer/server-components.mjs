// SPEC React rule 9, against the installed tarball: run by tests/package/run.mjs as
//   node --conditions react-server --import ./rsc-register.mjs server-components.mjs
// that is, with the react-server export condition and React's own loader, as a React Server
// Components bundler (Next.js App Router) runs server code. Any failed assertion throws.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { PassThrough } from 'node:stream'
import { createElement } from 'react'
import { renderToPipeableStream } from 'react-server-dom-webpack/server'
import * as busway from 'busway'
import * as core from 'busway/core'
import * as devtools from 'busway/devtools'

const require = createRequire(import.meta.url)
const names = (namespace) => Object.keys(namespace).filter((name) => name !== 'default' && name !== '__esModule').sort()
const clientReference = Symbol.for('react.client.reference')

// Every entry imports, ESM and CJS, with the same names as without the condition.
const expected = ['EventBusProvider', 'InvalidPayloadError', 'createEventBus', 'createEventHooks', 'inspect',
  'listenerCounts', 'logEvents', 'useAnyEvent', 'useBus', 'useEmit', 'useEvent', 'useEventState']
assert.deepEqual(names(busway), expected)
assert.deepEqual(names(require('busway')), expected)
assert.deepEqual(names(core), names(require('busway/core')))
assert.deepEqual(names(devtools), ['EventBusDevtools'])
// (A 'use client' CommonJS module is a proxy that lists no names, as a bundler's reference.)
assert.equal(require('busway/devtools').EventBusDevtools.$$typeof, clientReference)
assert.equal(require('busway').EventBusProvider.$$typeof, clientReference)
console.log('ok - busway, busway/core and busway/devtools import under the react-server condition (ESM and CJS)')

// The core functions imported from busway run on the server.
assert.equal(busway.createEventBus, core.createEventBus)
const bus = busway.createEventBus()
const traces = []
const stopInspecting = busway.inspect(bus, (trace) => traces.push(trace.type))
const logged = []
const stopLogging = busway.logEvents(bus, { console: { log: (...args) => logged.push(args), groupCollapsed: (...args) => logged.push(args), groupEnd() {}, error: (...args) => logged.push(args) } })
bus.on('page:view', () => {})
bus.emit('page:view', { path: '/' })
assert.deepEqual(traces, ['page:view'])
assert.ok(logged.length > 0, 'logEvents logged nothing')
assert.deepEqual({ ...busway.listenerCounts(bus) }, { 'page:view': 1 })
stopInspecting()
stopLogging()
console.log('ok - createEventBus, inspect, logEvents and listenerCounts from busway run in a Server Component module')

// The provider and the panel are client components; the hooks and createEventHooks are
// client-only and say so.
assert.equal(busway.EventBusProvider.$$typeof, clientReference, 'EventBusProvider is not a client reference')
assert.equal(devtools.EventBusDevtools.$$typeof, clientReference, 'EventBusDevtools is not a client reference')
for (const name of ['createEventHooks', 'useBus', 'useEvent', 'useAnyEvent', 'useEmit', 'useEventState']) {
  assert.throws(() => busway[name](), new RegExp(`^Error: busway: ${name}\\(\\) is client-only .*'use client'`))
}
console.log('ok - EventBusProvider and EventBusDevtools are client references; the hooks say they are client-only')

// A server layout renders the ready-made provider and the panel straight away.
async function Layout() {
  const title = await Promise.resolve('rendered on the server')
  return createElement(
    busway.EventBusProvider,
    null,
    createElement('main', null, title),
    createElement(devtools.EventBusDevtools, null),
  )
}
// The client manifest a bundler would write: each reference is its own module and export.
const manifest = new Proxy({}, {
  get: (_, key) => {
    const [id, name] = String(key).split('#')
    return { id, chunks: [], name }
  },
})
const errors = []
const payload = await new Promise((resolve, reject) => {
  const chunks = []
  const stream = new PassThrough()
  stream.on('data', (chunk) => chunks.push(chunk))
  stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  stream.on('error', reject)
  renderToPipeableStream(createElement(Layout), manifest, { onError: (error) => errors.push(error) }).pipe(stream)
})
assert.deepEqual(errors, [])
// Two client-reference rows (I), naming the modules and exports the client loads.
assert.equal(payload.match(/^\w+:I\[/gm)?.length, 2, payload)
for (const text of ['busway/dist/ready-made.js"', '"EventBusProvider"', 'busway/dist/devtools.js"', '"EventBusDevtools"']) {
  assert.ok(payload.includes(text), `the payload lacks ${text}: ${payload}`)
}
assert.match(payload, /rendered on the server/)
console.log('ok - a server layout renders <EventBusProvider> and <EventBusDevtools /> as client components')
