export * from './lib/event-source';
export * from './lib/desk-events';
export * from './lib/live-list';
