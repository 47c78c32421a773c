import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The end-to-end test of the example app: `vitest run --config tests/e2e/vitest.config.ts`.
// Kept apart from the unit test projects, as it builds the example and drives a real browser.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
