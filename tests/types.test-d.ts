import { createEventBus, type EventBus, type HandlerErrorContext, type WaitForOptions } from 'busway/core'
import { describe, expectTypeOf, test } from 'vitest'

// An interface, as most apps declare their event map.
interface AppEvents {
  'user:login': { userId: string }
  'data:update': { resourceId: string; data: unknown }
  'system:alert': { severity: 'info' | 'warning' | 'critical'; message: string }
  'app:ready': void
  'app:idle': undefined
}

const bus = createEventBus<AppEvents>()

describe('createEventBus<E>()', () => {
  test('returns an EventBus of the event map, for an interface and for a type alias', () => {
    expectTypeOf(bus).toEqualTypeOf<EventBus<AppEvents>>()

    type AliasEvents = { tick: number; stop: void }
    const aliasBus = createEventBus<AliasEvents>()
    expectTypeOf(aliasBus).toEqualTypeOf<EventBus<AliasEvents>>()
    aliasBus.emit('tick', 1)
    aliasBus.emit('stop')
  })

  test('ReturnType<typeof createEventBus<AppEvents>> names EventBus<AppEvents>, for an interface too', () => {
    type FromInterface = ReturnType<typeof createEventBus<AppEvents>>
    expectTypeOf<FromInterface>().toEqualTypeOf<EventBus<AppEvents>>()
    type FromAlias = ReturnType<typeof createEventBus<{ tick: number }>>
    expectTypeOf<FromAlias>().toEqualTypeOf<EventBus<{ tick: number }>>()
  })

  test('types onError with the event map', () => {
    createEventBus<AppEvents>({
      onError: (error, { type, payload }) => {
        expectTypeOf(error).toBeUnknown()
        expectTypeOf(type).toEqualTypeOf<keyof AppEvents>()
        expectTypeOf(payload).toEqualTypeOf<AppEvents[keyof AppEvents]>()
      },
      maxDepth: 10,
    })
    // @ts-expect-error maxDepth is a number
    createEventBus<AppEvents>({ maxDepth: '10' })
  })
})

describe('emit(type, payload)', () => {
  test('demands the payload of the event', () => {
    bus.emit('user:login', { userId: 'u-1' })
    bus.emit('system:alert', { severity: 'critical', message: 'disk full' })

    // @ts-expect-error the payload of 'user:login' is required
    bus.emit('user:login')
    // @ts-expect-error userId is a string
    bus.emit('user:login', { userId: 1 })
    // @ts-expect-error userId is missing
    bus.emit('user:login', {})
    // @ts-expect-error 'fatal' is not a severity
    bus.emit('system:alert', { severity: 'fatal', message: 'disk full' })
    // @ts-expect-error the payload is the one of 'user:login', not of 'data:update'
    bus.emit('data:update', { userId: 'u-1' })
  })

  test('takes no payload for void and undefined events, and allows an explicit undefined', () => {
    bus.emit('app:ready')
    bus.emit('app:ready', undefined)
    bus.emit('app:idle')
    bus.emit('app:idle', undefined)

    // @ts-expect-error a void event takes no payload
    bus.emit('app:ready', { now: 1 })
    // @ts-expect-error an undefined event takes no payload
    bus.emit('app:idle', 0)
  })

  test('returns void', () => {
    expectTypeOf(bus.emit('app:ready')).toBeVoid()
  })
})

describe('unknown event names', () => {
  test('are rejected by every method that takes a type', () => {
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.on('user:logout', () => {})
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.once('user:logout', () => {})
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.off('user:logout', () => {})
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.emit('user:logout', { userId: 'u-1' })
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.latest('user:logout')
    // @ts-expect-error 'user:logout' is not an event of AppEvents
    bus.listenerCount('user:logout')
  })
})

