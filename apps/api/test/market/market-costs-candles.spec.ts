import type { CandlesView, OrderCostsView, PlaceOrderRequest } from '@desk/contracts';
import { limitBuy, OrdersStack, startOrdersStack, waitFor } from '../orders/orders-harness';
import { FAST_MARKET_ENV, RELIANCE, SBIN, quotes, waitForFeedLive } from './market-harness';

interface SimCharges {
  total: number;
  brokerage: number;
  taxes: { gst: number; stt: number; stamp_duty: number };
  other_charges: { transaction: number; clearing: number; ipft: number; sebi_turnover: number };
}

describe('order costs, candles and the market routes docs (real api + simulator)', () => {
  let s: OrdersStack;
  const upstox = async (method: string, path: string, body?: unknown): Promise<{ data: unknown }> => {
    const res = await fetch(`${s.stack.simUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.accessToken}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await res.json()) as { data: unknown };
  };
  const costs = (order: unknown) => s.browser.api('POST', '/api/orders/costs', order);
  const candles = async (key: string, interval: string): Promise<CandlesView> => {
    const res = await s.browser.api('GET', `/api/market/candles?instrumentKey=${encodeURIComponent(key)}&interval=${interval}`);
    expect(res.status).toBe(200);
    return res.body as CandlesView;
  };

  beforeAll(async () => {
    s = await startOrdersStack({ env: { ...FAST_MARKET_ENV, MARKET_CANDLES_CACHE_MS: '60000' } });
    await waitForFeedLive(s.browser);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it("answers the simulator's margin and charges, against the available funds", async () => {
    const order: PlaceOrderRequest = limitBuy({ instrumentKey: RELIANCE, quantity: 2, product: 'D', price: 1400 });
    const res = await costs(order);
    expect(res.status).toBe(200);
    const view = res.body as OrderCostsView;
    const margin = (await upstox('POST', '/v2/charges/margin', { instruments: [{ instrument_key: RELIANCE, quantity: 2, product: 'D', transaction_type: 'BUY', price: 1400 }] }))
      .data as { final_margin: number };
    const q = new URLSearchParams({ instrument_token: RELIANCE, quantity: '2', product: 'D', transaction_type: 'BUY', price: '1400' });
    const charges = ((await upstox('GET', `/v2/charges/brokerage?${q}`)).data as { charges: SimCharges }).charges;
    const funds = (await s.browser.api('GET', '/api/funds')).body as { equity: { availableMargin: number } };
    expect(view.margin).toEqual({ required: margin.final_margin, available: funds.equity.availableMargin, sufficient: true });
    expect(view.charges).toEqual({
      brokerage: charges.brokerage,
      transactionTax: charges.taxes.stt,
      exchangeCharges: charges.other_charges.transaction,
      gst: charges.taxes.gst,
      stampDuty: charges.taxes.stamp_duty,
      sebiFees: charges.other_charges.sebi_turnover,
      otherCharges: Math.round((charges.other_charges.clearing + charges.other_charges.ipft) * 100) / 100,
      total: charges.total,
    });
    expect(view.unavailableReason).toBeNull();
    expect(view.deskLimit).toBeNull();
  });

  it("says which of the desk's own limits would refuse the order, in the words placing it would meet, and places nothing", async () => {
    const before = await s.sim.placeCalls();
    // Valued at its limit price (above the last price): 600 x ₹2,000 = ₹12,00,000, above the default ₹10,00,000.
    const tooBig = limitBuy({ instrumentKey: RELIANCE, quantity: 600, product: 'D', price: 2000 });
    const view = (await costs(tooBig)).body as OrderCostsView;
    const placed = await s.place(tooBig);
    expect(placed.body.code).toBe('RISK_LIMIT');
    expect(view.deskLimit).toEqual({ limit: 'ORDER_MAX_NOTIONAL', message: placed.body.message, nextStep: placed.body.nextStep });
    expect(view.deskLimit?.message).toContain('₹12,00,000.00');
    // The margin and charges are still answered: the trader sees the whole picture.
    expect(view.margin?.required).toBeGreaterThan(0);

    const tooMany = (await costs(limitBuy({ instrumentKey: RELIANCE, quantity: 10_001, product: 'D', price: 1 }))).body as OrderCostsView;
    expect(tooMany.deskLimit).toMatchObject({ limit: 'ORDER_MAX_QUANTITY', message: expect.stringContaining('above the per-order quantity limit of 10000 units') });
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it('flags an order needing more margin than is available (it is not refused)', async () => {
    const res = await costs(limitBuy({ instrumentKey: RELIANCE, quantity: 1000, product: 'D', price: 1400 }));
    expect(res.status).toBe(200);
    const view = res.body as OrderCostsView;
    expect(view.margin?.required).toBeGreaterThan(view.margin?.available as number);
    expect(view.margin?.sufficient).toBe(false);
  });

  it('checks the body with the same rules as placing, and places nothing', async () => {
    const before = await s.sim.placeCalls();
    const bad = { ...limitBuy(), quantity: 0, trigger_price: 5 };
    const asCosts = await costs(bad);
    const asPlace = await s.place(bad);
    expect(asCosts.status).toBe(400);
    expect(asCosts.body.code).toBe('VALIDATION_FAILED');
    expect(asCosts.body.details).toEqual(asPlace.body.details);
    // The instrument's tick size, as for place.
    const offTick = await costs(limitBuy({ price: 1400.03 }));
    expect(offTick.status).toBe(400);
    expect(offTick.body.details.map((d: { field: string }) => d.field)).toEqual(['price']);
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it('an Upstox failure of one part nulls that part with the reason, not the whole answer', async () => {
    await s.sim.fault('POST /v2/charges/margin', 'status', { status: 500, count: 10 });
    try {
      const res = await costs(limitBuy({ instrumentKey: RELIANCE, quantity: 1, product: 'D', price: 1400 }));
      expect(res.status).toBe(200);
      const view = res.body as OrderCostsView;
      expect(view.margin).toBeNull();
      expect(view.charges?.total).toBeGreaterThan(0);
      expect(view.unavailableReason).toMatch(/^The margin could not be read from Upstox: /);
    } finally {
      await s.sim.clearFaults();
    }
  });

  it("candles: the simulator's intraday candles oldest first in epoch seconds; the last follows the live price", async () => {
    const view = await candles(SBIN, '1minute');
    expect(view.interval).toBe('1minute');
    const rows = (await upstox('GET', `/v3/historical-candle/intraday/${encodeURIComponent(SBIN)}/minutes/1`)).data as { candles: [string, number, number, number, number, number, number][] };
    const sim = [...rows.candles].reverse().map(([t, open, high, low, close, volume]) => ({ time: Date.parse(t) / 1000, open, high, low, close, volume }));
    expect(view.candles.length).toBeGreaterThan(1);
    expect(view.candles.slice(0, -1)).toEqual(sim.slice(0, view.candles.length - 1));
    expect(view.candles.every((c, i) => i === 0 || c.time > view.candles[i - 1].time)).toBe(true);

    // SBIN is held, so streamed: a new price moves the (cached) last candle without another Upstox read.
    const route = 'GET /v3/historical-candle/intraday/{instrument_key}/{unit}/{interval}';
    expect(await s.sim.calls(route)).toBeGreaterThan(0);
    const reads = await s.sim.calls('GET /v3/historical-candle/intraday/{instrument_key}/{unit}/{interval}');
    await s.sim.price(SBIN, 845.5);
    await waitFor('the quote', async () => (await quotes(s.browser, [SBIN]))[0]?.lastPrice === 845.5);
    const live = await candles(SBIN, '1minute');
    const last = live.candles[live.candles.length - 1];
    expect(last.close).toBe(845.5);
    expect(last.high).toBeGreaterThanOrEqual(845.5);
    expect(await s.sim.calls('GET /v3/historical-candle/intraday/{instrument_key}/{unit}/{interval}')).toBe(reads);

    const five = await candles(SBIN, '5minute');
    expect(five.candles.every((c) => c.time % 300 === 0)).toBe(true);
    expect(five.candles[five.candles.length - 1].close).toBe(845.5);
    expect((await s.browser.api('GET', `/api/market/candles?instrumentKey=${encodeURIComponent(SBIN)}&interval=2minute`)).status).toBe(400);
  });

  it('documents every market route in OpenAPI and guards them like the others', async () => {
    const docs = await s.browser.api('GET', '/api/docs-json');
    const paths = docs.body.paths as Record<string, Record<string, { tags?: string[] }>>;
    for (const p of ['/api/market/status', '/api/market/quotes', '/api/market/candles']) expect(paths[p]?.['get']?.tags).toEqual(['market']);
    expect(Object.keys(paths['/api/market/interest'])).toEqual(['post']);
    expect(Object.keys(paths['/api/market/interest/{id}']).sort()).toEqual(['delete', 'put']);
    expect(paths['/api/orders/costs']?.['post']).toBeDefined();
    const schemas = docs.body.components.schemas as Record<string, unknown>;
    for (const name of ['QuoteDto', 'QuotesViewDto', 'MarketStatusViewDto', 'MarketInterestViewDto', 'CandlesViewDto', 'OrderCostsViewDto', 'OrderChargesDto']) {
      expect(schemas[name]).toBeDefined();
    }
    const anonymous = s.stack.browser();
    expect((await anonymous.api('GET', '/api/market/status')).status).toBe(401);
    const key = (await s.browser.api('POST', '/api/keys', { name: 'trade only', scopes: ['trade'] })).body as { key: string };
    const tradeOnly = await fetch(`${s.stack.apiUrl}/api/market/quotes?instrumentKeys=${encodeURIComponent(SBIN)}`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(tradeOnly.status).toBe(403);
  });
});
