import { defineConfig, type Options } from 'tsup'

// The React entries must start with 'use client' so a React Server Component can import the
// provider. esbuild drops module directives while bundling, so it is added back to those entries'
// output files only: the core (and the chunk it shares with the React entry) stays usable on
// the server.
const useClient: NonNullable<Options['plugins']>[number] = {
  name: 'use-client-directive',
  renderChunk(code, chunk) {
    if (!/[\\/](index|devtools)\.c?js$/.test(chunk.path)) return undefined
    return { code: `'use client';\n${code}` }
  },
}

export default defineConfig({
  entry: { index: 'src/index.ts', core: 'src/core/index.ts', devtools: 'src/devtools/index.ts' },
  format: ['esm', 'cjs'],
  // Shared chunks for CommonJS too (esbuild splits ESM only; tsup adds it for CJS), so that
  // `busway` and `busway/core` share one copy of the core in both formats: the same
  // createEventBus, the same InvalidPayloadError class (rule 11 of the contract).
  splitting: true,
  dts: true,
  clean: true,
  target: 'es2020',
  external: ['react', 'react-dom'],
  plugins: [useClient],
})
