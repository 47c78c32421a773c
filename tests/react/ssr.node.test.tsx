// @vitest-environment node
import { describe, expect, test } from 'vitest'
import './support/console-guard'
import { serverRenderingTests } from './support/server-rendering'

describe('server rendering without a DOM (Node)', () => {
  test('runs where `window` does not exist', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  serverRenderingTests()
})
