import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The example imports busway by its public names, as an app would; they resolve to the sources
// (the root tsconfig's `paths` does the same for the type checker).
export default defineConfig({
  root: fromHere('.'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^busway\/core$/, replacement: fromHere('../src/core/index.ts') },
      { find: /^busway\/devtools$/, replacement: fromHere('../src/devtools/index.ts') },
      { find: /^busway\/bridge$/, replacement: fromHere('../src/bridge/index.ts') },
      { find: /^busway$/, replacement: fromHere('../src/index.ts') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true },
})
