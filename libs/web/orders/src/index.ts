export * from './lib/web-orders/web-orders';
