export * from './lib/error-callout/error-callout';
export * from './lib/order-status-pill/order-status-pill';
export * from './lib/environment-badge/environment-badge';
export * from './lib/connection-badge/connection-badge';
export * from './lib/connection-badge/stream-status-badge';
export * from './lib/copy-button/copy-button';
export * from './lib/value-flash/value-flash';
export * from './lib/lazy-dialog/open-lazy-dialog';
