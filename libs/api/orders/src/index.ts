export * from './lib/api-orders.module';
