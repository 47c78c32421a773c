import * as busway from 'busway'
import * as core from 'busway/core'
import { expect, test } from 'vitest'

// The public surface is pinned: any change to it must be a deliberate diff here.
test('busway/core exports exactly the core bus factory and its validation error', () => {
  expect(Object.keys(core).sort()).toEqual(['InvalidPayloadError', 'createEventBus'])
})

test('busway exports the core and the React bindings, nothing else', () => {
  expect(Object.keys(busway).sort()).toEqual(['InvalidPayloadError', 'createEventBus', 'createEventHooks'])
})

test('busway re-exports the same createEventBus as busway/core', () => {
  expect(busway.createEventBus).toBe(core.createEventBus)
})

test('createEventHooks returns the provider and the four hooks', () => {
  expect(Object.keys(busway.createEventHooks()).sort()).toEqual([
    'EventBusProvider',
    'useBus',
    'useEmit',
    'useEvent',
    'useEventState',
  ])
})
