// Property test of the React lifecycle: fast-check generates a small tree (a root provider, maybe
// a nested one, up to six useEvent or useEventState slots) and up to fifteen steps that mount,
// unmount, retype, re-handle, remount and switch the hook of a slot, swap the nested provider's
// bus, re-render the whole tree with or without <StrictMode>, and emit (also while a suspended
// transition holds an uncommitted render). A model of the tree says, after every commit, how many
// subscriptions each bus holds, which handlers an emit calls (with which handler version) and
// what each slot shows. A failure prints the shrunk scenario and the seed that replays it.
import { act, cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { Fragment, StrictMode, startTransition, type ReactElement } from 'react'
import { createEventBus, createEventHooks, type EventBus } from 'busway'
import { describe, expect, test } from 'vitest'
import './support/dom'
import { consoleSpies } from './support/dom'

interface LifecycleEvents {
  alpha: string
  beta: string
  gamma: string
}

const { EventBusProvider, useEvent, useEventState } = createEventHooks<LifecycleEvents>()

type EventName = keyof LifecycleEvents
type HookName = 'useEvent' | 'useEventState'
type ProviderName = 'root' | 'nested'
/** The nested provider switches between two buses, so "the bus changed" is exercised too. */
type BusName = 'root' | 'nestedA' | 'nestedB'

const EVENT_NAMES: readonly EventName[] = ['alpha', 'beta', 'gamma']
const BUS_NAMES: readonly BusName[] = ['root', 'nestedA', 'nestedB']
const MAX_SLOTS = 6
const MAX_STEPS = 15
/** What a useEventState slot shows before any payload of its type reached its bus. */
const INITIAL = 'initial'
/** The test's own subscription on each bus: no hook's cleanup may remove it. */
const OWN_SUBSCRIPTION_TYPE: EventName = 'alpha'
/** The handler version of a render that never commits. */
const UNCOMMITTED_VERSION = -1

// ---- what fast-check generates ----------------------------------------------------------------

interface SlotPlan {
  under: ProviderName
  hook: HookName
  type: EventName
  mounted: boolean
}

type Step =
  | { kind: 'mount' | 'unmount' | 'newHandler' | 'remount' | 'switchHook'; slot: number }
  | { kind: 'setType'; slot: number; type: EventName }
  | { kind: 'toggleStrict' }
  | { kind: 'swapNestedBus' }
  | { kind: 'emit'; bus: BusName; type: EventName }
  | { kind: 'emitDuringTransition'; bus: BusName; type: EventName }

interface Scenario {
  strict: boolean
  nested: boolean
  slots: SlotPlan[]
  steps: Step[]
}

function describeSlot(slot: SlotPlan, id: number): string {
  return `#${id} ${slot.hook}('${slot.type}') under ${slot.under}${slot.mounted ? '' : ' (unmounted)'}`
}

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'setType':
      return `setType(#${step.slot}, '${step.type}')`
    case 'toggleStrict':
    case 'swapNestedBus':
      return `${step.kind}()`
    case 'emit':
    case 'emitDuringTransition':
      return `${step.kind}(${step.bus}, '${step.type}')`
    default:
      return `${step.kind}(#${step.slot})`
  }
}

/** Gives a value the `toString` fast-check prints in a counterexample. */
function printable<T extends object>(value: T, print: (value: T) => string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => print(value) })
}

const eventName = fc.constantFrom(...EVENT_NAMES)
const busName = fc.constantFrom(...BUS_NAMES)
const slotIndex = fc.nat({ max: MAX_SLOTS - 1 })

