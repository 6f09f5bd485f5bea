export * from './lib/http/api-error';
export * from './lib/http/api-error.interceptor';
export * from './lib/http/provide-desk-http';
export * from './lib/error-callout/error-callout';
export * from './lib/order-status-pill/order-status-pill';
export * from './lib/environment-badge/environment-badge';
export * from './lib/connection-badge/connection-badge';
export * from './lib/copy-button/copy-button';
