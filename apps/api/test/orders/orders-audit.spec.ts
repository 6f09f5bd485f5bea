import { rawRequest } from '../support/stack';
import { limitBuy, OrdersStack, RELIANCE, startOrdersStack, waitFor } from './orders-harness';

/** The periodic order-book diff: late-visible orders and orphans with our tag prefix. */
describe('order book audit (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: { ORDER_SWEEP_INTERVAL_MS: '300' } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  /** An order placed at the broker behind the api's back (as a late-visible or foreign order would appear). */
  async function placeAtBroker(tag: string): Promise<string> {
    const res = await rawRequest({
      method: 'POST',
      url: `${s.stack.simUrl}/v3/order/place`,
      headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        quantity: 1, product: 'D', validity: 'DAY', price: 1000, tag, instrument_token: RELIANCE, order_type: 'LIMIT',
        transaction_type: 'BUY', disclosed_quantity: 0, trigger_price: 0, is_amo: false, slice: false,
      }),
    });
    expect(res.status).toBe(200);
    return res.body.data.order_ids[0] as string;
  }

  it('records an order that became visible after its intent was concluded NOT_PLACED, and never re-places it', async () => {
    await s.sim.fault('POST /v3/order/place', 'reset-before');
    const key = 'late-visible-order';
    const res = await s.place(limitBuy({ price: 1000 }), key);
    expect(res.status).toBe(502);
    const intentId = res.body.details.intentId as string;
    const intent = (await s.browser.api('GET', `/api/order-intents/${intentId}`)).body;
    expect(intent.status).toBe('NOT_PLACED');
    const placeCalls = await s.sim.placeCalls();
    const lateOrderId = await placeAtBroker(intent.brokerTag);
    const after = await waitFor('late order recorded', async () => {
      const view = (await s.browser.api('GET', `/api/order-intents/${intentId}`)).body;
      return view.status === 'SUBMITTED' ? view : undefined;
    });
    expect(after.orderIds).toEqual([lateOrderId]);
    expect(await s.sim.placeCalls()).toBe(placeCalls + 1);
    // A retry with the same key now learns that the order exists (and still places nothing).
    const retry = await s.place(limitBuy({ price: 1000 }), key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ intentId, outcome: 'placed', orderIds: [lateOrderId] });
    expect(await s.sim.placeCalls()).toBe(placeCalls + 1);
    expect(s.stack.logLines().some((l) => l.includes(intentId) && l.includes('NOT_PLACED') && l.includes(lateOrderId))).toBe(true);
  });

  it('logs an orphan order carrying our tag prefix without a journal entry', async () => {
    const orphanId = await placeAtBroker('dk0000000000RPHAN01');
    await waitFor('orphan logged', async () => s.stack.logLines().some((l) => l.includes('orphan') && l.includes(orphanId)));
    const intents = (await s.browser.api('GET', '/api/order-intents')).body as { brokerTag: string }[];
    expect(intents.some((i) => i.brokerTag === 'dk0000000000RPHAN01')).toBe(false);
  });
});
