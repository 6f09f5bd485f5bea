import { waitForFeedLive, waitForSubscriptions } from '../market/market-harness';
import { limitBuy, LTP_ROUTE, OrdersStack, RELIANCE, startOrdersStack, workingOrder } from './orders-harness';

/**
 * Issue 10 goal 1: with the market data feed live and streaming the instrument, the order gates value an order at
 * the streamed price and ask Upstox for no last price (one upstream round trip less per order). Without it they
 * read the price from Upstox as before (orders-value-check.spec.ts). Real api + real simulator over HTTP.
 */
describe('order value at the streamed last price (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack();
    await waitForFeedLive(s.browser);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('a place and a modify on a streamed instrument make 0 last-price calls and are valued at the streamed price', async () => {
    // A working order keeps RELIANCE streamed.
    const id = await workingOrder(s);
    await waitForSubscriptions(s.sim, 'RELIANCE streamed', (keys) => keys.includes(RELIANCE));
    await s.sim.price(RELIANCE, 2000);
    const ltpBefore = await s.sim.calls(LTP_ROUTE);

    // 600 × ₹2,000 = ₹12,00,000 at the streamed price, above the ₹10,00,000 default limit: refused, naming that price.
    let refused = await s.place(limitBuy({ orderType: 'MARKET', price: undefined, quantity: 600 }));
    for (let i = 0; i < 40 && refused.body?.details?.lastPrice !== 2000; i++) {
      // The new price reaches the desk within a coalescing window; until then the older streamed price applies.
      await new Promise((r) => setTimeout(r, 100));
      refused = await s.place(limitBuy({ orderType: 'MARKET', price: undefined, quantity: 600 }));
    }
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'RISK_LIMIT', details: { basis: 'last price', lastPrice: 2000, notional: 1_200_000 } });

    // Within the limit the same order goes through; a modify of the working order is checked the same way.
    expect((await s.place(limitBuy({ orderType: 'MARKET', price: undefined, quantity: 1 }))).status).toBe(201);
    const modified = await s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price: 999.5 });
    expect(modified.status).toBe(200);
    expect(await s.sim.calls(LTP_ROUTE)).toBe(ltpBefore);
  });
});
