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

  it('follows a refused modify and a refused cancel back to open: not modified / not cancelled are not terminal (issue 9 g)', () => {
    const at = (t: string) => ({ placedAt: `2026-11-30T10:00:${t}+05:30` });
    const modify = [update('open', at('00'), 1), update('modify validation pending', at('01'), 2), update('not modified', at('02'), 2), update('open', at('03'), 2)];
    for (let i = 1; i < modify.length; i++) expect([modify[i].order.status, isNewerOrderState(modify[i - 1], modify[i])]).toEqual([modify[i].order.status, true]);
    expect(isNewerOrderState(modify[2], modify[1])).toBe(false);
    const cancel = [update('cancel pending', at('10'), 1), update('not cancelled', at('11'), 1), update('open', at('12'), 1)];
    expect([isNewerOrderState(cancel[0], cancel[1]), isNewerOrderState(cancel[1], cancel[2])]).toEqual([true, true]);
    // Neither is final: a fill or a later cancel still lands.
    for (const refused of [update('not modified', {}, 2), update('not cancelled')]) {
      expect(isNewerOrderState(refused, update('complete', { filledQuantity: 10 }, refused.requestId))).toBe(true);
      expect(isNewerOrderState(refused, update('cancelled', {}, refused.requestId))).toBe(true);
      expect(refused.order.statusClass).toBe('working');
    }
    expect(classifyOrderStatus('modify validation pending')).toBe('pending');
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
