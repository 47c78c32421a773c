import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EventBusProvider } from 'busway'
import { EventBusDevtools } from 'busway/devtools'
import { App } from './App'
import { appBus } from './bus'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EventBusProvider bus={appBus}>
      <App />
      <EventBusDevtools />
    </EventBusProvider>
  </StrictMode>,
)
