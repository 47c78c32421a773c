import { describe, expect, test } from 'vitest'
import './support/console-guard'
import { serverRenderingTests } from './support/server-rendering'

describe('server rendering where a DOM exists (jsdom)', () => {
  test('runs where `window` exists', () => {
    expect(typeof window).toBe('object')
    expect(typeof document).toBe('object')
  })

  serverRenderingTests()
})
