export * from './fake-event-source';
