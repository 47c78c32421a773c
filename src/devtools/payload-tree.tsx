import { useState } from 'react'

const MAX_ENTRIES = 200

function isExpandable(value: unknown): value is object {
  return value !== null && typeof value === 'object'
}

function entriesOf(value: object): [key: string, value: unknown][] {
  if (value instanceof Map) return [...value].map(([key, item]) => [preview(key, 1), item])
  if (value instanceof Set) return [...value].map((item, index) => [String(index), item])
  if (value instanceof Error) return [['name', value.name], ['message', value.message], ...Object.entries(value)]
  return Object.entries(value)
}

function readEntries(value: object): [key: string, value: unknown][] {
  try {
    return entriesOf(value)
  } catch (error) {
    return [['(unreadable)', error]]
  }
}

/**
 * A one-line preview of a value, in the spirit of a browser console's. A payload whose getters
 * throw (or a revoked proxy) shows as unreadable instead of breaking the panel.
 */
export function preview(value: unknown, depth = 0): string {
  try {
    return previewOf(value, depth)
  } catch {
    return '(unreadable)'
  }
}

function previewOf(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
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
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (value instanceof Map) return `Map(${value.size})`
  if (value instanceof Set) return `Set(${value.size})`
  if (Array.isArray(value)) {
    if (depth > 0) return `Array(${value.length})`
    const shown = value.slice(0, 5).map((item) => preview(item, depth + 1))
    return `[${shown.join(', ')}${value.length > 5 ? ', …' : ''}]`
  }
  if (depth > 0) return '{…}'
  const entries = Object.entries(value as object)
  const shown = entries.slice(0, 4).map(([key, item]) => `${key}: ${preview(item, depth + 1)}`)
  return `{${shown.join(', ')}${entries.length > 4 ? ', …' : ''}}`
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value
}

/**
 * A payload as an expandable tree. Children render only once their node is opened, so a large
 * or circular payload costs nothing until explored.
 */
export function PayloadTree({ name, value, defaultOpen = false }: { name: string; value: unknown; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen)
  if (!isExpandable(value)) {
    return (
      <div className="leaf">
        <span className="key">{name}</span>: <span className={`value ${kindOf(value)}`}>{preview(value)}</span>
      </div>
    )
  }
  const entries = open ? readEntries(value) : []
  return (
    <details open={defaultOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="key">{name}</span>: <span className="value object">{preview(value)}</span>
      </summary>
      {open && (
        <div className="children">
          {entries.slice(0, MAX_ENTRIES).map(([key, item], index) => (
            // Map keys are shown by preview, which two keys can share: the index is the key.
            <PayloadTree key={index} name={key} value={item} />
          ))}
          {entries.length > MAX_ENTRIES && <div className="more">… {entries.length - MAX_ENTRIES} more</div>}
          {entries.length === 0 && <div className="more">(empty)</div>}
        </div>
      )}
    </details>
  )
}
