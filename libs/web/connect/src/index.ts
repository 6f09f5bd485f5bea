export * from './lib/connection-api';
export * from './lib/connection-display';
export * from './lib/stream-display';
export * from './lib/connection-store';
export * from './lib/oauth-window';
export * from './lib/connect-dialog/connect-dialog';
export * from './lib/connect-dialog-launcher';
