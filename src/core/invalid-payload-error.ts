import type { StandardSchemaV1 } from './standard-schema'

function describeIssue({ message, path }: StandardSchemaV1.Issue): string {
  if (path === undefined || path.length === 0) return message
  const keys = path.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
  return `${keys.join('.')}: ${message}`
}

/**
 * Thrown by `emit` when the payload fails the event's schema (see `createEventBus({ schemas })`).
 * No handler has been called and `latest(type)` still holds the last valid payload. A
 * `TypeError`, so code that catches bad-argument errors catches it too.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { createEventBus, InvalidPayloadError } from 'busway/core'
 *
 * const bus = createEventBus({ schemas: { 'user:login': z.object({ userId: z.string() }) } })
 * try {
 *   bus.emit('user:login', JSON.parse('{"userId": 42}'))
 * } catch (error) {
 *   if (error instanceof InvalidPayloadError) console.warn(error.type, error.issues)
 * }
 * ```
 */
export class InvalidPayloadError extends TypeError {
  // `declare`d and assigned in the constructor: class fields would be lowered to helper calls
  // in the ES2020 build.
  /** The event whose payload was rejected. */
  declare readonly type: string
  /** What the schema reported, each with its message and the path into the payload. */
  declare readonly issues: ReadonlyArray<StandardSchemaV1.Issue>

  /**
   * @param type - the event name.
   * @param issues - the schema's issues; the message lists each one's path and message.
   */
  constructor(type: string, issues: ReadonlyArray<StandardSchemaV1.Issue>) {
    super(`busway: emit("${type}"): invalid payload: ${issues.map(describeIssue).join('; ')}`)
    this.name = 'InvalidPayloadError'
    this.type = type
    this.issues = issues
  }
}
