import { useId, type ReactNode } from 'react'

interface CardProps {
  title: string
  /** Spans the whole width of the layout. */
  wide?: boolean
  children: ReactNode
}

/** A titled section: a landmark region named by its heading. */
export function Card({ title, wide = false, children }: CardProps) {
  const headingId = useId()
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  )
}
