import { inspect } from './inspect'
import { requireInternals } from './internals'
import { buildTree, plural, type TraceNode } from './trace-tree'
import { badInput } from './report'
import type { EmitTrace, EventBus, EventType } from './types'

/**
 * Options of `logEvents`.
 *
 * @example
 * ```ts
 * import type { LogEventsOptions } from 'busway/core'
 *
 * interface AppEvents { 'user:login': { userId: string }; tick: number }
 * const options: LogEventsOptions<AppEvents> = { filter: (trace) => trace.type !== 'tick' }
 * ```
 */
export interface LogEventsOptions<E = Record<string, unknown>> {
  /**
   * Which events to print: a list of event types, or a predicate called with each trace.
   * An event left out still has its nested events printed, one level up. Default: all.
   */
  filter?: readonly EventType<E>[] | ((trace: EmitTrace<E>) => boolean) | undefined
  /** Where to print. Default: the global `console`. */
  console?: Pick<Console, 'groupCollapsed' | 'groupEnd' | 'log' | 'error'> | undefined
}


/**
 * Shows a string that may come from outside (an event type, a label) on one line: control and
 * line-separator characters are escaped, so a newline in an event type cannot forge a log line.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => JSON.stringify(character).slice(1, -1))
}

/** The one-line summary of a trace: `#2 user:login  3 handlers (Header, Toasts, 1 unlabelled) · 0.05 ms`. */
function summary({ id, type, handlers, labels, errors, duration }: EmitTrace): string {
  const unlabelled = handlers - labels.length
  const names = unlabelled > 0 && labels.length > 0 ? [...labels, `${unlabelled} unlabelled`] : labels
  const who = names.length > 0 ? ` (${names.map(oneLine).join(', ')})` : ''
  const failed = errors.length > 0 ? ` · ${plural(errors.length, 'error')}` : ''
  return `#${id} ${oneLine(type)}  ${plural(handlers, 'handler')}${who} · ${duration.toFixed(2)} ms${failed}`
}

/**
 * Prints every event of a bus to the console as it happens, for debugging: one collapsed group
 * per event (`console.groupCollapsed`) titled with its id, type, handler count and labels,
 * dispatch time and error count, holding its payload, its handler errors, and the groups of the
 * events its handlers emitted: the nesting follows the causal chain. An event is printed when
 * the outermost emit of its chain has finished, so a whole chain prints together. Built on
 * {@link inspect}.
 *
 * @param bus - a bus made by `createEventBus`.
 * @param options - `filter` picks the events to print (a list of types or a predicate);
 *   `console` replaces the global console.
 * @returns a function that stops logging; events of a chain still in progress are printed then.
 * @throws {TypeError} when `bus` was not made by `createEventBus`, `options` is not an object,
 *   `options.filter` is neither an array nor a function, or `options.console` lacks one of
 *   `groupCollapsed`, `groupEnd`, `log` and `error`.
 *
 * @example
 * ```ts
 * import { createEventBus, logEvents } from 'busway/core'
 *
 * const bus = createEventBus<{ 'user:login': { userId: string }; tick: number }>()
 * const stop = logEvents(bus, { filter: ['user:login'] })
 * bus.emit('user:login', { userId: 'u-1' })
 * // ▸ #1 user:login  0 handlers · 0.01 ms
 * stop()
 * ```
 */
export function logEvents<E>(bus: EventBus<E>, options: LogEventsOptions<E> = {}): () => void {
  requireInternals('logEvents', 'bus', bus)
  if (options === null || typeof options !== 'object') {
    throw badInput('logEvents', 'options', 'an object', options)
  }
  const { filter, console: output = console } = options
  let shows: (trace: EmitTrace) => boolean
  if (filter === undefined) shows = () => true
  else if (Array.isArray(filter)) shows = (trace) => filter.includes(trace.type as EventType<E>)
  else if (typeof filter === 'function') shows = filter as (trace: EmitTrace) => boolean
  else throw badInput('logEvents', 'options.filter', 'an array of event types or a function', filter)
  for (const method of ['groupCollapsed', 'groupEnd', 'log', 'error'] as const) {
    if (typeof output?.[method] !== 'function') {
      throw badInput('logEvents', 'options.console', `a console (with ${method})`, output)
    }
  }

  function print({ trace, children }: TraceNode): void {
    if (!shows(trace)) return children.forEach(print)
    const failed = trace.errors.length > 0
    // Text that may come from outside (types, labels) goes in as a `%s` argument, never into
    // the format string: a `%` in it must not take the place of the next argument.
    output.groupCollapsed('%c%s', failed ? 'color: #d32f2f' : '', summary(trace))
    // Closed even when a filter throws on a nested event: an open group would swallow the
    // app's later logs.
    try {
      output.log('payload:', trace.payload)
      for (const { error, label } of trace.errors) {
        output.error('%s threw:', label === undefined ? 'a handler' : `"${oneLine(label)}"`, error)
      }
      children.forEach(print)
    } finally {
      output.groupEnd()
    }
  }

  // Nested emits finish before their parent: they wait here until the outermost emit of their
  // chain has finished, then print as its tree.
  let waiting: EmitTrace[] = []
  function printWaiting(): void {
    const roots = buildTree(waiting).reverse()
    waiting = []
    roots.forEach(print)
  }
  const detach = inspect(bus, (trace) => {
    waiting.push(trace)
    if (trace.parentId === undefined) printWaiting()
  })
  return () => {
    detach()
    printWaiting()
  }
}
