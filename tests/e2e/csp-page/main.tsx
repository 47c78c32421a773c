// A page that renders the devtools panel, served by devtools-csp.test.ts under a strict
// Content-Security-Policy.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createEventBus } from 'busway/core'
import { EventBusDevtools } from 'busway/devtools'

type ShopEvents = { 'cart:add': { sku: string }; 'cart:changed': { items: number } }

const bus = createEventBus<ShopEvents>()
let items = 0
bus.on('cart:add', () => bus.emit('cart:changed', { items: ++items }), { label: 'cart' })

function Shop() {
  return (
    <main>
      <h1>A shop under a strict Content-Security-Policy</h1>
      <button type="button" onClick={() => bus.emit('cart:add', { sku: 'sku-1' })}>
        Add to cart
      </button>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shop />
    <EventBusDevtools bus={bus} initialIsOpen colorScheme="light" />
  </StrictMode>,
)
