import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

// The README's Next.js and Vite setups are copied from apps that the e2e suite builds and drives
// (examples/nextjs, and tests/e2e/vite-recipe for the Vite setup). Each of those code blocks
// starts with a `// path` line; its other lines must be the file's lines, in order (a block may
// leave lines out, never change or add one), so the README cannot drift from what is tested.

const fromRoot = (path: string) => new URL(`../${path}`, import.meta.url)
const readme = readFileSync(fromRoot('README.md'), 'utf8')

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`)
  if (start === -1) throw new Error(`the README has no "## ${title}" section`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
}

function blocks(text: string): { path: string; lines: string[] }[] {
  return [...text.matchAll(/```tsx?\n\/\/ (\S+)\n([\s\S]*?)```/g)].map(([, path, body]) => ({
    path: path!,
    lines: body!.replace(/\n$/, '').split('\n'),
  }))
}

/** The lines of `lines` that are not found, in order, in `file`. */
function missingLines(lines: string[], file: string[]): string[] {
  const missing: string[] = []
  let at = 0
  for (const line of lines) {
    const found = file.indexOf(line, at)
    if (found === -1) missing.push(line)
    else at = found + 1
  }
  return missing
}

describe.each([
  { title: 'Next.js (App Router)', app: 'examples/nextjs/', files: 6, exact: false },
  { title: 'Vite', app: 'tests/e2e/vite-recipe/', files: 3, exact: true },
])("the README's $title setup", ({ title, app, files, exact }) => {
  const found = blocks(section(title))

  test(`has ${files} files, each copied from ${app}`, () => {
    expect(found.map(({ path }) => path)).toHaveLength(files)
    for (const { path, lines } of found) {
      const file = readFileSync(fromRoot(app + path), 'utf8').replace(/\n$/, '').split('\n')
      if (exact) expect({ path, lines }).toEqual({ path, lines: file })
      else expect({ path, missing: missingLines(lines, file) }).toEqual({ path, missing: [] })
    }
  })
})
