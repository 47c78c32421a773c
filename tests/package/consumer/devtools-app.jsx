// Bundled by tests/package/run.mjs with esbuild, for production and for development: the
// panel is rendered unconditionally, as a server layout may render it, and must still be left
// out of the production bundle (SPEC Devtools: gone from production wherever it is rendered).
import { EventBusProvider } from 'busway'
import { EventBusDevtools } from 'busway/devtools'

export const App = ({ children }) => (
  <EventBusProvider>
    {children}
    <EventBusDevtools />
  </EventBusProvider>
)
