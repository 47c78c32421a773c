// Bundled by tests/package/run.mjs with esbuild, for production and for development: the
// devtools panel must be left out of the production bundle, where its element is dead code.
import { createEventHooks } from 'busway'
import { EventBusDevtools } from 'busway/devtools'

const { EventBusProvider } = createEventHooks()

export const App = () => (
  <EventBusProvider>
    {process.env.NODE_ENV !== 'production' && <EventBusDevtools />}
  </EventBusProvider>
)
