export * from './lib/orders.module';
export { ORDERS_CONFIG, ORDERS_CONFIG_DEFAULTS, parseOrdersConfig } from './lib/orders.config';
export type { OrdersConfig } from './lib/orders.config';
export { InstrumentsService } from './lib/instruments/instruments.service';
export { checkOrderToPlace } from './lib/dto/order-to-place';
export { PlaceOrderDto } from './lib/dto/order.dto';
export { PreTradeChecks } from './lib/placement/pre-trade-checks';
export { ORDER_PATH_CHANNEL } from './lib/placement/order-path-marks';
