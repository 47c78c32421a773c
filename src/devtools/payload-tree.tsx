import { useState } from 'react'

/** How many entries an opened node lists, and how many a one-line preview shows. */
const MAX_ENTRIES = 200
const PREVIEW_ENTRIES = 4
const PREVIEW_STRING = 60

function isExpandable(value: unknown): value is object {
  return value !== null && typeof value === 'object'
}

/** Indexed values (arrays, typed arrays) list by index, at most `limit` of them. */
function isIndexed(value: object): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))
}

/** Up to `limit` own enumerable keys, without listing all of a huge object's keys. */
function someKeys(value: object, limit: number): { keys: string[]; more: boolean } {
  const keys: string[] = []
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue
    if (keys.length === limit) return { keys, more: true }
    keys.push(key)
  }
  return { keys, more: false }
}

/** The first `limit` entries of a value, and how many it has in all (when cheap to know). */
function entriesOf(value: object, limit: number): { entries: [string, unknown][]; total: number | undefined } {
  if (isIndexed(value)) {
    const count = Math.min(value.length, limit)
    const entries: [string, unknown][] = []
    for (let index = 0; index < count; index++) entries.push([String(index), value[index]])
    return { entries, total: value.length }
  }
  if (value instanceof Map || value instanceof Set) {
    const entries: [string, unknown][] = []
    let index = 0
    for (const entry of value) {
      if (index === limit) break
      entries.push(value instanceof Map ? [preview(entry[0], 1), entry[1]] : [String(index), entry])
      index++
    }
    return { entries, total: value.size }
  }
  const { keys, more } = someKeys(value, limit)
  const entries: [string, unknown][] = keys.map((key) => [key, (value as Record<string, unknown>)[key]])
  if (value instanceof Error) entries.unshift(['name', value.name], ['message', value.message])
  return { entries, total: more ? undefined : entries.length }
}

/**
 * A one-line preview of a value, in the spirit of a browser console's: strings are cut at
 * `maxString` characters, nested objects shortened. A payload whose getters throw (or a revoked
 * proxy) shows as unreadable instead of breaking the panel.
 */
export function preview(value: unknown, depth = 0, maxString = PREVIEW_STRING): string {
  try {
    return previewOf(value, depth, maxString)
  } catch {
    return '(unreadable)'
  }
}

function previewOf(value: unknown, depth: number, maxString: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > maxString ? `${value.slice(0, maxString)}…` : value)
    case 'function':
      return `ƒ ${value.name || 'anonymous'}()`
    case 'bigint':
      return `${value}n`
    case 'symbol':
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value)
  }
  if (value === null) return 'null'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof Error) return `${String(value.name)}: ${String(value.message)}`
  if (value instanceof Map) return `Map(${value.size})`
  if (value instanceof Set) return `Set(${value.size})`
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`
  if (ArrayBuffer.isView(value)) {
    const length = value instanceof DataView ? value.byteLength : (value as unknown as ArrayLike<unknown>).length
    return `${value.constructor.name}(${length})`
  }
  if (Array.isArray(value)) {
    if (depth > 0) return `Array(${value.length})`
    const shown = value.slice(0, PREVIEW_ENTRIES + 1).map((item) => preview(item, depth + 1))
    return `[${shown.join(', ')}${value.length > PREVIEW_ENTRIES + 1 ? ', …' : ''}]`
  }
  if (depth > 0) return '{…}'
  const { keys, more } = someKeys(value as object, PREVIEW_ENTRIES)
  const shown = keys.map((key) => `${key}: ${preview((value as Record<string, unknown>)[key], depth + 1)}`)
  return `{${shown.join(', ')}${more ? ', …' : ''}}`
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value
}

function readEntries(value: object): { entries: [string, unknown][]; total: number | undefined } {
  try {
    return entriesOf(value, MAX_ENTRIES)
  } catch (error) {
    return { entries: [['(unreadable)', error]], total: 1 }
  }
}

/**
 * A payload as an expandable tree. Children render only once their node is opened, so a large
 * or circular payload costs nothing until explored; strings show in full.
 */
export function PayloadTree({ name, value, defaultOpen = false }: { name: string; value: unknown; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen)
  if (!isExpandable(value)) {
    return (
      <div className="leaf">
        <span className="key">{name}</span>:{' '}
        <span className={`value ${kindOf(value)}`}>{preview(value, 0, Infinity)}</span>
      </div>
    )
  }
  const { entries, total } = open ? readEntries(value) : { entries: [], total: 0 }
  return (
    <details open={defaultOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="key">{name}</span>: <span className="value object">{preview(value)}</span>
      </summary>
      {open && (
        <div className="children">
          {entries.map(([key, item], index) => (
            // Map keys are shown by preview, which two keys can share: the index is the key.
            <PayloadTree key={index} name={key} value={item} />
          ))}
          {(total === undefined || total > entries.length) && (
            <div className="more">… {total === undefined ? 'more' : `${total - entries.length} more`}</div>
          )}
          {entries.length === 0 && <div className="more">(empty)</div>}
        </div>
      )}
    </details>
  )
}
