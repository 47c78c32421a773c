import { describe, expect, test } from 'vitest'

// `npm test` runs the React tests a second time with babel-plugin-react-compiler on (the
// react19-compiler project of vite.config.ts); this checks that the lane compiles what it claims.

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>
}

const compiled = process.env.REACT_COMPILER === 'on'

describe('React rule 11: React Compiler', () => {
  test(`the test components are ${compiled ? '' : 'not '}compiled in this lane`, () => {
    // The compiler memoizes through a cache array, `$`, read as $[0], $[1]…
    expect(/\$\[0\]/.test(Greeting.toString())).toBe(compiled)
  })
})
