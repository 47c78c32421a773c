// Setup for the tests that render into jsdom: the console guard, then RTL's cleanup (the suite
// runs without vitest globals, so RTL cannot register it by itself). After-each hooks run in
// reverse order, so components unmount before the guard checks what they logged.
import './console-guard'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Tell React that updates are driven through act(), so an update outside act() warns.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

afterEach(cleanup)

export { consoleSpies, expectConsoleErrors } from './console-guard'
