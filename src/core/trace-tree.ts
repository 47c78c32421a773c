// Internal: arranging traces by cause, for logEvents and the devtools panel.
import type { EmitTrace } from './types'

/** How the panel and the logger write a count: "1 handler", "2 handlers". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** A trace with the traces of the emits its handlers made, oldest first. */
export interface TraceNode {
  trace: EmitTrace
  children: TraceNode[]
}

/**
 * Arranges traces into trees by `parentId`: the roots newest first, children in the order they
 * were emitted. A trace whose parent is no longer kept becomes a root. Traces come in the order
 * their emits finished: siblings, and roots, finish in the order they started, so that order
 * is kept without sorting.
 */
export function buildTree(traces: readonly EmitTrace[]): TraceNode[] {
  const nodes = new Map<number, TraceNode>()
  for (const trace of traces) nodes.set(trace.id, { trace, children: [] })
  const roots: TraceNode[] = []
  for (const node of nodes.values()) {
    const parent = node.trace.parentId === undefined ? undefined : nodes.get(node.trace.parentId)
    if (parent === undefined) roots.push(node)
    else parent.children.push(node)
  }
  return roots.reverse()
}
