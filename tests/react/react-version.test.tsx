import { render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'

// The React suite runs once per supported major (see vite.config.ts); this guards the setup.
test('the suite runs on the React major its project names, for react, react-dom and the test renderer', () => {
  const major = process.env.EXPECTED_REACT_MAJOR
  expect(major).toMatch(/^(18|19)$/)
  expect(version.split('.')[0]).toBe(major)
  expect(domVersion.split('.')[0]).toBe(major)
  expect(renderToString(<b>{version}</b>)).toBe(`<b>${version}</b>`)
  render(<p>{version}</p>)
  expect(screen.getByText(version).tagName).toBe('P')
})
