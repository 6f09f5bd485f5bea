import { Order } from '@desk/contracts';
import { limitBuy, OrdersStack, startOrdersStack, waitFor } from './orders-harness';

/**
 * Issue 9 contract fixes b, c, d through the real api and simulator: an MCX order in units goes out as lots, an
 * order above the freeze quantity goes out sliced, and a delivery sell without CDSL TPIN authorisation comes back
 * rejected with the reason on the order.
 */
const CRUDEOILM = 'MCX_FO|430000';
const NIFTY_CE = 'NSE_FO|48215';
const INFY = 'NSE_EQ|INE009A01021';

describe('order quantities at Upstox: MCX lots, freeze quantity, delivery sells (real api + simulator)', () => {
  let s: OrdersStack;

  beforeAll(async () => {
    s = await startOrdersStack();
  }, 60_000);
  afterAll(() => s?.close());

  const order = async (id: string, until: (o: Order) => boolean): Promise<Order> =>
    waitFor(`order ${id}`, async () => {
      const o = (await s.browser.api('GET', `/api/orders/${id}`)).body?.order as Order | undefined;
      return o && until(o) ? o : null;
    }, 15_000);
  const simRecord = async (id: string) => (await s.sim.orders()).find((o) => o.order_id === id);

  it('b: one lot of CRUDEOILM (10 units) goes to Upstox as quantity 1 and the desk shows 10 units; a modify to 20 units too', async () => {
    const placed = await s.place(limitBuy({ instrumentKey: CRUDEOILM, quantity: 10, price: 5900, product: 'I' }));
    expect(placed.status).toBe(201);
    const id = placed.body.orderIds[0] as string;
    expect(await order(id, (o) => o.status === 'open')).toMatchObject({ quantity: 10, pendingQuantity: 10 });
    // The simulator takes the wire quantity as lots: had 10 gone out, it would hold 100 units.
    expect((await simRecord(id))?.quantity).toBe(10);

    const modified = await s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price: 5900, quantity: 20 });
    expect(modified.status).toBe(200);
    expect(await order(id, (o) => o.status === 'open' && o.quantity !== 10)).toMatchObject({ quantity: 20 });
    expect((await simRecord(id))?.quantity).toBe(20);
  }, 30_000);

  it('c: 1875 NIFTY CE (freeze quantity 1800) goes out sliced: two orders of 1800 and 75, neither refused', async () => {
    const placed = await s.place(limitBuy({ instrumentKey: NIFTY_CE, quantity: 1875, price: 100, product: 'I' }));
    expect(placed.status).toBe(201);
    expect(placed.body.orderIds).toHaveLength(2);
    const children = await Promise.all((placed.body.orderIds as string[]).map((id) => order(id, (o) => o.status === 'open')));
    expect(children.map((o) => o.quantity)).toEqual([1800, 75]);
  }, 30_000);

  it('d: a delivery sell without TPIN authorisation is accepted, then rejected naming CDSL TPIN; with it, it works', async () => {
    await s.sim.call('POST', 'demat', { tpin_authorised: false });
    try {
      const refused = await s.place(limitBuy({ instrumentKey: INFY, transactionType: 'SELL', quantity: 2, price: 1600 }));
      expect(refused.status).toBe(201);
      const rejected = await order(refused.body.orderIds[0], (o) => o.status === 'rejected');
      expect(rejected.statusMessage).toMatch(/CDSL TPIN authorisation is required/);
    } finally {
      await s.sim.call('POST', 'demat', { tpin_authorised: true });
    }
    const allowed = await s.place(limitBuy({ instrumentKey: INFY, transactionType: 'SELL', quantity: 2, price: 1600 }));
    expect((await order(allowed.body.orderIds[0], (o) => o.status === 'open')).statusMessage).toBeNull();
  }, 30_000);
});
