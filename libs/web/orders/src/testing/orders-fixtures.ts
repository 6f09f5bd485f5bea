import { Instrument, Order, OrderDetails, OrderDetailsView, OrdersView, classifyOrderStatus } from '@desk/contracts';

/** Test data only (excluded from the library build). */
export function instrument(overrides: Partial<Instrument> = {}): Instrument {
  return {
    instrumentKey: 'NSE_EQ|INE002A01018',
    tradingSymbol: 'RELIANCE',
    name: 'RELIANCE INDUSTRIES LTD',
    exchange: 'NSE',
    segment: 'NSE_EQ',
    instrumentType: 'EQ',
    lotSize: 1,
    freezeQuantity: 100000,
    tickSize: 0.05,
    expiry: null,
    strikePrice: null,
    lastPrice: 2500.4,
    ...overrides,
  };
}

export const NIFTY_FUT = instrument({
  instrumentKey: 'NSE_FO|35001',
  tradingSymbol: 'NIFTY26DECFUT',
  name: 'NIFTY',
  exchange: 'NSE',
  segment: 'NSE_FO',
  instrumentType: 'FUT',
  lotSize: 50,
  tickSize: 0.05,
  lastPrice: 24010.15,
});

export function order(overrides: Partial<Order> = {}): Order {
  const status = overrides.status ?? 'open';
  return {
    orderId: '251128000000001',
    exchangeOrderId: '1100000000000001',
    instrumentKey: 'NSE_EQ|INE002A01018',
    tradingSymbol: 'RELIANCE',
    exchange: 'NSE',
    transactionType: 'BUY',
    orderType: 'LIMIT',
    product: 'D',
    validity: 'DAY',
    quantity: 10,
    filledQuantity: 0,
    pendingQuantity: 10,
    price: 2490,
    triggerPrice: 0,
    averagePrice: 0,
    disclosedQuantity: 0,
    status,
    statusClass: classifyOrderStatus(status),
    statusMessage: null,
    tag: null,
    isAmo: false,
    placedAt: '2026-11-28T10:15:00+05:30',
    exchangeTimestamp: null,
    ...overrides,
  };
}

/** GET /api/orders as the api answers it (from its account mirror). */
export function ordersView(orders: Order[], source: OrdersView['source'] = 'stream'): OrdersView {
  return { orders, asOf: '2026-11-28T10:15:00+05:30', source };
}

export function detailsView(details: OrderDetails): OrderDetailsView {
  return { ...details, asOf: '2026-11-28T10:15:00+05:30', source: 'stream' };
}
