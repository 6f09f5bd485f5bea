import { randomUUID } from 'node:crypto';
import { rawRequest } from '../support/stack';
import { limitBuy, OrdersStack, startOrdersStack } from './orders-harness';

describe('order idempotency, scopes and the kill switch (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: { DESK_RATE_LIMIT_PER_SECOND: '100000' } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  async function apiKey(scopes: string[]): Promise<string> {
    const res = await s.browser.api('POST', '/api/keys', { name: `test-${scopes.join('-')}`, scopes });
    expect(res.status).toBe(201);
    return res.body.key as string;
  }
  function withKey(key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return rawRequest({
      method,
      url: `${s.stack.apiUrl}${path}`,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  it('50 concurrent submits with one Idempotency-Key place exactly 1 order; the rest replay it or get 409', async () => {
    const key = randomUUID();
    const body = limitBuy({ price: 1001, tag: 'race50' });
    const before = await s.sim.placeCalls();
    const results = await Promise.all(Array.from({ length: 50 }, () => s.place(body, key)));
    const placed = results.filter((r) => r.status === 201);
    const inFlight = results.filter((r) => r.status === 409);
    expect(placed.length + inFlight.length).toBe(50);
    expect(placed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(placed.map((r) => r.text)).size).toBe(1);
    for (const r of inFlight) expect(r.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(await s.sim.placeCalls()).toBe(before + 1);
    const atSim = (await s.sim.orders()).filter((o) => o.tag?.endsWith('-race50'));
    expect(atSim).toHaveLength(1);
    // After the race: a retry replays the first answer byte for byte.
    const retry = await s.place(body, key);
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(placed[0].text);
    expect(retry.header('idempotent-replayed')).toBe('true');
    expect(await s.sim.placeCalls()).toBe(before + 1);
  });

  it('a key is scoped to the dashboard user across sessions, and to each API key on its own', async () => {
    const key = randomUUID();
    const body = limitBuy({ price: 1008 });
    const before = await s.sim.placeCalls();
    const first = await s.place(body, key);
    expect(first.status).toBe(201);
    const otherTab = s.stack.browser();
    await otherTab.signIn();
    const again = await otherTab.api('POST', '/api/orders', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(await s.sim.placeCalls()).toBe(before + 1);
    const bot = await apiKey(['read', 'trade']);
    const byKey = await withKey(bot, 'POST', '/api/orders', body, { 'idempotency-key': key });
    expect(byKey.status).toBe(201);
    expect(byKey.body.intentId).not.toBe(first.body.intentId);
    expect(await s.sim.placeCalls()).toBe(before + 2);
  });

  it('the same key with a different body is refused with 422, and nothing is placed', async () => {
    const key = randomUUID();
    expect((await s.place(limitBuy({ price: 1002 }), key)).status).toBe(201);
    const before = await s.sim.placeCalls();
    const res = await s.place(limitBuy({ price: 1003 }), key);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it('replays a rejection with the same status and body', async () => {
    const key = randomUUID();
    // An instrument the simulator does not list: Upstox refuses it at the place call.
    const unknownInstrument = limitBuy({ instrumentKey: 'NSE_EQ|INE000X00000', price: 1004 });
    const before = await s.sim.placeCalls();
    const first = await s.place(unknownInstrument, key);
    expect(first.status).toBeGreaterThanOrEqual(400);
    expect(first.status).toBeLessThan(500);
    expect(first.body.upstoxCode).toMatch(/^UDAPI/);
    const again = await s.place(unknownInstrument, key);
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(await s.sim.placeCalls()).toBe(before + 1);
    const intents = await s.browser.api('GET', '/api/order-intents');
    expect(intents.body.find((i: { intentId: string; status: string; upstoxCode: string }) => i.status === 'REJECTED')).toMatchObject({
      upstoxCode: first.body.upstoxCode,
    });
    // The server log names our code and Upstox's for the failure, and never the token.
    const lines = s.stack.logLines();
    const failure = lines.filter((l) => l.includes(first.body.requestId) && l.includes(first.body.upstoxCode));
    expect(failure.length).toBeGreaterThanOrEqual(1);
    expect(failure.some((l) => l.includes(first.body.code))).toBe(true);
    expect(lines.filter((l) => l.includes(s.accessToken))).toEqual([]);
  });

  it('session callers without a key still place (a key is generated); API keys must send one', async () => {
    expect((await s.place(limitBuy({ price: 1005 }), null)).status).toBe(201);
    const trade = await apiKey(['read', 'trade']);
    const before = await s.sim.placeCalls();
    const missing = await withKey(trade, 'POST', '/api/orders', limitBuy({ price: 1006 }));
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await s.sim.placeCalls()).toBe(before);
    const ok = await withKey(trade, 'POST', '/api/orders', limitBuy({ price: 1006 }), { 'idempotency-key': randomUUID() });
    expect(ok.status).toBe(201);
    expect(await s.sim.placeCalls()).toBe(before + 1);
  });

  it('an API key with only the read scope can read but cannot place, modify or cancel', async () => {
    const read = await apiKey(['read']);
    expect((await withKey(read, 'GET', '/api/orders')).status).toBe(200);
    expect((await withKey(read, 'GET', '/api/profile')).status).toBe(200);
    const counts = await s.sim.counts();
    const place = await withKey(read, 'POST', '/api/orders', limitBuy(), { 'idempotency-key': randomUUID() });
    expect(place.status).toBe(403);
    expect(place.body.code).toBe('API_KEY_SCOPE');
    expect((await withKey(read, 'DELETE', '/api/orders/261128000000001')).status).toBe(403);
    expect((await withKey(read, 'PUT', '/api/orders/261128000000001', { orderType: 'LIMIT', validity: 'DAY', price: 1 })).status).toBe(403);
    expect((await withKey(read, 'PUT', '/api/orders/kill-switch', { enabled: true })).status).toBe(403);
    expect(await s.sim.counts()).toEqual(counts);
  });

  it('the kill switch refuses new orders until turned off, survives in the journal, and only a session changes it', async () => {
    expect((await s.browser.api('GET', '/api/orders/kill-switch')).body).toEqual({ enabled: false, updatedAt: null });
    const on = await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body.enabled).toBe(true);
    const trade = await apiKey(['read', 'trade']);
    const byKey = await withKey(trade, 'PUT', '/api/orders/kill-switch', { enabled: false });
    expect(byKey.status).toBe(403);
    const before = await s.sim.placeCalls();
    const refused = await s.place(limitBuy({ price: 1007 }));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'ORDERS_HALTED', nextStep: expect.stringContaining('kill switch') });
    expect(await s.sim.placeCalls()).toBe(before);
    const bad = await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: 'no' });
    expect(bad.status).toBe(400);
    expect((await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: false })).body.enabled).toBe(false);
    expect((await s.place(limitBuy({ price: 1007 }))).status).toBe(201);
  });

  it('refuses orders above the per-order quantity and value limits before the journal', async () => {
    const before = await s.sim.placeCalls();
    const qty = await s.place(limitBuy({ quantity: 10_001, price: 1 }));
    expect(qty.status).toBe(422);
    expect(qty.body.code).toBe('RISK_LIMIT');
    // A LIMIT order counts at the higher of its price and the last price (₹1,420.50 here), on both sides.
    const value = await s.place(limitBuy({ quantity: 1000, price: 1400 }));
    expect(value.body).toMatchObject({ code: 'RISK_LIMIT', message: expect.stringContaining('₹14,20,500.00'), details: { limit: 'ORDER_MAX_NOTIONAL' } });
    const market = await s.place(limitBuy({ orderType: 'MARKET', price: undefined, quantity: 800 }));
    expect(market.body.code).toBe('RISK_LIMIT');
    expect(await s.sim.placeCalls()).toBe(before);
  });
});
