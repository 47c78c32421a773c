import { createEventBus } from 'busway/core'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { abortListenerCount } from './helpers'

// Model-based property test: random sequences of calls, run on the real bus and on a model of
// the Core section of SPEC.md written for clarity, not speed. After every step both must show
// the same handler calls (who, in which order, with what), the same errors passed to onError,
// the same listener counts, latest payloads and abort listeners.
//
// A failure prints fast-check's report: the shrunk counterexample, `[commands, scripts]` (the
// steps, then what each handler does on its first calls), the diff of the step that went wrong,
// and the seed. To replay it, give fc.assert `{ seed, path, endOnFailure: true }` from the
// report and fc.commands the counterexample's `replayPath`; `{ seed }` alone reruns the search.

const TYPES = ['alpha', 'beta', 'gamma'] as const
type Type = (typeof TYPES)[number]
type Payload = string | undefined
type Events = Record<Type, Payload>

/** Small, so that nested emits run into the depth limit within a few steps. */
const MAX_DEPTH = 3
/** How many handler identities there are: the same function is often subscribed several times. */
const HANDLER_COUNT = 3
const CONTROLLER_COUNT = 3
/** How many calls of a handler follow its script; later calls only record themselves. */
const SCRIPT_LENGTH = 4

/** A handler, whether subscribed with on/once (one argument) or onAny (two). */
type Handler = (...args: unknown[]) => void
type Subscribe = (type: Type, handler: Handler, options?: { signal: AbortSignal }) => () => void

/** What the property needs of a bus; both `EventBus<Events>` and `ModelBus` are one. */
interface BusLike {
  on: Subscribe
  once: Subscribe
  off(type: Type, handler: Handler): void
  onAny(handler: Handler, options?: { signal: AbortSignal }): () => void
  emit(type: Type, payload: Payload): void
  latest(type: Type): Payload
  listenerCount(type?: Type): number
  clear(): void
}

type OnError = (error: unknown, type: Type, payload: Payload) => void

// ---------------------------------------------------------------------------------------------
// The model

/** A subscription of the model; `type` is undefined for onAny ones. */
interface ModelSubscription {
  type: Type | undefined
  handler: Handler
  once: boolean
  signal: AbortSignal | undefined
}

/** SPEC.md's Core section, said as plainly as possible. */
class ModelBus implements BusLike {
  /** The active subscriptions, of every type and onAny, in subscription order. */
  subscriptions: ModelSubscription[] = []
  latestPayloads = new Map<Type, Payload>()
  /** The types of the emits in progress, outermost first. */
  chain: Type[] = []

  constructor(
    readonly onError: OnError,
    readonly maxDepth: number,
  ) {}

  subscribe(type: Type | undefined, handler: Handler, once: boolean, signal?: AbortSignal) {
    // An already-aborted signal subscribes nothing.
    if (signal?.aborted) return () => {}
    const subscription = { type, handler, once, signal }
    this.subscriptions.push(subscription)
    signal?.addEventListener('abort', () => this.end(subscription))
    return () => this.end(subscription)
  }

  end(subscription: ModelSubscription) {
    this.subscriptions = this.subscriptions.filter((other) => other !== subscription)
  }

  on: Subscribe = (type, handler, options) => this.subscribe(type, handler, false, options?.signal)
  once: Subscribe = (type, handler, options) => this.subscribe(type, handler, true, options?.signal)
  onAny(handler: Handler, options?: { signal: AbortSignal }) {
    return this.subscribe(undefined, handler, false, options?.signal)
  }

  off(type: Type, handler: Handler) {
    const ended = (s: ModelSubscription) => s.type === type && s.handler === handler
    this.subscriptions = this.subscriptions.filter((s) => !ended(s))
  }

  emit(type: Type, payload: Payload) {
    // Too deep: SPEC.md says no handler is called; the model reads its "instead" as "the emit
    // does not happen", so the payload is not recorded as latest either.
    if (this.chain.length === this.maxDepth) {
      const chain = [...this.chain, type].join(' → ')
      throw new RangeError(`model: emit("${type}") is too deep; chain: ${chain}`)
    }
    this.latestPayloads.set(type, payload)
    // The snapshot: who is subscribed when this emit starts.
    const ofType = this.subscriptions.filter((s) => s.type === type)
    const ofAny = this.subscriptions.filter((s) => s.type === undefined)
    this.chain.push(type)
    for (const subscription of ofType) this.call(subscription, type, payload, [payload])
    for (const subscription of ofAny) this.call(subscription, type, payload, [type, payload])
    this.chain.pop()
  }

