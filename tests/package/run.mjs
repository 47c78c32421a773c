#!/usr/bin/env node
// Package checks for busway (`npm run test:package`): builds and packs the package, lints the
// tarball (publint, attw), checks the built files, then installs the tarball, without network,
// into a throwaway consumer app under .tmp/ and type-checks, runs and tests it there.
//
// The consumer lives inside the repository on purpose: only `busway` is installed into its
// node_modules, and everything else (react, react-dom, vitest, typescript, ...) resolves from
// the repository's node_modules by walking up. Its sources are tests/package/consumer/.
//
// Set KEEP_PACKAGE_TMP=1 to keep the temp dir for debugging.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const esbuild = createRequire(import.meta.url)('esbuild')
const repo = path.resolve(here, '..', '..')
const rel = (file) => path.relative(repo, file) || '.'
const keepTmp = process.env.KEEP_PACKAGE_TMP === '1'

fs.mkdirSync(path.join(repo, '.tmp'), { recursive: true })
const tmp = fs.mkdtempSync(path.join(repo, '.tmp', 'package-check-'))
const packDir = path.join(tmp, 'pack')
const consumer = path.join(tmp, 'consumer')
const installed = path.join(consumer, 'node_modules', 'busway')

class CheckError extends Error {}

// Ctrl-C also stops the running tool; note it, stop, and still clean up below.
let interrupted = false
process.on('SIGINT', () => {
  interrupted = true
})
process.on('SIGTERM', () => {
  interrupted = true
})

