import { DeskError, Order } from '@desk/contracts';
import type { ConnectionService } from '@desk/api/auth';
import type { UpstoxClient } from '@desk/upstox/client';
import type { InstrumentsService } from './instruments/instruments.service';
import { assertOrderId, newestFirst, OrderActionsService } from './order-actions.service';

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

describe('modify and cancel in the Upstox sandbox (order writes only, no order details there)', () => {
  const AUTH = { endpoints: { environment: 'sandbox', apiUrl: 'http://sandbox', orderUrl: 'http://sandbox' }, accessToken: 'tok' };
  function service() {
    const sent: string[] = [];
    const connection = {
      status: () => ({ environment: 'sandbox' }),
      withUpstox: <T>(fn: (a: typeof AUTH) => Promise<T>) => fn(AUTH),
    } as unknown as ConnectionService;
    const client = {
      getOrderDetails: async () => {
        throw new DeskError({ code: 'NOT_AVAILABLE_IN_SANDBOX', title: 'Request refused', httpStatus: 400, message: 'Order details is not available in the Upstox sandbox' });
      },
      cancelOrder: async (_a: unknown, id: string) => (sent.push(`cancel ${id}`), { orderId: id, latencyMs: 1 }),
      modifyOrder: async (_a: unknown, id: string) => (sent.push(`modify ${id}`), { orderId: id, latencyMs: 1 }),
    } as unknown as UpstoxClient;
    const instruments = { rulesFor: async () => undefined } as unknown as InstrumentsService;
    return { actions: new OrderActionsService(connection, client, instruments), sent };
  }

  it('sends the cancel and the modify to Upstox instead of failing on the order-details read', async () => {
    const { actions, sent } = service();
    await expect(actions.cancel('261128000000001')).resolves.toEqual({ orderId: '261128000000001', latencyMs: 1 });
    await expect(actions.modify('261128000000001', { orderType: 'LIMIT', validity: 'DAY', price: 100 })).resolves.toMatchObject({ orderId: '261128000000001' });
    expect(sent).toEqual(['cancel 261128000000001', 'modify 261128000000001']);
  });
});