  call(subscription: ModelSubscription, type: Type, payload: Payload, args: unknown[]) {
    // Removed before its turn: not called.
    if (!this.subscriptions.includes(subscription)) return
    if (subscription.once) this.end(subscription)
    try {
      subscription.handler(...args)
    } catch (error) {
      // Reported at once, before the next handler runs, as DOM EventTarget reports.
      this.onError(error, type, payload)
    }
  }

  latest(type: Type) {
    return this.latestPayloads.get(type)
  }

  listenerCount(type?: Type) {
    if (type === undefined) return this.subscriptions.length
    return this.subscriptions.filter((s) => s.type === type).length
  }

  clear() {
    this.subscriptions = []
    this.latestPayloads.clear()
  }

  /**
   * How many abort listeners the real bus should have on `signal`: one while any active
   * subscription shares it, however many do.
   */
  abortListeners(signal: AbortSignal) {
    return this.subscriptions.some((s) => s.signal === signal) ? 1 : 0
  }
}

// ---------------------------------------------------------------------------------------------
// Steps: what a command or a handler does

type Op =
  | { kind: 'on' | 'once'; type: Type; handler: number; signal: number | undefined }
  | { kind: 'onAny'; handler: number; signal: number | undefined }
  | { kind: 'off'; type: Type; handler: number }
  /** Calls the `index % n`th of the n unsubscribe functions returned so far (none: a no-op). */
  | { kind: 'unsubscribe'; index: number }
  | { kind: 'abort'; controller: number }
  | { kind: 'emit'; type: Type; payload: Payload }
  | { kind: 'clear' }

/** What a handler does on one of its calls, besides recording it. */
type Action = Op | { kind: 'throw'; error: boolean } | { kind: 'nothing' }

const show = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value))
const signalText = (signal: number | undefined) =>
  signal === undefined ? '' : `, { signal: c${signal} }`

function describeAction(action: Action, label = '…'): string {
  switch (action.kind) {
    case 'on':
    case 'once':
      return `${action.kind}(${action.type}, h${action.handler}${signalText(action.signal)})`
    case 'onAny':
      return `onAny(h${action.handler}${signalText(action.signal)})`
    case 'off':
      return `off(${action.type}, h${action.handler})`
    case 'unsubscribe':
      return `unsubscribes[${action.index} % n]()`
    case 'abort':
      return `c${action.controller}.abort()`
    case 'emit':
      return `emit(${action.type}, ${show(action.payload)})`
    case 'clear':
      return 'clear()'
    case 'throw':
      return action.error ? `throw new Error('${label}')` : `throw '${label}'`
    case 'nothing':
      return 'nothing'
  }
}

/** What the handlers do: handler `i` performs `actions[i][n]` on its `n`th call, if there is one. */
class Scripts {
  constructor(readonly actions: Action[][]) {}
  toString() {
    const scripts = this.actions
      .map((script, handler) => {
        const actions = script.map((action, call) => describeAction(action, `h${handler} call ${call}`))
        return `h${handler}: [${actions.join('; ')}]`
      })
      .filter((_, handler) => this.actions[handler]!.length > 0)
    return scripts.length === 0 ? 'scripts {}' : `scripts { ${scripts.join(', ')} }`
  }
}

/** One command of a sequence: `op` on both buses, then a comparison of everything observable. */
class Step implements fc.Command<World<ModelBus>, World<BusLike>> {
  constructor(readonly op: Op) {}
  check(model: Readonly<World<ModelBus>>) {
    return this.op.kind !== 'unsubscribe' || model.unsubscribes.length > 0
  }
  run(model: World<ModelBus>, real: World<BusLike>) {
    model.step(this.op)
    real.step(this.op)
    expect(real.observe()).toEqual(model.observe())
  }
  toString() {
    return describeAction(this.op)
  }
}

// ---------------------------------------------------------------------------------------------
// A world: one bus, the scripted handlers subscribed to it, and what they record

type LogEntry =
  | { kind: 'call'; handler: number; args: unknown[] }
  | { kind: 'error'; error: unknown; type: Type; payload: Payload }
  | { kind: 'threw'; error: unknown }

const typeName = `(?:${TYPES.join('|')})`

/** Whether `message` names exactly `chain`: its types in order, nothing but punctuation between. */
function namesChain(message: string, chain: Type[]): boolean {
  const pattern = `(?<!\\b${typeName}\\W*)\\b${chain.join('\\W+')}\\b(?!\\W*${typeName}\\b)`
  return new RegExp(pattern).test(message)
}

