import { fileURLToPath } from 'node:url'
import babel from '@rolldown/plugin-babel'
import react, { reactCompilerPreset } from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// REACT_COMPILER=on compiles the app with babel-plugin-react-compiler, as an app that uses the
// React Compiler would (the e2e suite plays the scenarios both ways).
const reactCompiler = process.env.REACT_COMPILER === 'on'
const sources = new RegExp(`^${fromHere('../src/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)

// The example imports busway by its public names, as an app would; they resolve to the sources
// (the root tsconfig's `paths` does the same for the type checker).
export default defineConfig({
  root: fromHere('.'),
  plugins: [
    react(),
    // busway's sources are left alone, as an app does not compile its node_modules.
    reactCompiler && babel({ presets: [reactCompilerPreset()], exclude: [/[\\/]node_modules[\\/]/, sources] }),
  ],
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
