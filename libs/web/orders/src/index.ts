export * from './lib/orders-api';
export * from './lib/orders-store';
export * from './lib/place-order/place-order-model';
export * from './lib/place-order/instrument-search';
export * from './lib/place-order/place-order-dialog';