class World<Bus extends BusLike> {
  readonly log: LogEntry[] = []
  readonly unsubscribes: Array<() => void> = []
  readonly controllers = Array.from({ length: CONTROLLER_COUNT }, () => new AbortController())
  readonly handlers: Handler[]
  readonly bus: Bus
  /** How often each handler has been called, which picks its next action. */
  private readonly calls: number[] = Array<number>(HANDLER_COUNT).fill(0)
  /** The types of the emits this world's steps are in, outermost first. */
  private readonly emitting: Type[] = []
  /** The errors the handlers threw, by what the log shows for them. */
  private readonly thrown = new Map<unknown, string>()
  /** For each RangeError out of `emit`, the chain of emits it came from. */
  private readonly depthErrors = new Map<unknown, Type[]>()
  private readonly calledUnsubscribes = new Set<number>()

  constructor(
    readonly scripts: Scripts,
    makeBus: (onError: OnError) => Bus,
    /** How many abort listeners the bus has (or should have) on `signal`. */
    readonly abortListeners: (bus: Bus, signal: AbortSignal) => number,
    /** Counts what the steps exercised, to check that the sequences reach every case. */
    readonly seen?: Map<string, number>,
  ) {
    this.bus = makeBus((error, type, payload) => this.log.push({ kind: 'error', error, type, payload }))
    this.handlers = Array.from({ length: HANDLER_COUNT }, (_, handler) => (...args: unknown[]) => {
      const call = this.calls[handler]!++
      this.log.push({ kind: 'call', handler, args })
      const action = scripts.actions[handler]?.[call]
      if (action !== undefined) this.act(action, `h${handler} call ${call}`)
    })
  }

  /** Runs one command: `op` from outside any handler. */
  step(op: Op) {
    this.log.length = 0
    try {
      this.act(op, 'command')
    } catch (error) {
      this.log.push({ kind: 'threw', error })
    }
  }

  private note(what: string) {
    this.seen?.set(what, (this.seen.get(what) ?? 0) + 1)
  }

  private act(action: Action, label: string) {
    if (this.seen === undefined) return this.perform(action, label)
    if (this.emitting.length > 0) this.note(`${action.kind} in a handler`)
    const before = this.bus.listenerCount()
    this.perform(action, label)
    if (this.bus.listenerCount() < before) this.note(`${action.kind} ended a subscription`)
  }

  private perform(action: Action, label: string) {
    const signal = (index: number | undefined) => {
      if (index === undefined) return undefined
      const { signal } = this.controllers[index]!
      if (signal.aborted) this.note('subscribing with an aborted signal')
      return { signal }
    }
    switch (action.kind) {
      case 'on':
      case 'once': {
        const handler = this.handlers[action.handler]!
        this.unsubscribes.push(this.bus[action.kind](action.type, handler, signal(action.signal)))
        return
      }
      case 'onAny':
        this.unsubscribes.push(this.bus.onAny(this.handlers[action.handler]!, signal(action.signal)))
        return
      case 'off':
        return this.bus.off(action.type, this.handlers[action.handler]!)
      case 'unsubscribe': {
        if (this.unsubscribes.length === 0) return
        const index = action.index % this.unsubscribes.length
        if (this.calledUnsubscribes.has(index)) this.note('unsubscribe called again')
        this.calledUnsubscribes.add(index)
        return this.unsubscribes[index]!()
      }
      case 'abort':
        return this.controllers[action.controller]!.abort()
      case 'emit':
        this.emitting.push(action.type)
        try {
          this.bus.emit(action.type, action.payload)
        } catch (error) {
          if (error instanceof RangeError && !this.depthErrors.has(error)) {
            this.depthErrors.set(error, [...this.emitting])
            this.note('depth error')
          }
          throw error
        } finally {
          this.emitting.pop()
        }
        return
      case 'clear':
        return this.bus.clear()
      case 'throw': {
        const error = action.error ? new Error(label) : label
        this.thrown.set(error, action.error ? `Error('${label}')` : show(label))
        throw error
      }
      case 'nothing':
        return
    }
  }

  private showError(error: unknown): string {
    const chain = this.depthErrors.get(error)
    if (chain !== undefined && error instanceof RangeError && namesChain(error.message, chain)) {
      return `RangeError naming ${chain.join(' → ')}`
    }
    const thrown = this.thrown.get(error)
    if (thrown !== undefined) return thrown
    return `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`
  }

  private showEntry(entry: LogEntry): string {
    switch (entry.kind) {
      case 'call':
        return `h${entry.handler}(${entry.args.map(show).join(', ')})`
      case 'error': {
        const context = `{ type: ${entry.type}, payload: ${show(entry.payload)} }`
        return `onError(${this.showError(entry.error)}, ${context})`
      }
      case 'threw':
        return `the command threw ${this.showError(entry.error)}`
    }
  }

