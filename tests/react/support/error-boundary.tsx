import { Component, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** Called with each error the boundary catches. */
  onCatch?: ((error: unknown) => void) | undefined
  children?: ReactNode
}

interface ErrorBoundaryState {
  error: unknown
  caught: boolean
}

/** Renders `caught: <message>` in place of its children once one of them throws. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined, caught: false }

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, caught: true }
  }

  override componentDidCatch(error: unknown): void {
    this.props.onCatch?.(error)
  }

  override render(): ReactNode {
    if (!this.state.caught) return this.props.children
    const { error } = this.state
    return <p role="alert">caught: {error instanceof Error ? error.message : String(error)}</p>
  }
}
