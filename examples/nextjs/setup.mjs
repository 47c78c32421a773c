#!/usr/bin/env node
// Installs this example as a user's app would install busway: builds the package in the
// repository, packs it with `npm pack`, puts the tarball at vendor/busway.tgz (the path that
// package.json names), then runs `npm ci`, which takes everything else from the npm registry.
//
// package-lock.json records busway's tarball without an `integrity` hash on purpose: the
// tarball changes with every change to the library, and npm would otherwise either reject it or
// reuse a cached copy of an older one. Without a hash, `npm ci` extracts the current tarball
// and leaves the lockfile as committed.
//
// Once node_modules is installed, later runs (outside CI) only replace busway: they remove it
// and let `npm install` extract the new tarball, which takes seconds instead of a minute.
//
// `node setup.mjs --no-build` packs the existing dist/ without building it first.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const example = dirname(fileURLToPath(import.meta.url))
const repo = join(example, '..', '..')
const build = !process.argv.includes('--no-build')

function run(command, args, cwd) {
  console.log(`$ ${[command, ...args].join(' ')}   (in ${cwd === repo ? 'the repository' : 'examples/nextjs'})`)
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    process.stdout.write(result.stdout)
    throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${result.status ?? result.signal}`)
  }
  return result.stdout
}

if (build) run('npm', ['run', 'build', '--silent'], repo)
const packDir = mkdtempSync(join(tmpdir(), 'busway-pack-'))
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir], repo))
  mkdirSync(join(example, 'vendor'), { recursive: true })
  copyFileSync(join(packDir, packed.filename), join(example, 'vendor', 'busway.tgz'))
} finally {
  rmSync(packDir, { recursive: true, force: true })
}
if (existsSync(join(example, 'node_modules', '.package-lock.json')) && !process.env.CI) {
  rmSync(join(example, 'node_modules', 'busway'), { recursive: true, force: true })
  run('npm', ['install', '--no-audit', '--no-fund'], example)
} else {
  run('npm', ['ci', '--no-audit', '--no-fund'], example)
}
