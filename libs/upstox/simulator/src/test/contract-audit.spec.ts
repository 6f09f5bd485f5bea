/**
 * Contract audit (CONTRACT.md): exact wire field sets, and the discrepancies found in the audit of Nov 2026,
 * each in its own suite so a regression names the rule it breaks.
 */
import { WebSocket } from 'ws';
import { ist, Loose, RELIANCE, SimHarness } from './harness';

const sorted = (o: object): string[] => Object.keys(o).sort();

/** CONTRACT §5.6 OrderBookData (same list as upstox-js-sdk OrderBookData). */
const ORDER_BOOK_FIELDS = [
  'exchange', 'product', 'price', 'quantity', 'status', 'guid', 'tag', 'instrument_token', 'placed_by', 'trading_symbol',
  'tradingsymbol', 'order_type', 'validity', 'trigger_price', 'disclosed_quantity', 'transaction_type', 'average_price',
  'filled_quantity', 'pending_quantity', 'status_message', 'status_message_raw', 'exchange_order_id', 'parent_order_id',
  'order_id', 'variety', 'order_timestamp', 'exchange_timestamp', 'is_amo', 'order_request_id', 'order_ref_id',
];
/** OrderData (history) = OrderBookData minus guid, pending_quantity, status_message_raw, order_ref_id. */
const HISTORY_FIELDS = ORDER_BOOK_FIELDS.filter((f) => !['guid', 'pending_quantity', 'status_message_raw', 'order_ref_id'].includes(f));
const TRADE_FIELDS = [
  'exchange', 'product', 'trading_symbol', 'tradingsymbol', 'instrument_token', 'order_type', 'transaction_type', 'quantity',
  'exchange_order_id', 'order_id', 'exchange_timestamp', 'average_price', 'trade_id', 'order_ref_id', 'order_timestamp',
];
/** CONTRACT §9.1 portfolio-stream `order` message. */
const FEED_ORDER_FIELDS = [
  'update_type', 'user_id', 'userId', 'exchange', 'instrument_token', 'instrument_key', 'trading_symbol', 'tradingsymbol',
  'product', 'order_type', 'average_price', 'price', 'trigger_price', 'quantity', 'disclosed_quantity', 'pending_quantity',
  'transaction_type', 'order_ref_id', 'exchange_order_id', 'parent_order_id', 'validity', 'status', 'is_amo', 'variety', 'tag',
  'exchange_timestamp', 'status_message', 'order_id', 'order_request_id', 'order_timestamp', 'filled_quantity', 'guid',
  'placed_by', 'status_message_raw',
];
const IST_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('contract audit: order, history, trade and feed field sets', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('every documented field is present with the documented null-ness, and nothing else', async () => {
    const auth = await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize?update_types=order');
    const socket = new WebSocket(auth.body.data.authorized_redirect_uri);
    const messages: Loose[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    const id = await h.place({ quantity: 2, tag: 'audit' });
    const done = await h.waitForStatus(id, 'complete');
    socket.close();

    expect(sorted(done)).toEqual([...ORDER_BOOK_FIELDS].sort());
    expect(done).toMatchObject({ guid: null, parent_order_id: null, status_message: null, status_message_raw: null, variety: 'SIMPLE' });
    expect(done.order_ref_id).toMatch(/^\d+$/);
    expect(done.trading_symbol).toBe(done.tradingsymbol);
    expect(done.order_timestamp).toMatch(IST_TIMESTAMP);
    expect(done.exchange_timestamp).toMatch(IST_TIMESTAMP);

    const history: Loose[] = (await h.http('GET', `/v2/order/history?order_id=${id}`)).body.data;
    for (const entry of history) expect(sorted(entry)).toEqual([...HISTORY_FIELDS].sort());
    // Before the exchange: no exchange id or time, nothing filled, average price 0 (not null).
    for (const entry of history.slice(0, 3)) {
      expect(entry).toMatchObject({ exchange_order_id: '', exchange_timestamp: null, average_price: 0, filled_quantity: 0 });
    }

    const trades: Loose[] = (await h.http('GET', `/v2/order/trades?order_id=${id}`)).body.data;
    expect(trades).toHaveLength(1);
    expect(sorted(trades[0])).toEqual([...TRADE_FIELDS].sort());

    const orderMessages = messages.filter((m) => m.update_type === 'order');
    expect(orderMessages.length).toBeGreaterThanOrEqual(5);
    for (const m of orderMessages) {
      expect(sorted(m)).toEqual([...FEED_ORDER_FIELDS].sort());
      expect(m).toMatchObject({ user_id: 'SIM7K2', userId: 'SIM7K2', instrument_key: RELIANCE, instrument_token: RELIANCE });
    }
  });
});

