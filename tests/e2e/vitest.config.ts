import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The end-to-end tests of the example apps: `vitest run --config tests/e2e/vitest.config.ts`.
// Kept apart from the unit test projects, as they build the examples and drive a real browser.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One file at a time: builds and browsers on a small machine, and Next's build and dev
    // server both write examples/nextjs/.next.
    fileParallelism: false,
  },
})
