import * as busway from 'busway'
import * as core from 'busway/core'
import * as devtools from 'busway/devtools'
import * as bridge from 'busway/bridge'
import { expect, test } from 'vitest'

// The public surface is pinned: any change to it must be a deliberate diff here.
const coreExports = ['InvalidPayloadError', 'createEventBus', 'inspect', 'listenerCounts', 'logEvents']

test('busway/core exports exactly the bus factory, its validation error and the tracing tools', () => {
  expect(Object.keys(core).sort()).toEqual(coreExports)
})

const readyMade = ['EventBusProvider', 'useAnyEvent', 'useBus', 'useEmit', 'useEvent', 'useEventState']

test('busway exports the core, createEventHooks and the ready-made provider and hooks, nothing else', () => {
  expect(Object.keys(busway).sort()).toEqual([...coreExports, 'createEventHooks', ...readyMade].sort())
})

test('busway/devtools exports the panel, nothing else', () => {
  expect(Object.keys(devtools)).toEqual(['EventBusDevtools'])
})

test('busway/bridge exports the three bridge functions, nothing else', () => {
  expect(Object.keys(bridge).sort()).toEqual(['connectBroadcast', 'connectNats', 'connectPort'])
})

test('busway re-exports the same createEventBus as busway/core', () => {
  expect(busway.createEventBus).toBe(core.createEventBus)
})

test('createEventHooks returns the provider and the five hooks, the names of the ready-made ones', () => {
  expect(Object.keys(busway.createEventHooks()).sort()).toEqual(readyMade)
})
