// One adapter per library: the same five operations, in each library's own API.
// `on` returns a function that ends that one subscription.
import { EventEmitter as NodeEventEmitter } from 'node:events'
import EventEmitter3 from 'eventemitter3'
import mitt from 'mitt'
import { createNanoEvents } from 'nanoevents'
import { EventEmitter as TseepEventEmitter } from 'tseep'
import { createEventBus, inspect } from '../../dist/core.js'
import { createEventBus as createEventBus010 } from './baseline/busway-0.1.0-core.js'

/** The physical limit: handlers called from plain arrays, with none of a bus's guarantees. */
function createPlainLoop() {
  const lists = new Map()
  return {
    on(type, handler) {
      let list = lists.get(type)
      if (list === undefined) lists.set(type, (list = []))
      list.push(handler)
      return () => list.splice(list.indexOf(handler) >>> 0, 1)
    },
    emit(type, payload) {
      const list = lists.get(type)
      if (list === undefined) return
      for (let index = 0; index < list.length; index++) list[index](payload)
    },
  }
}

const buswayAdapter = (create) => ({
  create,
  on: (bus, type, handler) => bus.on(type, handler),
  emit: (bus, type, payload) => bus.emit(type, payload),
  onAny: (bus, handler) => bus.onAny((_type, payload) => handler(payload)),
})

const emitterAdapter = (create) => ({
  create,
  on: (emitter, type, handler) => {
    emitter.on(type, handler)
    return () => emitter.off(type, handler)
  },
  emit: (emitter, type, payload) => emitter.emit(type, payload),
})

export const adapters = {
  busway: buswayAdapter(() => createEventBus()),
  // What tracing costs: the release without its hooks, and a bus with an inspector attached.
  'busway 0.1.0': buswayAdapter(() => createEventBus010()),
  'busway, inspected': buswayAdapter(() => {
    const bus = createEventBus()
    inspect(bus, () => {})
    return bus
  }),
  mitt: {
    ...emitterAdapter(() => mitt()),
    onAny: (emitter, handler) => emitter.on('*', (_type, payload) => handler(payload)),
  },
  nanoevents: {
    create: () => createNanoEvents(),
    on: (emitter, type, handler) => emitter.on(type, handler),
    emit: (emitter, type, payload) => emitter.emit(type, payload),
  },
  eventemitter3: emitterAdapter(() => new EventEmitter3()),
  'node:events': emitterAdapter(() => {
    const emitter = new NodeEventEmitter()
    emitter.setMaxListeners(0)
    return emitter
  }),
  EventTarget: {
    create: () => new EventTarget(),
    on: (target, type, handler) => {
      const listener = (event) => handler(event.detail)
      target.addEventListener(type, listener)
      return () => target.removeEventListener(type, listener)
    },
    emit: (target, type, payload) => target.dispatchEvent(new CustomEvent(type, { detail: payload })),
  },
  tseep: emitterAdapter(() => new TseepEventEmitter()),
  'plain loop': {
    create: createPlainLoop,
    on: (loop, type, handler) => loop.on(type, handler),
    emit: (loop, type, payload) => loop.emit(type, payload),
  },
}

/** busway's own variants, compared with busway in a table of their own. */
export const buswayVariants = ['busway 0.1.0', 'busway, inspected']

/** Peers that need no eval / new Function, so run under a strict Content-Security-Policy. */
export const cspSafePeers = ['mitt', 'nanoevents', 'eventemitter3', 'node:events', 'EventTarget']
