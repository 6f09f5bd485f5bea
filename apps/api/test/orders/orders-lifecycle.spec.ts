import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ORDER_PATH_CHANNEL } from '@desk/api/orders';
import { limitBuy, OrdersStack, RELIANCE, startOrdersStack, waitFor } from './orders-harness';

/** Every order endpoint against the real simulator over HTTP. */
describe('orders: place, modify, cancel, read (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack();
    await s.sim.price(RELIANCE, 1420.5);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  async function status(orderId: string): Promise<string> {
    const res = await s.browser.api('GET', `/api/orders/${orderId}`);
    expect(res.status).toBe(200);
    return res.body.order.status as string;
  }
  const reach = (orderId: string, wanted: string) =>
    waitFor(`${orderId} ${wanted}`, async () => ((await status(orderId)) === wanted ? true : undefined));

  let marketId = '';

  it('places a MARKET order that completes, with its id and the latency Upstox reported', async () => {
    const res = await s.place(limitBuy({ orderType: 'MARKET', price: undefined, quantity: 2, tag: 'desk-test' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'placed', intentId: expect.stringMatching(/^oi_/) });
    expect(res.body.orderIds).toHaveLength(1);
    expect(typeof res.body.latencyMs).toBe('number');
    marketId = res.body.orderIds[0];
    await reach(marketId, 'complete');
    const simOrder = (await s.sim.orders()).find((o) => o.order_id === marketId);
    expect(simOrder?.tag).toMatch(/^dk[0-9A-Z]{17}-desk-test$/);
  });

  it('rests a LIMIT buy below the market, fills it when the price comes down', async () => {
    const res = await s.place(limitBuy({ price: 1400 }));
    expect(res.status).toBe(201);
    const id = res.body.orderIds[0] as string;
    await reach(id, 'open');
    await s.sim.price(RELIANCE, 1399.5);
    await reach(id, 'complete');
    await s.sim.price(RELIANCE, 1420.5);
  });

  it('keeps SL and SL-M orders trigger pending until the trigger is reached', async () => {
    const sl = await s.place(limitBuy({ orderType: 'SL', triggerPrice: 1500, price: 1505 }));
    const slm = await s.place(limitBuy({ orderType: 'SL-M', transactionType: 'SELL', price: undefined, triggerPrice: 1350 }));
    expect([sl.status, slm.status]).toEqual([201, 201]);
    await reach(sl.body.orderIds[0], 'trigger pending');
    await reach(slm.body.orderIds[0], 'trigger pending');
  });

  it('modifies a resting order once and shows the new price', async () => {
    const placed = await s.place(limitBuy({ price: 1200 }));
    const id = placed.body.orderIds[0] as string;
    await reach(id, 'open');
    const before = await s.sim.calls('PUT /v3/order/modify');
    const detailReads = await s.sim.calls('GET /v2/order/details');
    const res = await s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price: 1210.05 });
    expect(res.status).toBe(200);
    expect(res.body.orderId).toBe(id);
    expect(await s.sim.calls('PUT /v3/order/modify')).toBe(before + 1);
    // The live mirror holds the order: checked without reading it from Upstox first.
    expect(await s.sim.calls('GET /v2/order/details')).toBe(detailReads);
    await waitFor('new price', async () => {
      const d = await s.browser.api('GET', `/api/orders/${id}`);
      return d.body.order.price === 1210.05 && d.body.order.statusClass === 'working';
    });
  });

  it('refuses an invalid modify with per-field messages and no call to Upstox', async () => {
    const placed = await s.place(limitBuy({ price: 1200 }));
    const id = placed.body.orderIds[0] as string;
    await reach(id, 'open');
    const before = await s.sim.calls('PUT /v3/order/modify');
    const res = await s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price: 1210.03 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'price', message: 'Price must be a multiple of the tick size ₹0.05.' }] });
    const noType = await s.browser.api('PUT', `/api/orders/${id}`, { validity: 'DAY', price: 1210 });
    expect(noType.body.details).toEqual([{ field: 'orderType', message: 'Order type must be MARKET, LIMIT, SL or SL-M.' }]);
    expect(await s.sim.calls('PUT /v3/order/modify')).toBe(before);
  });

  it('cancels a resting order, and refuses to cancel or modify a completed one with next steps', async () => {
    const placed = await s.place(limitBuy({ price: 1100 }));
    const id = placed.body.orderIds[0] as string;
    await reach(id, 'open');
    const res = await s.browser.api('DELETE', `/api/orders/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.orderId).toBe(id);
    await reach(id, 'cancelled');

    const cancelsBefore = await s.sim.calls('DELETE /v3/order/cancel');
    const again = await s.browser.api('DELETE', `/api/orders/${marketId}`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE', nextStep: expect.any(String) });
    expect(again.body.message).toContain('complete');
    const modify = await s.browser.api('PUT', `/api/orders/${marketId}`, { orderType: 'LIMIT', validity: 'DAY', price: 1000 });
    expect(modify.status).toBe(409);
    expect(modify.body.code).toBe('ORDER_NOT_MODIFIABLE');
    expect(await s.sim.calls('DELETE /v3/order/cancel')).toBe(cancelsBefore);
  });

  it('reports a cancel or modify with an unknown outcome as such, sent once and never retried', async () => {
    const placed = await s.place(limitBuy({ price: 1150 }));
    const id = placed.body.orderIds[0] as string;
    await reach(id, 'open');
    const modifies = await s.sim.calls('PUT /v3/order/modify');
    await s.sim.fault('PUT /v3/order/modify', 'status-after', { status: 503 });
    const modify = await s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price: 1155 });
    expect(modify.status).toBeGreaterThanOrEqual(500);
    expect(modify.body).toMatchObject({ code: 'ORDER_OUTCOME_UNKNOWN', nextStep: expect.stringContaining('before trying the modify again') });
    expect(await s.sim.calls('PUT /v3/order/modify')).toBe(modifies + 1);
    await waitFor('modify applied', async () => (await s.browser.api('GET', `/api/orders/${id}`)).body.order.price === 1155);

    const cancels = await s.sim.calls('DELETE /v3/order/cancel');
    await s.sim.fault('DELETE /v3/order/cancel', 'reset-after');
    const cancel = await s.browser.api('DELETE', `/api/orders/${id}`);
    expect(cancel.status).toBeGreaterThanOrEqual(500);
    expect(cancel.body.code).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(await s.sim.calls('DELETE /v3/order/cancel')).toBe(cancels + 1);
    await reach(id, 'cancelled');
    await s.sim.clearFaults();
  });

  it('answers ORDER_NOT_FOUND for an unknown id and 400 for a malformed one before calling Upstox', async () => {
    const missing = await s.browser.api('GET', '/api/orders/999999999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ORDER_NOT_FOUND');
    const cancelMissing = await s.browser.api('DELETE', '/api/orders/999999999999999');
    expect(cancelMissing.body.code).toBe('ORDER_NOT_FOUND');
    // The routes an order id reaches only: the account mirror may re-read the book, funds or positions at any time.
    const byId = /\/order\/(details|history|cancel)$/;
    const orderCalls = async () => Object.entries(await s.sim.counts()).filter(([route]) => byId.test(route));
    const before = await orderCalls();
    for (const bad of ['abc%20def', 'a_b', '%3Bdrop', 'x'.repeat(65)]) {
      const res = await s.browser.api('GET', `/api/orders/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((await s.browser.api('DELETE', `/api/orders/${bad}`)).status).toBe(400);
    }
    expect(await orderCalls()).toEqual(before);
  });

  it('shows details with the status history of an order', async () => {
    const res = await s.browser.api('GET', `/api/orders/${marketId}`);
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({ orderId: marketId, instrumentKey: RELIANCE, status: 'complete', statusClass: 'complete', filledQuantity: 2 });
    const statuses = (res.body.history as { status: string }[]).map((h) => h.status);
    expect(statuses[0]).toBe('put order req received');
    expect(statuses[statuses.length - 1]).toBe('complete');
    expect(statuses.length).toBeGreaterThanOrEqual(3);
  });

  it('lists the order book newest first and the day\'s trades', async () => {
    const book = await s.browser.api('GET', '/api/orders');
    expect(book.status).toBe(200);
    expect(book.body).toMatchObject({ source: expect.stringMatching(/^(stream|snapshot)$/), asOf: expect.any(String) });
    const orders = book.body.orders as { orderId: string; placedAt: string }[];
    expect(orders.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < orders.length; i++) {
      const newer = `${orders[i - 1].placedAt}|${orders[i - 1].orderId}`;
      const older = `${orders[i].placedAt}|${orders[i].orderId}`;
      expect(newer >= older).toBe(true);
    }
    const trades = await s.browser.api('GET', '/api/trades');
    expect(trades.status).toBe(200);
    const mine = (trades.body.trades as { orderId: string; quantity: number }[]).filter((t) => t.orderId === marketId);
    expect(mine.reduce((n, t) => n + t.quantity, 0)).toBe(2);
    // One order's fills: the order details dialog asks for these.
    const byOrder = await s.browser.api('GET', `/api/trades?orderId=${marketId}`);
    expect(byOrder.status).toBe(200);
    expect((byOrder.body.trades as { orderId: string }[]).map((t) => t.orderId)).toEqual(mine.map(() => marketId));
    expect(byOrder.body.trades.length).toBeGreaterThan(0);
    expect(byOrder.body.trades.length).toBeLessThan(trades.body.trades.length);
    const malformed = await s.browser.api('GET', '/api/trades?orderId=not%20an%20id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([{ field: 'orderId', message: "An order id has only letters, digits and '-'." }]);
  });

  it('searches instruments from the simulator master, prefix matches first', async () => {
    const res = await s.browser.api('GET', '/api/instruments?query=reli');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('simulator');
    expect(res.body.instruments[0]).toMatchObject({ instrumentKey: RELIANCE, tradingSymbol: 'RELIANCE', lotSize: 1, tickSize: 0.05 });
    await s.sim.price(RELIANCE, 1421.35);
    const quoted = await s.browser.api('GET', '/api/instruments?query=RELIANCE');
    expect(quoted.body.instruments[0].lastPrice).toBe(1421.35); // the simulator's LTP, for the order form
    await s.sim.price(RELIANCE, 1420.5);
    const nifty = await s.browser.api('GET', '/api/instruments?query=NIFTY');
    expect(nifty.body.instruments.length).toBeGreaterThan(1);
    expect(nifty.body.instruments.length).toBeLessThanOrEqual(20);
  });

  it('applies the lot size of a known instrument to the quantity', async () => {
    const search = await s.browser.api('GET', '/api/instruments?query=NIFTY');
    const future = (search.body.instruments as { instrumentKey: string; instrumentType: string; lotSize: number }[]).find(
      (i) => i.instrumentType === 'FUT',
    );
    expect(future?.lotSize).toBeGreaterThan(1);
    const before = await s.sim.placeCalls();
    const res = await s.place(limitBuy({ instrumentKey: future?.instrumentKey, quantity: 1, price: 25000 }));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'quantity', message: `Quantity must be a multiple of the lot size ${future?.lotSize}.` }]);
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it('marks the stages of a place, modify and cancel in order for the benchmark, and a refused write only up to its refusal', async () => {
    const marks: unknown[] = [];
    const onMark = (mark: unknown) => marks.push(mark);
    const marksOf = async (write: () => Promise<{ status: number }>, status: number) => {
      marks.length = 0;
      expect((await write()).status).toBe(status);
      return [...marks];
    };
    subscribe(ORDER_PATH_CHANNEL, onMark);
    try {
      let id = '';
      const place = async () => {
        const res = await s.place(limitBuy({ price: 1001 }));
        id = res.body.orderIds?.[0];
        return res;
      };
      expect(await marksOf(place, 201)).toEqual(['handler', 'validated', 'gated', 'journaled', 'recorded']);
      expect(await marksOf(() => s.place(limitBuy({ quantity: 0 })), 400)).toEqual(['handler']);
      await reach(id, 'open');
      const modify = (price: number) => () => s.browser.api('PUT', `/api/orders/${id}`, { orderType: 'LIMIT', validity: 'DAY', price });
      expect(await marksOf(modify(1002), 200)).toEqual(['handler', 'validated', 'gated']);
      expect(await marksOf(modify(1002.03), 400)).toEqual(['handler']);
      expect(await marksOf(() => s.browser.api('DELETE', `/api/orders/${id}`), 200)).toEqual(['handler', 'validated']);
      await reach(id, 'cancelled');
      expect(await marksOf(() => s.browser.api('DELETE', `/api/orders/${id}`), 409)).toEqual(['handler']);
    } finally {
      unsubscribe(ORDER_PATH_CHANNEL, onMark);
    }
  });
});