describe('on, once and off', () => {
  test('give the handler the payload of its event', () => {
    bus.on('user:login', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<{ userId: string }>()
    })
    bus.once('system:alert', ({ severity }) => {
      expectTypeOf(severity).toEqualTypeOf<'info' | 'warning' | 'critical'>()
    })
    bus.on('app:ready', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<void>()
    })
  })

  test('accept handlers that take fewer parameters', () => {
    bus.on('user:login', () => {})
    bus.once('data:update', () => {})
    bus.off('app:ready', () => {})
  })

  test('reject handlers of another payload', () => {
    // @ts-expect-error the payload of 'user:login' is not a number
    bus.on('user:login', (payload: number) => payload.toFixed())
    // @ts-expect-error the payload of 'user:login' is not a number
    bus.once('user:login', (payload: number) => payload.toFixed())
    // @ts-expect-error the payload of 'user:login' is not a number
    bus.off('user:login', (payload: number) => payload.toFixed())
  })

  test('return an unsubscribe function of type () => void', () => {
    expectTypeOf(bus.on('app:ready', () => {})).toEqualTypeOf<() => void>()
    expectTypeOf(bus.once('app:ready', () => {})).toEqualTypeOf<() => void>()
    expectTypeOf(bus.onAny(() => {})).toEqualTypeOf<() => void>()
    expectTypeOf(bus.off('app:ready', () => {})).toBeVoid()
  })

  test('accept a signal option, and nothing but an AbortSignal as signal', () => {
    const { signal } = new AbortController()
    bus.on('app:ready', () => {}, { signal })
    bus.once('app:ready', () => {}, { signal })
    bus.onAny(() => {}, { signal })

    // @ts-expect-error signal is an AbortSignal
    bus.on('app:ready', () => {}, { signal: true })
  })
})

describe('onAny(handler)', () => {
  test('narrows payload when type is checked', () => {
    bus.onAny((type, payload) => {
      expectTypeOf(type).toEqualTypeOf<keyof AppEvents>()
      // @ts-expect-error payload is a union until type is checked
      void payload.userId
      if (type === 'user:login') {
        expectTypeOf(payload).toEqualTypeOf<{ userId: string }>()
      }
      switch (type) {
        case 'system:alert':
          expectTypeOf(payload.severity).toEqualTypeOf<'info' | 'warning' | 'critical'>()
          break
        case 'app:ready':
          expectTypeOf(payload).toEqualTypeOf<void>()
          break
      }
    })
  })

  test('accepts handlers that take fewer parameters', () => {
    bus.onAny(() => {})
    bus.onAny((type) => {
      expectTypeOf(type).toEqualTypeOf<keyof AppEvents>()
    })
  })

  test('rejects handlers whose type parameter is narrower than the event names', () => {
    // @ts-expect-error onAny handlers receive every event type
    bus.onAny((type: 'user:login') => type)
  })
})

describe('latest(type)', () => {
  test('returns the payload of the event, or undefined', () => {
    expectTypeOf(bus.latest('user:login')).toEqualTypeOf<{ userId: string } | undefined>()
    expectTypeOf(bus.latest('app:idle')).toEqualTypeOf<undefined>()
  })
})

describe('listenerCount(type?)', () => {
  test('takes an optional event name and returns a number', () => {
    expectTypeOf(bus.listenerCount()).toBeNumber()
    expectTypeOf(bus.listenerCount('user:login')).toBeNumber()
  })
})

describe('onError', () => {
  test('a shared error handler written for any bus fits a typed bus', () => {
    const logError = (error: unknown, context: HandlerErrorContext) => void [error, context.type]
    createEventBus<AppEvents>({ onError: logError })
  })

  test('checking context.type narrows context.payload', () => {
    createEventBus<AppEvents>({
      onError: (_error, context) => {
        if (context.type === 'user:login') expectTypeOf(context.payload).toEqualTypeOf<{ userId: string }>()
      },
    })
  })
})

describe('async handlers (rule 7)', () => {
  test('an async handler, and one that returns any value, still compile', () => {
    const list: { userId: string }[] = []
    bus.on('user:login', async ({ userId }) => {
      await Promise.resolve(userId)
    })
    bus.on('user:login', (payload) => list.push(payload))
    bus.onAny(async (type) => {
      await Promise.resolve(type)
    })
  })
})

describe('waitFor(type, options?)', () => {
  test('resolves to the payload of its event', () => {
    expectTypeOf(bus.waitFor('user:login')).toEqualTypeOf<Promise<{ userId: string }>>()
    expectTypeOf(bus.waitFor('app:ready')).toEqualTypeOf<Promise<void>>()
  })

  test('types the filter by the payload, and takes signal and label', () => {
    bus.waitFor('user:login', {
      filter: (payload) => {
        expectTypeOf(payload).toEqualTypeOf<{ userId: string }>()
        return payload.userId === 'u-1'
      },
      signal: AbortSignal.timeout(10),
      label: 'test',
    })
    expectTypeOf<WaitForOptions<number>['filter']>().toEqualTypeOf<((payload: number) => boolean) | undefined>()
    // @ts-expect-error the filter gets the payload of its own event
    bus.waitFor('user:login', { filter: (payload: number) => payload > 0 })
    // @ts-expect-error an unknown event name
    bus.waitFor('user:logout')
  })
})