  /** Everything a user can observe after a step. */
  observe() {
    return {
      log: this.log.map((entry) => this.showEntry(entry)),
      listenerCount: this.bus.listenerCount(),
      listenerCountOf: Object.fromEntries(TYPES.map((type) => [type, this.bus.listenerCount(type)])),
      latest: Object.fromEntries(TYPES.map((type) => [type, this.bus.latest(type)])),
      abortListeners: this.controllers.map(({ signal }) => this.abortListeners(this.bus, signal)),
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const typeArb = fc.constantFrom(...TYPES)
const handlerArb = fc.nat({ max: HANDLER_COUNT - 1 })
const controllerArb = fc.nat({ max: CONTROLLER_COUNT - 1 })
/** Most subscriptions take no signal: an aborted one subscribes nothing, so it would end them all. */
const signalArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: controllerArb, weight: 1 },
)
const payloadArb = fc.option(fc.nat({ max: 3 }).map(String), { nil: undefined, freq: 4 })

const subscribeArb = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.oneof({ arbitrary: fc.constant('on' as const), weight: 2 }, fc.constant('once' as const)),
      type: typeArb,
      handler: handlerArb,
      signal: signalArb,
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('onAny' as const), handler: handlerArb, signal: signalArb }),
)
const emitArb = fc
  .record({ type: typeArb, payload: payloadArb })
  .map(({ type, payload }) => ({ kind: 'emit' as const, type, payload: payload && `${type} #${payload}` }))
const offArb = fc.record({ kind: fc.constant('off' as const), type: typeArb, handler: handlerArb })
const unsubscribeArb = fc.record({ kind: fc.constant('unsubscribe' as const), index: fc.nat({ max: 30 }) })
const abortArb = fc.record({ kind: fc.constant('abort' as const), controller: controllerArb })
const clearArb = fc.constant({ kind: 'clear' as const })

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: subscribeArb, weight: 6 },
  { arbitrary: emitArb, weight: 4 },
  { arbitrary: offArb, weight: 3 },
  { arbitrary: unsubscribeArb, weight: 2 },
  { arbitrary: abortArb, weight: 1 },
  { arbitrary: clearArb, weight: 1 },
)

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'nothing' as const }), weight: 2 },
  { arbitrary: emitArb, weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant('throw' as const), error: fc.boolean() }), weight: 2 },
  { arbitrary: subscribeArb, weight: 2 },
  { arbitrary: offArb, weight: 1 },
  { arbitrary: unsubscribeArb, weight: 1 },
  { arbitrary: abortArb, weight: 1 },
  { arbitrary: clearArb, weight: 1 },
)

const scriptsArb = fc
  .tuple(...Array.from({ length: HANDLER_COUNT }, () => fc.array(actionArb, { maxLength: SCRIPT_LENGTH })))
  .map((actions) => new Scripts(actions))

const commandsArb = fc.commands([opArb.map((op) => new Step(op))], { maxCommands: 30, size: 'max' })

// ---------------------------------------------------------------------------------------------

const realBus = (onError: OnError): BusLike =>
  createEventBus<Events>({
    maxDepth: MAX_DEPTH,
    onError: (error, { type, payload }) => onError(error, type, payload),
  })

const modelBus = (onError: OnError) => new ModelBus(onError, MAX_DEPTH)

/** What the sequences must reach, at least once in the 1,000 runs, for the test to mean much. */
const CASES = [
  'depth error',
  'throw in a handler',
  'on in a handler',
  'once in a handler',
  'onAny in a handler',
  'off in a handler',
  'unsubscribe in a handler',
  'abort in a handler',
  'clear in a handler',
  'emit in a handler',
  'emit ended a subscription',
  'off ended a subscription',
  'unsubscribe ended a subscription',
  'abort ended a subscription',
  'clear ended a subscription',
  'unsubscribe called again',
  'subscribing with an aborted signal',
]

describe('the core against a model of SPEC.md', () => {
  test(
    'calls the same handlers in the same order, reports the same errors and keeps the same counts, latest payloads and abort listeners as the model, over 1,000 random sequences',
    () => {
      const seen = new Map<string, number>()
      fc.assert(
        // Commands first: fast-check shrinks them against the scripts as generated, and only
        // then the scripts (the other order leaves the commands' shrinker on a stale run).
        fc.property(commandsArb, scriptsArb, (commands, scripts) => {
          const model = new World(scripts, modelBus, (bus, signal) => bus.abortListeners(signal), seen)
          const real = new World(scripts, realBus, (_bus, signal) => abortListenerCount(signal))
          fc.modelRun(() => ({ model, real }), commands)
        }),
        { numRuns: 1000 },
      )

      expect(CASES.filter((what) => !seen.has(what))).toEqual([])
    },
    60_000,
  )
})
