import { classifyOrderStatus, Order } from '@desk/contracts';
import type { OrderUpdate } from '@desk/upstox/client';
import { newestOrderFirst } from '@desk/contracts';
import { isNewerOrderState } from './order-ordering';

function update(status: string, over: Partial<Order> = {}, requestId: number | null = 1): OrderUpdate {
  const order: Order = {
    orderId: '251130000000001', exchangeOrderId: null, instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE',
    exchange: 'NSE', transactionType: 'BUY', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 10,
    filledQuantity: 0, pendingQuantity: 10, price: 1400, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0,
    status, statusClass: classifyOrderStatus(status), statusMessage: null, tag: null, isAmo: false,
    placedAt: '2026-11-30T10:00:00+05:30', exchangeTimestamp: null, ...over,
  };
  return { order, requestId };
}

describe('isNewerOrderState', () => {
  it('walks the place path forward and never back', () => {
    const path = ['put order req received', 'validation pending', 'open pending', 'open'].map((s) => update(s));
    for (let i = 1; i < path.length; i++) {
      expect(isNewerOrderState(path[i - 1], path[i])).toBe(true);
      expect(isNewerOrderState(path[i], path[i - 1])).toBe(false);
    }
  });

  it('treats an identical message as a duplicate (not newer)', () => {
    expect(isNewerOrderState(update('open'), update('open'))).toBe(false);
  });

  it('never leaves a terminal state, and always accepts one', () => {
    expect(isNewerOrderState(update('complete', { filledQuantity: 10 }), update('open', { filledQuantity: 10 }))).toBe(false);
    expect(isNewerOrderState(update('cancelled'), update('cancel pending', {}, 2))).toBe(false);
    expect(isNewerOrderState(update('open', {}, 3), update('rejected', {}, 1))).toBe(true);
  });

  it('keeps the larger filled quantity of a partly filled order', () => {
    expect(isNewerOrderState(update('open', { filledQuantity: 5 }), update('open', { filledQuantity: 3 }))).toBe(false);
    expect(isNewerOrderState(update('open', { filledQuantity: 3 }), update('open', { filledQuantity: 5 }))).toBe(true);
  });

  it('orders modify requests by order_request_id, then by phase within the request', () => {
    const open1 = update('open', { price: 1400 }, 1);
    const modifyPending = update('modify pending', { price: 1400 }, 2);
    const modified = update('modified', { price: 1401 }, 2);
    const open2 = update('open', { price: 1401 }, 2);
    expect(isNewerOrderState(open1, modifyPending)).toBe(true);
    expect(isNewerOrderState(modifyPending, open1)).toBe(false);
    expect(isNewerOrderState(modified, modifyPending)).toBe(false);
    expect(isNewerOrderState(modified, open2)).toBe(true);
    expect(isNewerOrderState(open2, open1)).toBe(false);
  });

  it('moves an SL order from trigger pending to open, not back', () => {
    expect(isNewerOrderState(update('trigger pending'), update('open'))).toBe(true);
    expect(isNewerOrderState(update('open'), update('trigger pending'))).toBe(false);
  });

  it('falls back to the timestamps when status and request are equal', () => {
    const early = update('open', { placedAt: '2026-11-30T10:00:00+05:30' });
    const late = update('open', { placedAt: '2026-11-30T10:00:05+05:30' });
    expect(isNewerOrderState(early, late)).toBe(true);
    expect(isNewerOrderState(late, early)).toBe(false);
  });
});

describe('newestOrderFirst', () => {
  it('sorts by order id (the IST date plus a sequence), whatever the latest update time says', () => {
    const at = (orderId: string, placedAt: string) => update('open', { orderId, placedAt }).order;
    const sorted = [
      at('261128000000001', '2026-11-28T09:45:00+05:30'), // placed first, updated last
      at('261128000000003', '2026-11-28T09:16:00+05:30'),
      at('261128000000002', '2026-11-28T09:17:00+05:30'),
      at('261127999999999', '2026-11-28T09:50:00+05:30'), // yesterday's AMO
    ].sort(newestOrderFirst);
    expect(sorted.map((o) => o.orderId)).toEqual(['261128000000003', '261128000000002', '261128000000001', '261127999999999']);
  });
});