const slotPlan: fc.Arbitrary<SlotPlan> = fc.record({
  under: fc.constantFrom<ProviderName>('root', 'nested'),
  hook: fc.constantFrom<HookName>('useEvent', 'useEventState'),
  type: eventName,
  mounted: fc.boolean(),
})

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mount' as const), slot: slotIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unmount' as const), slot: slotIndex }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('setType' as const), slot: slotIndex, type: eventName }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newHandler' as const), slot: slotIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remount' as const), slot: slotIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('switchHook' as const), slot: slotIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggleStrict' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapNestedBus' as const) }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('emit' as const), bus: busName, type: eventName }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('emitDuringTransition' as const),
      bus: busName,
      type: eventName,
    }),
  },
)

/**
 * Slots and steps are generated independently (so each shrinks on its own) and then fitted
 * together: a step's slot index wraps around the slots that exist, and without a nested provider
 * every slot sits under the root and bus swaps are dropped. The counterexample prints the
 * fitted scenario.
 */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    strict: fc.boolean(),
    nested: fc.boolean(),
    slots: fc.array(slotPlan, { minLength: 1, maxLength: MAX_SLOTS }),
    steps: fc.array(step, { maxLength: MAX_STEPS }),
  })
  .map(({ strict, nested, slots, steps }) => {
    const fittedSlots = slots.map((slot, id) =>
      printable(nested ? { ...slot } : { ...slot, under: 'root' as const }, (plan) => describeSlot(plan, id)),
    )
    const fittedSteps = steps
      .filter((candidate) => nested || candidate.kind !== 'swapNestedBus')
      .map((candidate) =>
        'slot' in candidate ? { ...candidate, slot: candidate.slot % slots.length } : { ...candidate },
      )
      .map((fitted) => printable(fitted, describeStep))
    return printable({ strict, nested, slots: fittedSlots, steps: fittedSteps }, (value) =>
      [
        `${value.strict ? '<StrictMode>' : 'no StrictMode'}, ` +
          `${value.nested ? 'with' : 'without'} a nested provider`,
        `  slots: ${value.slots.map((slot, id) => describeSlot(slot, id)).join('; ')}`,
        `  steps: ${value.steps.length === 0 ? '(none)' : value.steps.map(describeStep).join(', ')}`,
      ].join('\n'),
    )
  })

// ---- the components under test ------------------------------------------------------------------

interface Call {
  instance: string
  version: number
  type: EventName
  payload: string
}

/** Subscribes with a new inline handler each render, which records the version it was made with. */
function EventSlot(props: { id: number; instance: string; type: EventName; version: number; log: Call[] }) {
  const { instance, type, version, log } = props
  useEvent(type, (payload) => {
    log.push({ instance, version, type, payload })
  })
  return <output data-slot={props.id}>{`${instance} v${version}`}</output>
}

/** Suspends for good: a transition that renders it never commits. */
const NEVER = new Promise<never>(() => {})
function Suspender(): null {
  throw NEVER
}

function StateSlot({ id, type }: { id: number; type: EventName }) {
  return <output data-slot={id}>{useEventState(type, INITIAL)}</output>
}

// ---- the model ----------------------------------------------------------------------------------

interface SlotState extends SlotPlan {
  id: number
  version: number
  /** Bumped for every new component instance: the React key, and the tag its handler records. */
  generation: number
}

interface World {
  strict: boolean
  nested: boolean
  nestedBus: 'nestedA' | 'nestedB'
  slots: SlotState[]
  /** The latest payload of each type on each bus, as `bus.latest(type)` must report it. */
  latest: Record<BusName, Partial<Record<EventName, string>>>
}

const instanceOf = (slot: SlotState) => `#${slot.id}.${slot.generation}`
const busOf = (world: World, slot: SlotState): BusName => (slot.under === 'root' ? 'root' : world.nestedBus)
const mountedSlots = (world: World) => world.slots.filter((slot) => slot.mounted)

/**
 * The tree the world describes. With `suspend`, every useEvent slot renders a handler of version
 * UNCOMMITTED_VERSION and a component after them all suspends: the render of a transition that
 * never commits, whose handlers useEvent must never call.
 */
