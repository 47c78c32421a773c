export { EventBusDevtools, type EventBusDevtoolsProps } from './event-bus-devtools'
