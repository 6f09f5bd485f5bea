export * from './lib/routes';
export * from './lib/provide-desk';
export * from './lib/session/session-store';
export * from './lib/session/session.guard';
export * from './lib/session/session-expired.interceptor';
