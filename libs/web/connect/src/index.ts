export * from './lib/web-connect/web-connect';
