import { fileURLToPath } from 'node:url'
import babel from '@rolldown/plugin-babel'
import { reactCompilerPreset } from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests import the package by its public names, mapped to the sources.
const packageAliases = {
  'busway/core': fromRoot('./src/core/index.ts'),
  'busway/devtools': fromRoot('./src/devtools/index.ts'),
  'busway/bridge': fromRoot('./src/bridge/index.ts'),
  busway: fromRoot('./src/index.ts'),
}

// React 18 lives in tests/react18/node_modules (an npm workspace), so the React suite can run
// a second time against it. @testing-library/react is inlined, from its ES module build, so
// its own imports of react and react-dom go through these aliases too.
const react18Aliases = [
  {
    find: /^@testing-library\/react$/,
    replacement: fromRoot('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
  },
  { find: /^react-dom(\/.*)?$/, replacement: fromRoot('./tests/react18/node_modules/react-dom$1') },
  { find: /^react(\/.*)?$/, replacement: fromRoot('./tests/react18/node_modules/react$1') },
]

const reactTests = ['tests/react/**/*.test.{ts,tsx}']

// The React Compiler lane (babel-plugin-react-compiler through Babel, as a Vite app sets it up):
// the tests' components are compiled, as an app compiles its own code; busway's sources are
// not, as an app does not compile its node_modules.
const sources = new RegExp(`^${fromRoot('./src/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
const reactCompiler = babel({
  presets: [reactCompilerPreset()],
  exclude: [/[\\/]node_modules[\\/]/, sources],
})

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: packageAliases },
        test: {
          name: 'core',
          environment: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/bridge/**/*.test.ts', 'tests/*.test.ts'],
          typecheck: { enabled: true, include: ['tests/**/*.test-d.{ts,tsx}'] },
        },
      },
      {
        resolve: { alias: packageAliases },
        test: {
          name: 'react19',
          environment: 'jsdom',
          env: { EXPECTED_REACT_MAJOR: '19' },
          include: reactTests,
        },
      },
      {
        plugins: [reactCompiler],
        resolve: { alias: packageAliases },
        test: {
          name: 'react19-compiler',
          environment: 'jsdom',
          env: { EXPECTED_REACT_MAJOR: '19', REACT_COMPILER: 'on' },
          include: reactTests,
        },
      },
      {
        test: {
          name: 'react18',
          env: { EXPECTED_REACT_MAJOR: '18' },
          exclude: ['**/*.react19.test.{ts,tsx}'],
          alias: [
            ...Object.entries(packageAliases).map(([find, replacement]) => ({ find, replacement })),
            ...react18Aliases,
          ],
          environment: 'jsdom',
          include: reactTests,
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
    ],
  },
})
