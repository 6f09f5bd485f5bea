export * from './lib/navigation/desk-navigation';
export * from './lib/provide-desk';
export * from './lib/session/session-store';
export * from './lib/session/session-expired.interceptor';
