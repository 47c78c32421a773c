import { readFile, writeFile } from 'node:fs/promises'
import { defineConfig, type Options } from 'tsup'

// The React entries must start with 'use client' so a React Server Component can import the
// provider. esbuild drops module directives while bundling, so it is added back to those entries'
// output files only: the core (and the chunks it shares with the React entry) stays usable on
// the server.
const clientEntries = /[\\/](index|devtools)\.c?js$/

// ES modules get it as each chunk is rendered. The CommonJS files are rewritten from ES modules
// after the plugins ran (tsup's CJS code splitting), which would move it below "use strict" and
// out of the directive prologue, so they get it once the build has succeeded.
const useClient: NonNullable<Options['plugins']>[number] = {
  name: 'use-client-directive',
  renderChunk(code, chunk) {
    if (this.format !== 'esm' || !clientEntries.test(chunk.path)) return undefined
    return { code: `'use client';\n${code}` }
  },
}

async function addUseClientToCommonJs(): Promise<void> {
  for (const file of ['dist/index.cjs', 'dist/devtools.cjs']) {
    await writeFile(file, `'use client';\n${await readFile(file, 'utf8')}`)
  }
}

export default defineConfig({
  entry: { index: 'src/index.ts', core: 'src/core/index.ts', devtools: 'src/devtools/index.ts' },
  format: ['esm', 'cjs'],
  // Shared chunks for CommonJS too (esbuild splits ES modules only; tsup adds it for CommonJS),
  // so that `busway` and `busway/core` share one copy of the core in both formats: the same
  // createEventBus, the same InvalidPayloadError class (rule 11 of the contract).
  splitting: true,
  dts: true,
  clean: true,
  target: 'es2020',
  external: ['react', 'react-dom'],
  plugins: [useClient],
  onSuccess: addUseClientToCommonJs,
})