describe('contract audit: a WebSocket upgrade to an unknown path gets 404 UDAPI100060 with the envelope', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('answers the same error body as an unknown HTTP path (it used to be an empty "JSON" body)', async () => {
    const socket = new WebSocket(`${h.sim.url.replace('http', 'ws')}/v2/no/such/feed`);
    socket.on('error', () => undefined); // the refused handshake also surfaces as an error event
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve) => {
      socket.once('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
    });
    expect(status).toBe(404);
    const viaHttp = await h.http('GET', '/v2/no/such/feed');
    expect(JSON.parse(body)).toEqual(viaHttp.body);
    expect(JSON.parse(body).errors[0]).toEqual({
      error_code: 'UDAPI100060',
      message: 'Resource not Found',
      property_path: null,
      invalid_value: null,
      errorCode: 'UDAPI100060',
      propertyPath: null,
      invalidValue: null,
    });
  });
});

describe('contract audit: modify rejects a disclosed_quantity of 0 (CONTRACT §5.3 "if provided must be non-zero")', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('400 UDAPI100038 with property_path/invalid_value; a positive value is applied; omitting it keeps the old one', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 10 });
    await h.waitForStatus(id, 'open');
    const modify = (extra: Record<string, unknown>) =>
      h.http('PUT', '/v3/order/modify', { body: { order_id: id, order_type: 'LIMIT', validity: 'DAY', price: 1401, trigger_price: 0, ...extra } });

    const zero = await modify({ disclosed_quantity: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([
      expect.objectContaining({ error_code: 'UDAPI100038', property_path: 'disclosed_quantity', invalid_value: 0, propertyPath: 'disclosed_quantity', invalidValue: 0 }),
    ]);
    expect((await h.settle(id)).order_request_id).toBe('1'); // nothing was queued

    expect((await modify({ disclosed_quantity: 5 })).status).toBe(200);
    expect(await h.waitForOrder(id, (o) => o.order_request_id === '2' && o.status === 'open')).toMatchObject({ disclosed_quantity: 5, price: 1401 });
    expect((await modify({ price: 1402 })).status).toBe(200);
    expect(await h.waitForOrder(id, (o) => o.order_request_id === '3' && o.status === 'open')).toMatchObject({ disclosed_quantity: 5, price: 1402 });
  });
});

describe('contract audit: is_amo is inferred from the session, not echoed from the request (CONTRACT §5.1)', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  it('is_amo: true sent while the market is open is a live order and shows is_amo false throughout', async () => {
    h = await SimHarness.start();
    const id = await h.place({ is_amo: true });
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ is_amo: false });
    const history: Loose[] = (await h.http('GET', `/v2/order/history?order_id=${id}`)).body.data;
    expect(history.map((e) => e.is_amo)).toEqual([false, false, false, false, false]);
  });

  it('is_amo: false sent while the market is closed is an after-market order and shows is_amo true from the start', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: Date.parse(ist('2026-11-30T07:00:00')) - Date.now() });
    const id = await h.place({ is_amo: false });
    expect(await h.waitForStatus(id, 'after market order req received')).toMatchObject({ is_amo: true });
    const history: Loose[] = (await h.http('GET', `/v2/order/history?order_id=${id}`)).body.data;
    expect(history.map((e) => [e.status, e.is_amo])).toEqual([
      ['put order req received', true],
      ['validation pending', true],
      ['after market order req received', true],
    ]);
  });
});

