import { createEventBus, InvalidPayloadError, type StandardSchemaV1 } from 'busway/core'
import * as v from 'valibot'
import { describe, expect, test, vi } from 'vitest'
import { z } from 'zod'

/** The same event's schema in two real validator libraries. */
const libraries = {
  zod: {
    login: z.object({ userId: z.string().min(1), roles: z.array(z.string()).default([]) }),
    seenAt: z.string().transform((text) => new Date(text)),
  },
  valibot: {
    login: v.object({
      userId: v.pipe(v.string(), v.minLength(1)),
      roles: v.optional(v.array(v.string()), []),
    }),
    seenAt: v.pipe(
      v.string(),
      v.transform((text) => new Date(text)),
    ),
  },
}

describe.each(Object.entries(libraries))('createEventBus({ schemas }) with %s', (_library, schemas) => {
  function makeBus() {
    const onError = vi.fn()
    const bus = createEventBus({ schemas: { 'user:login': schemas.login, 'user:seen': schemas.seenAt }, onError })
    return { bus, onError }
  }

  test('hands handlers and latest the schema’s output', () => {
    const { bus } = makeBus()
    const received: unknown[] = []
    bus.on('user:login', (payload) => received.push(payload))
    bus.emit('user:login', { userId: 'u-1' } as never)
    expect(received).toEqual([{ userId: 'u-1', roles: [] }])
    expect(bus.latest('user:login')).toEqual({ userId: 'u-1', roles: [] })
  })

  test('applies transforms before handlers run', () => {
    const { bus } = makeBus()
    const received: unknown[] = []
    bus.on('user:seen', (when) => received.push(when))
    bus.emit('user:seen', '2026-01-02T03:04:05Z' as never)
    expect(received).toHaveLength(1)
    expect(received[0]).toBeInstanceOf(Date)
    expect((received[0] as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z')
  })

  test('throws an InvalidPayloadError naming the event, each issue’s path and message; no handler runs', () => {
    const { bus } = makeBus()
    const handler = vi.fn()
    const anyHandler = vi.fn()
    bus.on('user:login', handler)
    bus.onAny(anyHandler)
    const bad = { userId: 42, roles: ['admin', 7] }

    let thrown: unknown
    try {
      bus.emit('user:login', bad as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InvalidPayloadError)
    expect(thrown).toBeInstanceOf(TypeError)
    const error = thrown as InvalidPayloadError
    expect(error.name).toBe('InvalidPayloadError')
    expect(error.type).toBe('user:login')
    expect(error.issues.length).toBeGreaterThanOrEqual(2)
    expect(error.message).toMatch(/^busway: emit\("user:login"\): invalid payload: /)
    expect(error.message).toMatch(/userId: /)
    expect(error.message).toMatch(/roles\.1: /)
    expect(handler).not.toHaveBeenCalled()
    expect(anyHandler).not.toHaveBeenCalled()
  })

  test('latest keeps the last valid payload after an invalid one', () => {
    const { bus } = makeBus()
    bus.emit('user:login', { userId: 'u-1' } as never)
    expect(() => bus.emit('user:login', { userId: '' } as never)).toThrow(InvalidPayloadError)
    expect(bus.latest('user:login')).toEqual({ userId: 'u-1', roles: [] })
  })

  test('an invalid payload emitted from a handler is that handler’s error, reported to onError', () => {
    const { bus, onError } = makeBus()
    const later = vi.fn()
    bus.on('user:seen', () => bus.emit('user:login', { userId: 1 } as never))
    bus.on('user:seen', later)
    bus.emit('user:seen', '2026-01-02T03:04:05Z' as never)
    expect(later).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(InvalidPayloadError)
  })
})

describe('createEventBus({ schemas }): events and schemas outside the rules', () => {
  interface AppEvents {
    'user:login': { userId: string }
    'app:ready': void
    ping: string
  }

  test('events without a schema pass through unchecked', () => {
    const bus = createEventBus<AppEvents>({ schemas: { 'user:login': z.object({ userId: z.string() }) } })
    const received: unknown[] = []
    bus.on('ping', (payload) => received.push(payload))
    bus.emit('ping', 42 as never) // no schema: not checked, as the types would have
    bus.emit('app:ready')
    expect(received).toEqual([42])
  })

  test('event names that are Object.prototype keys have no schema unless given one', () => {
    const bus = createEventBus<Record<string, unknown>>({ schemas: { ping: z.string() } })
    const received: unknown[] = []
    bus.on('toString', (payload) => received.push(payload))
    bus.emit('toString', 1)
    expect(received).toEqual([1])
  })

  test('a schema that validates asynchronously makes emit throw a TypeError naming the event; no handler runs', () => {
    const asyncLogin = z.object({ userId: z.string() }).refine(async () => true)
    const bus = createEventBus({ schemas: { 'user:login': asyncLogin } })
    const handler = vi.fn()
    bus.on('user:login', handler)
    expect(() => bus.emit('user:login', { userId: 'u-1' })).toThrow(TypeError)
    expect(() => bus.emit('user:login', { userId: 'u-1' })).toThrow(/emit\("user:login"\).*async/)
    expect(handler).not.toHaveBeenCalled()
    expect(bus.latest('user:login')).toBeUndefined()
  })

  test.each([null, 'schemas', 1])('options.schemas that is not an object (%o) is a TypeError naming it', (schemas) => {
    expect(() => createEventBus({ schemas: schemas as never })).toThrow(TypeError)
    expect(() => createEventBus({ schemas: schemas as never })).toThrow(/createEventBus\(\): options\.schemas must be an object/)
  })

  test.each([null, {}, { '~standard': {} }, () => {}])(
    'a schema that is not a Standard Schema (%o) is a TypeError naming the event',
    (schema) => {
      expect(() => createEventBus({ schemas: { ping: schema as unknown as StandardSchemaV1 } })).toThrow(
        /createEventBus\(\): options\.schemas\["ping"\] must be a Standard Schema/,
      )
    },
  )

  test('issues without a path are listed by message alone, several joined by semicolons', () => {
    const count: StandardSchemaV1<number> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) =>
          typeof value === 'number'
            ? { value }
            : { issues: [{ message: 'not a count' }, { message: 'too wordy', path: [] }] },
      },
    }
    const bus = createEventBus({ schemas: { count } })
    expect(() => bus.emit('count', 'one' as never)).toThrow(
      /^busway: emit\("count"\): invalid payload: not a count; too wordy$/,
    )
  })
})

