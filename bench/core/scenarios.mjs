// The scenarios of the core benchmark. Each `setup(adapter)` returns `run` (one operation, the
// thing timed) and `callsPerRun` (how many handler calls one `run` must make, checked exactly).

export const counter = { calls: 0, sum: 0 }

/** The handlers' small, non-eliminable work: count the call and read the payload. */
const makeHandler = () => (payload) => {
  counter.calls++
  counter.sum += payload.value
}

const payload = { value: 1 }

function emitTo(handlerCount) {
  return (adapter) => {
    const bus = adapter.create()
    for (let index = 0; index < handlerCount; index++) adapter.on(bus, 'tick', makeHandler())
    return { run: () => adapter.emit(bus, 'tick', payload), callsPerRun: handlerCount }
  }
}

export const scenarios = [
  { id: 'a', name: 'emit to 1 handler', setup: emitTo(1) },
  { id: 'b', name: 'emit to 10 handlers', setup: emitTo(10) },
  { id: 'c', name: 'emit to 100 handlers', setup: emitTo(100) },
  {
    id: 'd',
    name: 'emit, no handlers (50 other types have one)',
    setup(adapter) {
      const bus = adapter.create()
      for (let index = 0; index < 50; index++) adapter.on(bus, `other:${index}`, makeHandler())
      return { run: () => adapter.emit(bus, 'nobody', payload), callsPerRun: 0 }
    },
  },
  {
    id: 'e',
    name: 'subscribe + unsubscribe',
    setup(adapter) {
      const bus = adapter.create()
      const handler = makeHandler()
      return {
        run: () => adapter.on(bus, 'tick', handler)(),
        callsPerRun: 0,
        // Every subscription must really have ended: an emit now calls nobody.
        after: () => adapter.emit(bus, 'tick', payload),
      }
    },
  },
  {
    id: 'f',
    name: '1,000 types, 1 handler each, round-robin',
    setup(adapter) {
      const bus = adapter.create()
      const types = Array.from({ length: 1000 }, (_, index) => `type:${index}`)
      for (const type of types) adapter.on(bus, type, makeHandler())
      let next = 0
      return {
        run: () => {
          adapter.emit(bus, types[next], payload)
          next = next === 999 ? 0 : next + 1
        },
        callsPerRun: 1,
      }
    },
  },
  {
    id: 'g',
    name: 'subscribe, emit, unsubscribe (10 handlers stay)',
    setup(adapter) {
      const bus = adapter.create()
      for (let index = 0; index < 10; index++) adapter.on(bus, 'tick', makeHandler())
      const handler = makeHandler()
      return {
        run: () => {
          const unsubscribe = adapter.on(bus, 'tick', handler)
          adapter.emit(bus, 'tick', payload)
          unsubscribe()
        },
        callsPerRun: 11,
      }
    },
  },
  {
    id: 'h',
    name: 'onAny, 1 handler',
    supported: (adapter) => typeof adapter.onAny === 'function',
    setup(adapter) {
      const bus = adapter.create()
      adapter.onAny(bus, makeHandler())
      return { run: () => adapter.emit(bus, 'tick', payload), callsPerRun: 1 }
    },
  },
]
