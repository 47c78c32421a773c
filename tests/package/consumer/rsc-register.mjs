// React's own loaders for server code, as a React Server Components bundler treats modules: a
// module that starts with 'use client' becomes client references, its code never runs on the
// server. The ESM loader through node:module's register, the CommonJS one by patching require.
import { createRequire, register } from 'node:module'

register('./rsc-loader.mjs', import.meta.url)
createRequire(import.meta.url)('react-server-dom-webpack/node-register')()
