import { act, render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { PayloadTree, preview } from '../../src/devtools/payload-tree'
import './support/dom'

test.each([
  ['a short string', 'hello', '"hello"'],
  ['a long string, cut at 60 characters', 'y'.repeat(61), `"${'y'.repeat(60)}…"`],
  ['a named function', function save() {}, 'ƒ save()'],
  ['an anonymous function', (() => () => {})(), 'ƒ anonymous()'],
  ['a bigint', 12n, '12n'],
  ['a symbol', Symbol('s'), 'Symbol(s)'],
  ['a number', 1.5, '1.5'],
  ['a boolean', false, 'false'],
  ['undefined', undefined, 'undefined'],
  ['null', null, 'null'],
  ['a date', new Date(Date.UTC(2026, 10, 30)), '2026-11-30T00:00:00.000Z'],
  ['an invalid date', new Date(Number.NaN), 'Invalid Date'],
  ['an error', new RangeError('too deep'), 'RangeError: too deep'],
  ['a map', new Map([[1, 2]]), 'Map(1)'],
  ['a set', new Set([1, 2, 3]), 'Set(3)'],
  ['an ArrayBuffer', new ArrayBuffer(16), 'ArrayBuffer(16)'],
  ['a typed array', new Uint8Array(3), 'Uint8Array(3)'],
  ['a DataView', new DataView(new ArrayBuffer(8)), 'DataView(8)'],
  ['a short array', [1, 'a', null], '[1, "a", null]'],
  ['an array of 5', [1, 2, 3, 4, 5], '[1, 2, 3, 4, 5]'],
  ['an array of 7', [1, 2, 3, 4, 5, 6, 7], '[1, 2, 3, 4, 5, …]'],
  ['nested values', [[1], { a: 1 }], '[Array(1), {…}]'],
  ['an object of 4 keys', { a: 1, b: 2, c: 3, d: 4 }, '{a: 1, b: 2, c: 3, d: 4}'],
  ['an object of 5 keys', { a: 1, b: 2, c: 3, d: 4, e: 5 }, '{a: 1, b: 2, c: 3, d: 4, …}'],
  ['an object with inherited keys', Object.assign(Object.create({ inherited: 1 }), { own: 2 }), '{own: 2}'],
])('preview of %s', (_, value, expected) => {
  expect(preview(value)).toBe(expected)
})

test('preview shows full strings when asked, and unreadable values as such', () => {
  expect(preview('z'.repeat(70), 0, Infinity)).toBe(`"${'z'.repeat(70)}"`)
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  expect(preview(proxy)).toBe('(unreadable)')
})

/** Renders a tree, opens its root node, and returns the text of each child line. */
function openTree(value: unknown): string[] {
  const { container } = render(<PayloadTree name="payload" value={value} />)
  const details = container.querySelector('details')!
  act(() => {
    details.open = true
    details.dispatchEvent(new Event('toggle'))
  })
  return [...container.querySelectorAll('.children > *')].map((node) => node.querySelector('summary')?.textContent ?? node.textContent!)
}

test('a leaf shows its key, its full value, and its kind as a class', () => {
  const { container } = render(<PayloadTree name="note" value={'w'.repeat(80)} />)
  expect(container.textContent).toBe(`note: "${'w'.repeat(80)}"`)
  expect(container.querySelector('.value')!.className).toBe('value string')
  const { container: empty } = render(<PayloadTree name="none" value={null} />)
  expect(empty.querySelector('.value')!.className).toBe('value null')
})

test('an object node lists its entries only once opened', () => {
  const { container } = render(<PayloadTree name="payload" value={{ a: 1 }} />)
  expect(container.querySelector('.children')).toBeNull()
  expect(openTree({ a: 1, b: 'two' })).toEqual(['a: 1', 'b: "two"'])
  expect(openTree({})).toEqual(['(empty)'])
})

test('maps, sets, errors and typed arrays list their entries', () => {
  expect(openTree(new Map<unknown, unknown>([['k', 1], [{ id: 1 }, 2]]))).toEqual(['"k": 1', '{…}: 2'])
  expect(openTree(new Set(['x', 'y']))).toEqual(['0: "x"', '1: "y"'])
  expect(openTree(new TypeError('bad'))).toEqual(['name: "TypeError"', 'message: "bad"'])
  expect(openTree(new Int16Array([7, 8]))).toEqual(['0: 7', '1: 8'])
})

test('a node lists at most 200 entries and says how many more there are', () => {
  const lines = openTree(Array.from({ length: 250 }, (_, index) => index))
  expect(lines).toHaveLength(201)
  expect(lines.at(-2)).toBe('199: 199')
  expect(lines.at(-1)).toBe('… 50 more')

  const big = Object.fromEntries(Array.from({ length: 230 }, (_, index) => [`k${index}`, index]))
  const objectLines = openTree(big)
  expect(objectLines).toHaveLength(201)
  expect(objectLines.at(-1)).toBe('… more')

  const bigSet = new Set(Array.from({ length: 205 }, (_, index) => index))
  expect(openTree(bigSet).at(-1)).toBe('… 5 more')
})

test('a node whose entries cannot be read says so', () => {
  const hostile = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('no keys')
      },
    },
  )
  expect(openTree(hostile)).toEqual(['(unreadable): Error: no keys'])
})
