import { Order } from '@desk/contracts';
import { newestFirst } from './order-actions.service';
import { assertOrderId } from './orders.errors';

function order(orderId: string, placedAt: string | null): Order {
  return {
    orderId, exchangeOrderId: null, instrumentKey: 'NSE_EQ|X', tradingSymbol: 'X', exchange: 'NSE',
    transactionType: 'BUY', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 1, filledQuantity: 0,
    pendingQuantity: 1, price: 1, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0, status: 'open',
    statusClass: 'working', statusMessage: null, tag: null, isAmo: false, placedAt, exchangeTimestamp: null,
  };
}

describe('order book helpers', () => {
  it('sorts newest first by order id, whatever the latest update time says', () => {
    const sorted = newestFirst([
      order('261128000000001', '2026-11-28T09:45:00+05:30'), // placed first, updated last
      order('261128000000003', '2026-11-28T09:16:00+05:30'),
      order('261128000000002', '2026-11-28T09:17:00+05:30'),
      order('261127999999999', '2026-11-28T09:50:00+05:30'), // yesterday's AMO
    ]);
    expect(sorted.map((o) => o.orderId)).toEqual(['261128000000003', '261128000000002', '261128000000001', '261127999999999']);
  });

  it('accepts only letters, digits and dashes as an order id', () => {
    expect(() => assertOrderId('261128000000001')).not.toThrow();
    expect(() => assertOrderId('abc-DEF-1')).not.toThrow();
    for (const bad of ['', '1;DROP', '../x', 'a b', 'x'.repeat(65)]) {
      expect(() => assertOrderId(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', httpStatus: 400 }));
    }
  });
});
