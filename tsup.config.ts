import fs from 'node:fs'
import path from 'node:path'
import type { Plugin as EsbuildPlugin } from 'esbuild'
import { defineConfig } from 'tsup'

// 'use client' goes on exactly the output files that hold a source module starting with it
// (the ready-made provider's module, the devtools entry), so a React Server Component can
// render those, while the core and the server entry stay plain server code. esbuild keeps an
// entry's directive but drops those of the modules it bundles into chunks, so the files are
// found in the build's metafile.
const clientFiles = new Set<string>()
const isClientModule = (file: string) => /^\s*(['"])use client\1/.test(fs.readFileSync(file, 'utf8'))

const findClientFiles: EsbuildPlugin = {
  name: 'find-use-client-outputs',
  setup(build) {
    build.onEnd((result) => {
      for (const [output, { inputs, entryPoint }] of Object.entries(result.metafile?.outputs ?? {})) {
        // An entry whose code went into a shared chunk still re-exports a client module.
        const sources = [...Object.keys(inputs), ...(entryPoint ? [entryPoint] : [])].filter((input) =>
          input.startsWith('src/'),
        )
        const client = sources.filter(isClientModule)
        if (client.length === 0) continue
        const server = sources.filter((input) => input.startsWith('src/core/') || input.startsWith('src/index'))
        if (server.length > 0) {
          throw new Error(`${output} mixes 'use client' modules (${client}) with server code (${server})`)
        }
        clientFiles.add(path.resolve(output))
      }
    })
  },
}

// The server entry imports the ready-made provider's module as a file of its own (an entry,
// kept external here), so that it loads nothing else of the client code: a React Server
// Components bundler stops at that file's 'use client' and makes the provider a client reference.
const readyMadeAsFile: EsbuildPlugin = {
  name: 'ready-made-as-file',
  setup(build) {
    const extension = build.initialOptions.outExtension?.['.js'] ?? '.js'
    build.onResolve({ filter: /\/react\/ready-made$/ }, (args) =>
      /[\\/]src[\\/]index\.react-server\.ts$/.test(args.importer)
        ? { path: `./ready-made${extension}`, external: true }
        : undefined,
    )
  },
}

/**
 * Puts 'use client' first in each client output file that does not already start with it, and
 * drops the bare `import "./chunk-….js"` lines esbuild adds to keep chunks' evaluation order:
 * the chunks only define things, and with `sideEffects: false` bundlers ignore such imports,
 * esbuild with a warning to the app's developer.
 */
function finishOutputs(): void {
  for (const file of clientFiles) {
    const code = fs.readFileSync(file, 'utf8')
    if (!/^\s*(['"])use client\1/.test(code)) fs.writeFileSync(file, `'use client';\n${code}`)
  }
  for (const name of fs.readdirSync('dist').filter((file) => file.endsWith('.js'))) {
    const file = path.join('dist', name)
    const code = fs.readFileSync(file, 'utf8')
    const kept = code.replace(/^import "\.\/chunk-[\w-]+\.js";\n/gm, '')
    if (kept !== code) fs.writeFileSync(file, kept)
  }
}

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // `busway` under the react-server condition (package.json exports).
    'index.react-server': 'src/index.react-server.ts',
    'ready-made': 'src/react/ready-made.ts',
    core: 'src/core/index.ts',
    devtools: 'src/devtools/index.ts',
    // The panel itself, an entry of its own so that it lands in a file of its own, which the
    // devtools entry imports and production bundles drop.
    'devtools-panel': 'src/devtools/event-bus-devtools.tsx',
    bridge: 'src/bridge/index.ts',
  },
  format: ['esm', 'cjs'],
  // Shared code in shared chunks, for CJS too: one copy of the core and of the React contexts
  // whichever entries an app loads.
  splitting: true,
  dts: {
    entry: { index: 'src/index.ts', core: 'src/core/index.ts', devtools: 'src/devtools/index.ts', bridge: 'src/bridge/index.ts' },
  },
  clean: true,
  target: 'es2020',
  external: ['react', 'react-dom'],
  esbuildPlugins: [readyMadeAsFile, findClientFiles],
  // After every format is written: tsup's CommonJS conversion of split chunks runs after
  // plugins' renderChunk and would drop a directive added there.
  onSuccess: async () => finishOutputs(),
})