describe('rule 10: schemas that throw or validate asynchronously', () => {
  /** Lets every settled promise run its reactions. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

  test('a schema that throws makes emit throw that error: no handler runs, latest unchanged', () => {
    const failure = new Error('schema broke')
    const throwing: StandardSchemaV1<number> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          throw failure
        },
      },
    }
    const bus = createEventBus({ schemas: { count: throwing } })
    const handler = vi.fn()
    bus.on('count', handler)

    expect(() => bus.emit('count', 1)).toThrow(failure)
    expect(handler).not.toHaveBeenCalled()
    expect(bus.latest('count')).toBeUndefined()
  })

  test('a zod transform that throws (zod retries it asynchronously) makes emit throw a TypeError, and its real error reaches onError, never an unhandled rejection that ends Node', async () => {
    const onError = vi.fn()
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const bus = createEventBus({
      schemas: { msg: z.string().transform((text) => JSON.parse(text) as unknown) },
      onError,
    })
    const handler = vi.fn()
    bus.on('msg', handler)

    expect(() => bus.emit('msg', 'not json')).toThrow(
      new TypeError('busway: emit("msg"): its schema is asynchronous; emit is synchronous'),
    )
    await settle()
    process.off('unhandledRejection', unhandled)

    expect(handler).not.toHaveBeenCalled()
    expect(bus.latest('msg')).toBeUndefined()
    expect(unhandled).not.toHaveBeenCalled()
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(SyntaxError)
    expect(onError.mock.calls[0]![1]).toEqual({ type: 'msg', payload: 'not json' })
  })

  test('a truly asynchronous schema that rejects: its rejection is reported through reportError without onError', async () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const failure = new Error('lookup failed')
    const remote: StandardSchemaV1<number> = {
      '~standard': { version: 1, vendor: 'test', validate: () => Promise.reject(failure) },
    }
    const bus = createEventBus({ schemas: { count: remote } })

    expect(() => bus.emit('count', 1)).toThrow(/emit\("count"\): its schema is asynchronous/)
    await settle()
    vi.unstubAllGlobals()

    expect(reportError.mock.calls).toEqual([[failure]])
  })

  test('valibot validates synchronously, so emit throws its InvalidPayloadError', () => {
    const bus = createEventBus({ schemas: { count: v.number() } })
    expect(() => bus.emit('count', 'one' as never)).toThrow(InvalidPayloadError)
  })
})