function tree(
  world: World,
  buses: Record<BusName, EventBus<LifecycleEvents>>,
  log: Call[],
  suspend = false,
): ReactElement {
  const slotsUnder = (provider: ProviderName) =>
    mountedSlots(world)
      .filter((slot) => slot.under === provider)
      .map((slot) =>
        slot.hook === 'useEvent' ? (
          <EventSlot
            key={instanceOf(slot)}
            id={slot.id}
            instance={instanceOf(slot)}
            type={slot.type}
            version={suspend ? UNCOMMITTED_VERSION : slot.version}
            log={log}
          />
        ) : (
          <StateSlot key={instanceOf(slot)} id={slot.id} type={slot.type} />
        ),
      )
  const Root = world.strict ? StrictMode : Fragment
  return (
    <Root>
      <EventBusProvider bus={buses.root}>
        {slotsUnder('root')}
        {world.nested && (
          <EventBusProvider bus={buses[world.nestedBus]}>{slotsUnder('nested')}</EventBusProvider>
        )}
        {suspend && <Suspender />}
      </EventBusProvider>
    </Root>
  )
}

type Counts = Record<'total' | EventName, number>

function expectedCounts(world: World): Record<BusName, Counts> {
  const counts = {} as Record<BusName, Counts>
  for (const bus of BUS_NAMES) {
    counts[bus] = { total: 1, alpha: 0, beta: 0, gamma: 0 }
    counts[bus][OWN_SUBSCRIPTION_TYPE] += 1
  }
  for (const slot of mountedSlots(world)) {
    const counted = counts[busOf(world, slot)]
    counted.total += 1
    counted[slot.type] += 1
  }
  return counts
}

function actualCounts(buses: Record<BusName, EventBus<LifecycleEvents>>): Record<BusName, Counts> {
  const counts = {} as Record<BusName, Counts>
  for (const name of BUS_NAMES) {
    const bus = buses[name]
    counts[name] = {
      total: bus.listenerCount(),
      alpha: bus.listenerCount('alpha'),
      beta: bus.listenerCount('beta'),
      gamma: bus.listenerCount('gamma'),
    }
  }
  return counts
}

/** What each rendered slot shows, by slot: its instance and version, or its useEventState value. */
function expectedTexts(world: World): Record<string, string> {
  const texts: Record<string, string> = {}
  for (const slot of mountedSlots(world)) {
    texts[`#${slot.id}`] =
      slot.hook === 'useEvent'
        ? `${instanceOf(slot)} v${slot.version}`
        : (world.latest[busOf(world, slot)][slot.type] ?? INITIAL)
  }
  return texts
}

function renderedTexts(container: HTMLElement): Record<string, string> {
  const texts: Record<string, string> = {}
  for (const output of container.querySelectorAll('output[data-slot]')) {
    texts[`#${output.getAttribute('data-slot')}`] = output.textContent ?? ''
  }
  return texts
}

const byInstance = (calls: Call[]) => [...calls].sort((a, b) => a.instance.localeCompare(b.instance))

/** Lets the microtasks queued by the last commit run (useEvent's passive-cleanup backstop). */
const flushMicrotasks = () => new Promise<void>((resolve) => queueMicrotask(resolve))

// ---- the property -------------------------------------------------------------------------------