/** Runs a command with inherited output; throws if it fails. */
function run(command, args, { cwd = repo, env = {}, capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
  if (result.error) throw result.error
  if (result.status !== 0) {
    throw new CheckError(`\`${[command, ...args].join(' ')}\` exited with ${result.status ?? result.signal}`)
  }
  return result.stdout
}
/** A tool from the repository's node_modules/.bin; `--no` makes npx fail rather than download. */
const npx = (tool, args, options) => run('npx', ['--no', '--', tool, ...args], options)

const results = []
/** Runs one named step; a failure is recorded, and stops the run when later steps need it. */
function step(name, fn, { fatal = false } = {}) {
  if (interrupted) throw new CheckError('interrupted')
  console.log(`\n━━ ${name}`)
  try {
    fn()
    results.push([name, true])
    console.log(`✔ ${name}`)
  } catch (error) {
    results.push([name, false])
    console.error(`✖ ${name} FAILED: ${error instanceof CheckError ? error.message : (error?.stack ?? error)}`)
    if (fatal || interrupted) throw new CheckError(`step "${name}" failed; later steps need it`)
  }
}

// ── built files ───────────────────────────────────────────────────────────────────────────

/** The directive prologue of a script or module: its leading string-literal statements. */
function directives(code) {
  const found = []
  let rest = code.startsWith('#!') ? code.slice(code.indexOf('\n') + 1) : code
  for (;;) {
    rest = rest.replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, '')
    const match = /^(['"])([^'"\\\n]*)\1[ \t]*(?:;|\r?\n|$)/.exec(rest)
    if (!match) return found
    found.push(match[2])
    rest = rest.slice(match[0].length)
  }
}

/** Module specifiers a built JS or declaration file imports, requires or re-exports. */
function specifiers(code) {
  const pattern =
    /\bfrom\s*(['"])([^'"]+)\1|\bimport\s*(['"])([^'"]+)\3|\bimport\s*\(\s*(['"])([^'"]+)\5\s*\)|\brequire\s*\(\s*(['"])([^'"]+)\7\s*\)|\/\/\/\s*<reference\s+types\s*=\s*(['"])([^'"]+)\9/g
  return [...code.matchAll(pattern)].map((m) => m[2] ?? m[4] ?? m[6] ?? m[8] ?? m[10])
}

/**
 * The files an entry loads (itself included) and the bare specifiers they import, transitively;
 * a file for which `stop(file)` is true is listed but not followed (the entry always is).
 */
function moduleGraph(entry, stop = () => false) {
  const files = new Set()
  const bare = new Map() // specifier -> importing file
  const visit = (file) => {
    if (files.has(file)) return
    if (!fs.existsSync(file)) throw new CheckError(`${rel(file)} is imported but missing`)
    files.add(file)
    if (file !== entry && stop(file)) return
    for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        let target = path.resolve(path.dirname(file), specifier)
        // declaration files import './x.js' for './x.d.ts'
        if (/\.d\.c?ts$/.test(file) && !fs.existsSync(target)) target = target.replace(/\.(c?)js$/, '.d.$1ts')
        visit(target)
      } else {
        bare.set(specifier, file)
      }
    }
  }
  visit(entry)
  return { files, bare }
}

const isReact = (specifier) => /^react(-dom)?(\/|$)/.test(specifier)

const startsWithUseClient = (file) => directives(fs.readFileSync(file, 'utf8'))[0] === 'use client'

function checkBuiltFiles() {
  const dist = path.join(installed, 'dist')
  const problems = []
  const scripts = fs.readdirSync(dist).filter((file) => /\.(c|m)?js$/.test(file))
  // The modules a Server Component renders from are client components; the entries it calls
  // core functions from are not.
  for (const file of scripts) {
    const client = startsWithUseClient(path.join(dist, file))
    if (/^(ready-made|devtools)\.c?js$/.test(file) && !client) {
      problems.push(`dist/${file} must start with the 'use client' directive`)
    }
    if (/^(index|index\.react-server|core|devtools-panel)\.c?js$/.test(file) && client) {
      problems.push(`dist/${file} must not start with 'use client'`)
    }
    if (!client && directives(fs.readFileSync(path.join(dist, file), 'utf8')).includes('use client')) {
      problems.push(`dist/${file} has a 'use client' directive after another statement, where it is ignored`)
    }
  }
  for (const file of ['index.js', 'index.cjs', 'index.react-server.js', 'index.react-server.cjs', 'ready-made.js',
    'ready-made.cjs', 'devtools.js', 'devtools.cjs']) {
    if (!scripts.includes(file)) problems.push(`dist/${file} is missing`)
  }
  for (const entry of ['core.js', 'core.cjs', 'core.d.ts', 'core.d.cts', 'bridge.js', 'bridge.cjs', 'bridge.d.ts', 'bridge.d.cts']) {
    const { files, bare } = moduleGraph(path.join(dist, entry))
    for (const [specifier, from] of bare) {
      if (isReact(specifier)) problems.push(`dist/${entry} loads '${specifier}' (from ${path.relative(installed, from)})`)
      else if (!entry.includes('.d.')) problems.push(`dist/${entry} has a runtime dependency: '${specifier}'`)
    }
    console.log(`  dist/${entry}: ${[...files].map((f) => path.relative(dist, f)).join(', ')} — no react`)
  }
  // Under the react-server condition, busway loads the core and, behind the 'use client' of
  // ready-made.js (a client reference there), the provider: no other client code.
  for (const entry of ['index.react-server.js', 'index.react-server.cjs']) {
    const { files } = moduleGraph(path.join(dist, entry), startsWithUseClient)
    for (const file of files) {
      const { bare } = moduleGraph(file, () => true)
      const react = [...bare.keys()].filter(isReact)
      if (react.length > 0 && !startsWithUseClient(file)) {
        problems.push(`dist/${entry} loads ${path.relative(dist, file)}, which imports ${react} outside a 'use client' file`)
      }
    }
    console.log(`  dist/${entry}: ${[...files].map((f) => path.relative(dist, f)).join(', ')} — react only behind 'use client'`)
  }
  console.log(`  'use client' first in dist/ready-made and dist/devtools (.js, .cjs) and their client chunks (checked: ${scripts.join(', ')})`)
  if (problems.length) throw new CheckError(`\n  - ${problems.join('\n  - ')}`)
}

// ── tarball ───────────────────────────────────────────────────────────────────────────────

function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  )
}

