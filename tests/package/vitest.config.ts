// Runs the SPEC-only test (consumer/spec) against the installed tarball: the root is the temp
// consumer made by run.mjs, and there are no aliases, so `busway` and `busway/core` resolve to
// <consumer>/node_modules/busway, while react, react-dom and @testing-library/react resolve
// from the repository's node_modules by walking up. Not for use on its own: run
// `npm run test:package`.
import { defineConfig } from 'vitest/config'

const root = process.env.BUSWAY_PACKAGE_CONSUMER
if (!root) {
  throw new Error('tests/package/vitest.config.ts is run by tests/package/run.mjs (npm run test:package)')
}

export default defineConfig({
  root,
  test: {
    name: 'package',
    environment: 'jsdom',
    include: ['spec/**/*.test.tsx'],
  },
})