async function runScenario({ strict, nested, slots, steps }: Scenario): Promise<void> {
  const buses: Record<BusName, EventBus<LifecycleEvents>> = {
    root: createEventBus<LifecycleEvents>(),
    nestedA: createEventBus<LifecycleEvents>(),
    nestedB: createEventBus<LifecycleEvents>(),
  }
  for (const name of BUS_NAMES) buses[name].on(OWN_SUBSCRIPTION_TYPE, () => {})
  const world: World = {
    strict,
    nested,
    nestedBus: 'nestedA',
    slots: slots.map((plan, id) => ({ ...plan, id, version: 0, generation: 0 })),
    latest: { root: {}, nestedA: {}, nestedB: {} },
  }
  const log: Call[] = []
  const expectCommitted = async (when: string) => {
    expect(log, `handler calls outside an emit, ${when}`).toEqual([])
    expect(actualCounts(buses), `listener counts ${when}`).toEqual(expectedCounts(world))
    expect(renderedTexts(view.container), `rendered slots ${when}`).toEqual(expectedTexts(world))
    await flushMicrotasks()
    expect(actualCounts(buses), `listener counts once microtasks ran, ${when}`).toEqual(
      expectedCounts(world),
    )
  }

  let view = render(tree(world, buses, log))
  try {
    await expectCommitted('after the first render')
    for (const [index, current] of steps.entries()) {
      const when = `after step ${index}, ${describeStep(current)}`
      if (current.kind === 'emit' || current.kind === 'emitDuringTransition') {
        if (current.kind === 'emitDuringTransition') {
          // A transition renders every useEvent slot with a new handler, then suspends for good:
          // nothing commits, so the emit must reach the handlers of the last commit. The step's
          // own re-render below supersedes the transition's tree, which thus never commits.
          await act(async () => startTransition(() => view.rerender(tree(world, buses, log, true))))
          await expectCommitted(`${when}, once the transition suspended (nothing committed)`)
        }
        const payload = `payload-${index}`
        act(() => buses[current.bus].emit(current.type, payload))
        world.latest[current.bus][current.type] = payload
        const { bus, type } = current
        const expected = mountedSlots(world)
          .filter((slot) => slot.hook === 'useEvent' && slot.type === type && busOf(world, slot) === bus)
          .map((slot): Call => ({ instance: instanceOf(slot), version: slot.version, type, payload }))
        expect(byInstance(log), `handler calls ${when}`).toEqual(byInstance(expected))
        log.length = 0
        await expectCommitted(`${when} (the emit's own commit)`)
      } else if (current.kind === 'toggleStrict') {
        world.strict = !world.strict
        for (const slot of world.slots) slot.generation += 1
        view.unmount()
        expect(actualCounts(buses), `listener counts after unmounting the tree, ${when}`).toEqual(
          expectedCounts({ ...world, slots: [] }),
        )
        view = render(tree(world, buses, log))
      } else if (current.kind === 'swapNestedBus') {
        world.nestedBus = world.nestedBus === 'nestedA' ? 'nestedB' : 'nestedA'
      } else {
        const slot = world.slots[current.slot]
        if (slot === undefined) throw new Error(`no slot #${current.slot}`)
        switch (current.kind) {
          case 'mount':
            if (!slot.mounted) slot.generation += 1
            slot.mounted = true
            break
          case 'unmount':
            slot.mounted = false
            break
          case 'setType':
            slot.type = current.type
            break
          case 'newHandler':
            slot.version += 1
            break
          case 'remount':
            slot.generation += 1
            break
          case 'switchHook':
            slot.hook = slot.hook === 'useEvent' ? 'useEventState' : 'useEvent'
            slot.generation += 1
            break
        }
      }
      act(() => view.rerender(tree(world, buses, log)))
      await expectCommitted(when)
    }
    cleanup()
    await flushMicrotasks()
    expect(actualCounts(buses), 'listener counts after unmounting everything').toEqual(
      expectedCounts({ ...world, slots: [] }),
    )
    const { error, warn } = consoleSpies()
    expect([...error.mock.calls, ...warn.mock.calls], 'console.error and console.warn calls').toEqual([])
  } finally {
    cleanup()
  }
}

describe('useEvent and useEventState through random mounts, updates, remounts and emits', () => {
  test(
    'every mounted useEvent runs once per emit with its latest handler, unmounted ones never, ' +
      'listenerCount() matches the mounted subscriptions after every commit, and useEventState ' +
      'shows the latest payload',
    async () => {
      await fc.assert(fc.asyncProperty(scenario, runScenario), { numRuns: 200 })
    },
    60_000,
  )
})