function checkManifestAndContents() {
  const problems = []
  const files = listFiles(installed).sort()
  console.log(`  ${files.length} files: ${files.join(', ')}`)
  const allowed = /^(package\.json|(core|devtools|bridge)\/package\.json|dist\/[^/]+|(README|LICENSE|LICENCE|CHANGELOG)(\.[a-z]+)?)$/i
  for (const file of files) if (!allowed.test(file)) problems.push(`unexpected file in the tarball: ${file}`)
  for (const file of ['package.json', 'core/package.json', 'devtools/package.json', 'bridge/package.json',
    'dist/bridge.js', 'dist/bridge.cjs', 'dist/bridge.d.ts', 'dist/bridge.d.cts', 'dist/index.js', 'dist/index.cjs',
    'dist/index.d.ts', 'dist/index.d.cts', 'dist/core.js', 'dist/core.cjs', 'dist/core.d.ts', 'dist/core.d.cts',
    'dist/devtools.js', 'dist/devtools.cjs', 'dist/devtools.d.ts', 'dist/devtools.d.cts']) {
    if (!files.includes(file)) problems.push(`missing from the tarball: ${file}`)
  }
  for (const doc of ['README', 'LICENSE']) {
    if (!files.some((file) => file.toUpperCase().startsWith(doc))) console.log(`  note: the tarball has no ${doc} file`)
  }

  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'))
  if (manifest.name !== 'busway') problems.push(`name is ${manifest.name}, expected busway`)
  if (Object.keys(manifest.dependencies ?? {}).length) {
    problems.push(`runtime dependencies: ${Object.keys(manifest.dependencies).join(', ')} (SPEC: none in the core)`)
  }
  if (manifest.peerDependencies?.react !== '^18.2 || ^19') {
    problems.push(`peerDependencies.react is ${manifest.peerDependencies?.react}, SPEC says "^18.2 || ^19"`)
  }
  const usesReactDom = listFiles(path.join(installed, 'dist')).some((file) =>
    specifiers(fs.readFileSync(path.join(installed, 'dist', file), 'utf8')).some((s) => /^react-dom(\/|$)/.test(s)),
  )
  if (usesReactDom && manifest.peerDependencies?.['react-dom'] !== '^18.2 || ^19') {
    problems.push('dist imports react-dom, which must then be a peer dependency "^18.2 || ^19"')
  }
  console.log(`  peerDependencies ${JSON.stringify(manifest.peerDependencies)}, no dependencies, react-dom ${usesReactDom ? 'used' : 'not used'}`)
  if (problems.length) throw new CheckError(`\n  - ${problems.join('\n  - ')}`)
}

// ── the run ───────────────────────────────────────────────────────────────────────────────

