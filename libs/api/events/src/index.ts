export * from './lib/events.module';
export { EventHub } from './lib/event-hub.service';
