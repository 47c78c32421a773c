// Two apps on one page, one on React 19 and one on React 18, each with its own busway: the
// providers of each must keep working. (React 19's project only: it loads React 18 by path.)
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { createEventBus, createEventHooks } from 'busway'
import { expect, test, vi } from 'vitest'

const react18 = new URL('../react18/node_modules/react/index.js', import.meta.url).pathname
const jsxRuntime18 = new URL('../react18/node_modules/react/jsx-runtime.js', import.meta.url).pathname
const jsxDevRuntime18 = new URL('../react18/node_modules/react/jsx-dev-runtime.js', import.meta.url).pathname
const reactDomServer18 = new URL('../react18/node_modules/react-dom/server.node.js', import.meta.url).pathname

test('a busway on React 18 and one on React 19 on the same page both render their providers', async () => {
  vi.resetModules()
  vi.doMock('react', async () => await import(react18))
  vi.doMock('react/jsx-runtime', async () => await import(jsxRuntime18))
  vi.doMock('react/jsx-dev-runtime', async () => await import(jsxDevRuntime18))
  const busway18 = await import('busway')
  const React18 = await import(react18)
  const { renderToString: renderToString18 } = await import(reactDomServer18)
  vi.doUnmock('react')
  vi.doUnmock('react/jsx-runtime')
  vi.doUnmock('react/jsx-dev-runtime')

  const bus = createEventBus<{ greeting: string }>()
  bus.emit('greeting', 'hello')

  const hooks18 = busway18.createEventHooks<{ greeting: string }>()
  function Greeting18() {
    return React18.createElement('p', null, hooks18.useEventState('greeting', 'none'))
  }
  const html18 = renderToString18(React18.createElement(hooks18.EventBusProvider, { bus }, React18.createElement(Greeting18)))

  const hooks19 = createEventHooks<{ greeting: string }>()
  function Greeting19() {
    return createElement('p', null, hooks19.useEventState('greeting', 'none'))
  }
  const html19 = renderToString(createElement(hooks19.EventBusProvider, { bus }, createElement(Greeting19)))

  expect(React18.version).toMatch(/^18\./)
  expect([html18, html19]).toEqual(['<p>none</p>', '<p>none</p>'])
})
