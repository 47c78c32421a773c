// Loads ES modules as a React Server Components bundler does, with React's own Node loader
// (react-server-dom-webpack/node-loader): a module that starts with 'use client' becomes client
// references, its code never runs on the server. Registered by server-components.mjs's command
// line (`node --conditions react-server --import ./rsc-register.mjs server-components.mjs`).
// The one addition: Node 20 hands loaders a module's source as bytes, React's loader wants text.
import * as rsc from 'react-server-dom-webpack/node-loader'

export const resolve = rsc.resolve

export function load(url, context, nextLoad) {
  return rsc.load(url, context, async (loadUrl, loadContext) => {
    const result = await nextLoad(loadUrl, loadContext)
    if (result.format === 'module' && result.source != null && typeof result.source !== 'string') {
      return { ...result, source: new TextDecoder().decode(result.source) }
    }
    return result
  })
}
