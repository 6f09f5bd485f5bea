export * from './lib/orders-api';
export * from './lib/orders-store';
export * from './lib/orders-dialogs';
export * from './lib/place-order/place-order-model';
export * from './lib/orders-table/orders-table';
export * from './lib/orders-section/orders-section';
export * from './lib/trading-blocked-by';