describe('contract audit: token response and instrument file shapes', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('the token exchange answers the flat TokenResponse fields (§2.2), no envelope and no undocumented extras', async () => {
    const dialog = await fetch(
      `${h.sim.url}/v2/login/authorization/dialog?response_type=code&client_id=${encodeURIComponent(h.sim.app.clientId)}` +
        `&redirect_uri=${encodeURIComponent(h.sim.app.redirectUri)}`,
      { redirect: 'manual' },
    );
    const login = new URL(dialog.headers.get('location') as string);
    const approve = await fetch(login.origin + login.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: login.searchParams.get('request_id') as string, decision: 'approve' }),
      redirect: 'manual',
    });
    const code = new URL(approve.headers.get('location') as string).searchParams.get('code') as string;
    const res = await h.http('POST', '/v2/login/authorization/token', {
      token: null,
      form: { code, client_id: h.sim.app.clientId, client_secret: h.sim.app.clientSecret, redirect_uri: h.sim.app.redirectUri, grant_type: 'authorization_code' },
    });
    expect(res.status).toBe(200);
    expect(sorted(res.body)).toEqual(
      ['email', 'exchanges', 'products', 'broker', 'user_id', 'user_name', 'order_types', 'user_type', 'poa', 'ddpi', 'is_active', 'access_token', 'extended_token'].sort(),
    );
    const profile = (await h.http('GET', '/v2/user/profile', { token: res.body.access_token })).body;
    expect(profile.status).toBe('success');
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { access_token, extended_token, ...userFields } = res.body;
    expect(profile.data).toEqual(userFields);
  });

  it('F&O records carry expiry (epoch ms), strike and underlying fields; ticks are in paise', async () => {
    const list = (await (await fetch(`${h.sim.url}/market-quote/instruments/exchange/NSE.json`)).json()) as Loose[];
    const derivatives = list.filter((r) => r.segment === 'NSE_FO');
    expect(derivatives.length).toBeGreaterThanOrEqual(5);
    for (const r of derivatives) {
      for (const field of ['expiry', 'strike_price', 'underlying_key', 'underlying_type', 'underlying_symbol', 'asset_symbol', 'minimum_lot', 'weekly', 'qty_multiplier']) {
        expect(r).toHaveProperty(field);
      }
      expect(Number.isInteger(r.expiry)).toBe(true);
      expect(r.expiry).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z')); // milliseconds, not seconds
      expect(new Date(r.expiry).getUTCHours() * 60 + new Date(r.expiry).getUTCMinutes()).toBe(10 * 60); // 15:30 IST
      expect(r.tick_size).toBe(5);
      expect(['FUT', 'CE', 'PE']).toContain(r.instrument_type);
    }
    expect(list.every((r) => typeof r.exchange_token === 'string' && typeof r.instrument_key === 'string')).toBe(true);
  });
});

describe('contract audit: modify validates market_protection like place (-1..25, above 25 is UDAPI1159)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('rejects 26 and non-numbers with property_path market_protection, accepts -1..25', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400 });
    await h.waitForStatus(id, 'open');
    const modify = (market_protection: unknown) =>
      h.http('PUT', '/v3/order/modify', { body: { order_id: id, order_type: 'MARKET', validity: 'DAY', price: 0, trigger_price: 0, market_protection } });

    const tooHigh = await modify(26);
    expect([tooHigh.status, tooHigh.body.errors[0]]).toEqual([400, expect.objectContaining({ error_code: 'UDAPI1159', property_path: 'market_protection', invalid_value: 26 })]);
    const notNumber = await modify('5');
    expect([notNumber.status, notNumber.body.errors[0]]).toEqual([400, expect.objectContaining({ error_code: 'UDAPI100038', property_path: 'market_protection', invalid_value: '5' })]);
    expect((await h.settle(id)).order_request_id).toBe('1'); // the rejected requests queued nothing

    expect((await modify(-1)).status).toBe(200);
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ order_request_id: '2', order_type: 'MARKET' });
  });
});