let tarball
try {
  step('build (tsup)', () => npx('tsup', []), { fatal: true })

  step('pack (npm pack)', () => {
    fs.mkdirSync(packDir)
    const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir], { capture: true }))
    tarball = path.join(packDir, info.filename)
    console.log(`  ${rel(tarball)}: ${info.entryCount} files, ${info.size} bytes`)
  }, { fatal: true })

  step('publint --strict', () => npx('publint', ['run', '--strict', tarball]))

  step('attw (every resolution mode)', () =>
    npx('attw', [tarball, '--profile', 'strict', '--format', 'table', '--no-color']))

  step('install the tarball into a temp consumer (offline)', () => {
    fs.cpSync(path.join(here, 'consumer'), consumer, { recursive: true })
    fs.mkdirSync(installed, { recursive: true })
    run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'])
    console.log(`  ${rel(consumer)} with node_modules/busway from ${path.basename(tarball)}`)
  }, { fatal: true })

  step('tarball contents and manifest', checkManifestAndContents)

  step("built files: 'use client' where a Server Component renders, a react-free core and bridge", checkBuiltFiles)

  for (const mode of ['bundler', 'node16', 'node10']) {
    step(`types: consumer type-check, moduleResolution ${mode}`, () =>
      npx('tsc', ['-p', path.join(consumer, `tsconfig.${mode}.json`)]))
  }

  step('runtime: CommonJS consumer (node smoke.cjs)', () => run(process.execPath, ['smoke.cjs'], { cwd: consumer }))

  step('runtime: ES module consumer (node smoke.mjs)', () => run(process.execPath, ['smoke.mjs'], { cwd: consumer }))

  step('server components: every entry under node --conditions react-server, a server layout rendered', () =>
    run(process.execPath, ['--conditions', 'react-server', '--import', './rsc-register.mjs', 'server-components.mjs'], {
      cwd: consumer,
    }))

  step('devtools: rendered unconditionally, in a development bundle and left out of a production one', () => {
    // Turbopack (`next build` in Next.js 16, `next build --turbopack` in 15) keeps every module
    // that is imported, `"sideEffects": false` or not, and drops only its unused declarations:
    // a call at a module's top level, such as `memo(...)`, stays unless marked /* @__PURE__ */.
    // A copy of the package without the flag makes esbuild bundle it the same way (the empty
    // tsconfig.json keeps esbuild from taking the repository's, whose `paths` lead to src/).
    const keepModules = path.join(tmp, 'keep-modules')
    fs.cpSync(installed, path.join(keepModules, 'node_modules', 'busway'), { recursive: true })
    for (const file of ['devtools-app.jsx', 'package.json']) {
      fs.copyFileSync(path.join(consumer, file), path.join(keepModules, file))
    }
    fs.writeFileSync(path.join(keepModules, 'tsconfig.json'), '{}')
    const manifest = path.join(keepModules, 'node_modules', 'busway', 'package.json')
    const { sideEffects, ...withoutFlag } = JSON.parse(fs.readFileSync(manifest, 'utf8'))
    if (sideEffects !== false) throw new CheckError('package.json no longer says "sideEffects": false')
    fs.writeFileSync(manifest, JSON.stringify(withoutFlag))
    const bundle = (mode, dir = consumer) =>
      esbuild.buildSync({
        entryPoints: [path.join(dir, 'devtools-app.jsx')],
        absWorkingDir: dir,
        bundle: true,
        write: false,
        format: 'esm',
        jsx: 'automatic',
        minify: true,
        external: ['react', 'react-dom'],
        define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
        logLevel: 'error',
      }).outputFiles[0].text
    // Strings of the panel's code: its accessible name, its host attribute, the import of
    // react-dom (createPortal), which nothing else in the app bundle uses, and strings of its
    // event rows and listeners view.
    const markers = ['busway devtools', 'data-busway-devtools', '"react-dom"', 'Dispatch time', 'Listeners per event type']
    const development = bundle('development')
    const production = bundle('production')
    const productionKept = bundle('production', keepModules)
    for (const marker of markers) {
      if (!development.includes(marker)) throw new CheckError(`the development bundle lacks the panel ('${marker}')`)
      if (production.includes(marker)) throw new CheckError(`the production bundle still has the panel's '${marker}'`)
      // (that bundle still imports react-dom, for nothing: the app loads it anyway)
      if (marker !== '"react-dom"' && productionKept.includes(marker)) {
        throw new CheckError(`the production bundle that keeps every module (as Turbopack does) still has the panel's '${marker}'`)
      }
    }
    console.log(`  development bundle ${development.length} B with the panel, production ${production.length} B without`)
    console.log(`  production, every module kept (as Turbopack does): ${productionKept.length} B, without the panel`)
  })

  step('SPEC test: vitest + jsdom against the installed tarball', () =>
    npx('vitest', ['run', '--config', path.join(here, 'vitest.config.ts')], {
      env: { BUSWAY_PACKAGE_CONSUMER: consumer },
    }))
} catch (error) {
  if (!(error instanceof CheckError)) {
    results.push(['(script error)', false])
    console.error(error)
  }
} finally {
  if (keepTmp) console.log(`\nKEEP_PACKAGE_TMP=1: kept ${rel(tmp)}`)
  else fs.rmSync(tmp, { recursive: true, force: true })
}

const failed = results.filter(([, ok]) => !ok)
console.log('\n━━ package checks')
for (const [name, ok] of results) console.log(`${ok ? '✔' : '✖'} ${name}`)
if (failed.length) {
  console.error(`\n${failed.length} package check(s) failed: ${failed.map(([name]) => name).join('; ')}`)
  process.exit(1)
}
console.log(`\nAll ${results.length} package checks passed.`)
