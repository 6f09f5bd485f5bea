import { gunzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { startSimulator } from '../index';
import { RateLimiter } from '../lib/rate-limit';
import { ITC_KEY, orderBody, RELIANCE, SimHarness, sleep } from './harness';

describe('simulator platform behaviour', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await SimHarness.start();
  });
  afterEach(() => h.close());

  it('unknown paths get 404 UDAPI100060, wrong methods 405', async () => {
    const unknown = await h.http('GET', '/v2/does/not/exist');
    expect([unknown.status, unknown.body.errors[0].error_code]).toEqual([404, 'UDAPI100060']);
    const wrong = await h.http('POST', '/v2/order/retrieve-all', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(wrong.body.errors[0].errorCode).toBe('UDAPI10000');
  });

  it('pushes every order status transition over the portfolio WebSocket', async () => {
    const auth = await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize?update_types=order%2Cposition');
    expect(auth.body.data.authorized_redirect_uri).toBe(auth.body.data.authorizedRedirectUri);
    const socket = new WebSocket(auth.body.data.authorized_redirect_uri);
    const messages: Record<string, unknown>[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    const id = await h.place({ quantity: 2, tag: 'feed' });
    await h.waitForStatus(id, 'complete');
    await sleep(20);
    socket.close();
    const orderMessages = messages.filter((m) => m['update_type'] === 'order');
    expect(orderMessages.map((m) => m['status'])).toEqual(['put order req received', 'validation pending', 'open pending', 'open', 'complete']);
    expect(orderMessages[4]).toMatchObject({
      order_id: id,
      user_id: 'SIM7K2',
      userId: 'SIM7K2',
      instrument_key: RELIANCE,
      instrument_token: RELIANCE,
      trading_symbol: 'RELIANCE',
      tradingsymbol: 'RELIANCE',
      filled_quantity: 2,
      average_price: 1420.5,
      tag: 'feed',
    });
    const position = messages.find((m) => m['update_type'] === 'position');
    expect(position).toMatchObject({ instrument_token: RELIANCE, quantity: 2, exchange: 'NSE_EQ' });
    expect(position).not.toHaveProperty('pnl');
  });

  it('the direct feed URL with a Bearer header redirects to the socket', async () => {
    const socket = new WebSocket(`${h.sim.url.replace('http', 'ws')}/v2/feed/portfolio-stream-feed?update_types=order`, {
      headers: { Authorization: `Bearer ${h.token}` },
      followRedirects: true,
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    expect(socket.url).toMatch(/\/order-updates\/feed\?requestId=/);
    socket.close();
    const refused = new WebSocket(`${h.sim.url.replace('http', 'ws')}/v2/feed/portfolio-stream-feed`);
    const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it('order writes over 10 per second get 429 UDAPI10005', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => h.http('POST', '/v3/order/place', { body: orderBody({ instrument_token: ITC_KEY }) })),
    );
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok.length + limited.length).toBe(30);
    expect(ok.length).toBeGreaterThanOrEqual(10); // more only if the burst spread over more than a second
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0].body.errors[0]).toMatchObject({ error_code: 'UDAPI10005', errorCode: 'UDAPI10005' });
    // Reads have their own, larger budget; every request was counted, limited ones included.
    expect((await h.http('GET', '/v2/order/retrieve-all')).status).toBe(200);
    expect((await h.control('GET', '/__sim/calls')).body.counts['POST /v3/order/place']).toBe(30);
  });

  it('rate-limit windows: 10/s and 500/min for order writes, 50/s for reads, rejected calls use no budget', () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    const burst = (group: 'order' | 'standard', n: number, at: number) =>
      Array.from({ length: n }, () => limiter.allow('U1', group, at)).filter(Boolean).length;
    expect(burst('order', 15, t0)).toBe(10);
    expect(burst('order', 5, t0 + 999)).toBe(0);
    expect(burst('order', 10, t0 + 1000)).toBe(10);
    expect(burst('standard', 60, t0)).toBe(50);
    expect(limiter.allow('U2', 'order', t0)).toBe(true); // per user
    // 500 per minute: 10 per second for 50 seconds uses it up; the 51st second is refused.
    const minute = new RateLimiter();
    for (let sec = 0; sec < 50; sec++) {
      for (let i = 0; i < 10; i++) expect(minute.allow('U', 'order', t0 + sec * 1000)).toBe(true);
    }
    expect(minute.allow('U', 'order', t0 + 50_000)).toBe(false);
    expect(minute.allow('U', 'order', t0 + 60_001)).toBe(true);
  });

  it('benchInstruments adds priced, orderable equities (benchmarks only); none by default', async () => {
    const bench = await SimHarness.start({ benchInstruments: 3 });
    try {
      const key = 'NSE_EQ|INEZZ0000301';
      const ltp = await bench.http('GET', `/v3/market-quote/ltp?instrument_key=${encodeURIComponent(key)}`);
      expect(ltp.status).toBe(200);
      expect(Object.values(ltp.body.data)).toEqual([expect.objectContaining({ instrument_token: key, last_price: expect.any(Number) })]);
      expect((await bench.http('POST', '/v3/order/place', { body: orderBody({ instrument_token: key }) })).status).toBe(200);
    } finally {
      await bench.close();
    }
    const none = await h.http('GET', `/v3/market-quote/ltp?instrument_key=${encodeURIComponent('NSE_EQ|INEZZ0000101')}`);
    expect(none.body.data).toEqual({}); // unknown keys are left out
  });

  it('rateLimits: false (benchmarks only) lets every request through; the default keeps the limits', () => {
    const off = new RateLimiter(false);
    expect(Array.from({ length: 3000 }, () => off.allow('U', 'order', 1_000)).every(Boolean)).toBe(true);
    const on = new RateLimiter();
    expect(Array.from({ length: 11 }, () => on.allow('U', 'order', 1_000)).filter(Boolean)).toHaveLength(10);
  });

  it('faults: latency, status before recording, resets before and after recording, status after', async () => {
    const route = 'POST /v3/order/place';
    const orders = async () => (await h.control('GET', '/__sim/orders')).body.orders.length;

    await h.control('POST', '/__sim/faults', { route, kind: 'latency', latency_ms: 150 });
    const started = Date.now();
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await orders()).toBe(1);

    await h.control('POST', '/__sim/faults', { route, kind: 'status', status: 503 });
    const unavailable = await h.http('POST', '/v3/order/place', { body: orderBody() });
    expect([unavailable.status, unavailable.body.errors[0].error_code]).toEqual([503, 'UDAPI100500']);
    await h.control('POST', '/__sim/faults', { route, kind: 'status', status: 429 });
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).body.errors[0].error_code).toBe('UDAPI10005');
    expect(await orders()).toBe(1);

    await h.control('POST', '/__sim/faults', { route, kind: 'reset-before' });
    await expect(h.http('POST', '/v3/order/place', { body: orderBody() })).rejects.toThrow();
    expect(await orders()).toBe(1);

    await h.control('POST', '/__sim/faults', { route, kind: 'reset-after' });
    await expect(h.http('POST', '/v3/order/place', { body: orderBody({ tag: 'after-reset' }) })).rejects.toThrow();
    const all = (await h.control('GET', '/__sim/orders')).body.orders;
    expect(all).toHaveLength(2);
    expect(all[1].tag).toBe('after-reset');

    await h.control('POST', '/__sim/faults', { route, kind: 'status-after', status: 500, count: 2 });
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).status).toBe(500);
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).status).toBe(500);
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).status).toBe(200);
    expect(await orders()).toBe(5);
  });

  it('faults: hang never answers until the client gives up; DELETE clears faults', async () => {
    await h.control('POST', '/__sim/faults', { route: 'GET /v2/user/profile', kind: 'hang', count: 5 });
    const abort = AbortSignal.timeout(150);
    await expect(
      fetch(`${h.sim.url}/v2/user/profile`, { headers: { Authorization: `Bearer ${h.token}` }, signal: abort }),
    ).rejects.toThrow();
    expect((await h.control('GET', '/__sim/faults')).body.faults[0]).toMatchObject({ route: 'GET /v2/user/profile', remaining: 4 });
    await h.control('DELETE', '/__sim/faults');
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(200);
    const bad = await h.control('POST', '/__sim/faults', { route: 'GET /x', kind: 'explode' });
    expect(bad.status).toBe(400);
  });

  it('faults: hang-after records the order, then never answers until the client gives up', async () => {
    const route = 'POST /v3/order/place';
    await h.control('POST', '/__sim/faults', { route, kind: 'hang-after' });
    await expect(
      fetch(`${h.sim.url}/v3/order/place`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(orderBody({ tag: 'held-after' })),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    const recorded = (await h.control('GET', '/__sim/orders')).body.orders;
    expect(recorded.map((o: { tag: string }) => o.tag)).toEqual(['held-after']);
    expect((await h.control('GET', '/__sim/calls')).body.counts[route]).toBe(1);
    // Only one request was held: the next one is answered normally.
    expect((await h.http('POST', '/v3/order/place', { body: orderBody({ tag: 'next' }) })).status).toBe(200);
    expect((await h.control('GET', '/__sim/orders')).body.orders).toHaveLength(2);
  });

  it('counts every Upstox call, rejected ones included, and never the control API', async () => {
    await h.http('GET', '/v2/user/profile');
    await h.http('GET', '/v2/user/profile', { token: 'bad' });
    await h.http('GET', '/v2/nope');
    const counts = (await h.control('GET', '/__sim/calls')).body.counts;
    expect(counts).toEqual({ 'GET /v2/user/profile': 2, 'GET /v2/nope': 1 });
  });

  it('serves the instrument file as JSON and gzipped JSON', async () => {
    const res = await fetch(`${h.sim.url}/market-quote/instruments/exchange/complete.json`);
    const list = (await res.json()) as Record<string, unknown>[];
    const gz = await fetch(`${h.sim.url}/market-quote/instruments/exchange/complete.json.gz`);
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual(list);
    expect(list.find((i) => i['trading_symbol'] === 'RELIANCE')).toMatchObject({
      segment: 'NSE_EQ',
      isin: 'INE002A01018',
      instrument_key: 'NSE_EQ|INE002A01018',
      instrument_type: 'EQ',
      lot_size: 1,
      tick_size: 5.0,
      exchange: 'NSE',
    });
    expect(list.filter((i) => i['segment'] === 'NSE_EQ')).toHaveLength(12);
    const options = list.filter((i) => i['instrument_type'] === 'CE' || i['instrument_type'] === 'PE');
    expect(options.length).toBeGreaterThanOrEqual(4);
    for (const o of options) {
      expect(o).toMatchObject({ lot_size: 75, freeze_quantity: 1800, underlying_key: 'NSE_INDEX|Nifty 50', segment: 'NSE_FO' });
      expect(o['expiry'] as number).toBeGreaterThan(Date.now());
      expect(o['strike_price']).toBeGreaterThan(0);
    }
    expect(list.find((i) => i['instrument_type'] === 'FUT')).toMatchObject({ lot_size: 75, name: 'NIFTY' });
    expect(list.find((i) => i['instrument_key'] === 'NSE_INDEX|Nifty 50')).toMatchObject({ instrument_type: 'INDEX' });
  });

  it('LTP: unknown keys are left out, malformed keys and missing params are errors', async () => {
    const res = await h.http('GET', `/v3/market-quote/ltp?instrument_key=${encodeURIComponent(`${RELIANCE},NSE_EQ|INE000000000`)}`);
    expect(Object.keys(res.body.data)).toEqual(['NSE_EQ:RELIANCE']);
    expect(res.body.data['NSE_EQ:RELIANCE']).toEqual({ last_price: 1420.5, instrument_token: RELIANCE, ltq: 0, volume: 0, cp: 1420.5 });
    expect((await h.http('GET', '/v3/market-quote/ltp?instrument_key=RELIANCE')).body.errors[0].error_code).toBe('UDAPI100011');
    expect((await h.http('GET', '/v3/market-quote/ltp')).status).toBe(400);
    await h.setPrice(RELIANCE, 1433.33);
    const v2 = await h.http('GET', `/v2/market-quote/ltp?instrument_key=${encodeURIComponent(RELIANCE)}`);
    expect(v2.body.data['NSE_EQ:RELIANCE']).toEqual({ last_price: 1433.35, instrument_token: RELIANCE });
  });

  it('funds segment must be SEC or COM (UDAPI1019)', async () => {
    const bad = await h.http('GET', '/v2/user/get-funds-and-margin?segment=FO');
    expect([bad.status, bad.body.errors[0].error_code]).toEqual([400, 'UDAPI1019']);
    const com = await h.http('GET', '/v2/user/get-funds-and-margin?segment=COM');
    expect(Object.keys(com.body.data)).toEqual(['commodity']);
  });

  it('validation errors carry property_path and invalid_value', async () => {
    const res = await h.http('POST', '/v2/order/place', {
      body: { ...orderBody({ tag: 'x'.repeat(41), transaction_type: 'HOLD' }), order_type: undefined, product: 'CNC' },
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.errors.map((e: { property_path: string }) => [e.property_path, e]));
    expect(byPath['order_type']).toMatchObject({ error_code: 'UDAPI1004', invalid_value: null });
    expect(byPath['tag']).toMatchObject({ error_code: 'UDAPI1119' });
    expect(byPath['transaction_type']).toMatchObject({ error_code: 'UDAPI100038', invalid_value: 'HOLD', invalidValue: 'HOLD', propertyPath: 'transaction_type' });
    expect(byPath['product']).toMatchObject({ error_code: 'UDAPI100038', invalid_value: 'CNC' });
    const notJson = await h.http('POST', '/v3/order/place', { headers: { 'Content-Type': 'application/json' }, body: undefined });
    expect(notJson.body.errors[0].error_code).toBe('UDAPI100038');
    expect((await h.control('GET', '/__sim/orders')).body.orders).toHaveLength(0);
  });

  it('reset returns everything to the start state', async () => {
    await h.place();
    await h.setPrice(RELIANCE, 1500);
    await h.control('POST', '/__sim/reset');
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(401);
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    expect((await h.http('GET', '/v2/order/retrieve-all')).body.data).toEqual([]);
    expect((await h.http('GET', `/v3/market-quote/ltp?instrument_key=${encodeURIComponent(RELIANCE)}`)).body.data['NSE_EQ:RELIANCE'].last_price).toBe(1420.5);
  });
});

describe('determinism', () => {
  async function run(seed: number, offset: number): Promise<{ ids: string[]; exchangeIds: string[]; prices: number[]; trades: string[] }> {
    const h = await SimHarness.start({ seed, clockOffsetMs: offset, priceTickMs: 0 });
    try {
      const ids = [await h.place(), await h.place({ quantity: 2 }), await h.place({ order_type: 'LIMIT', price: 1000 })];
      await h.waitForStatus(ids[1], 'complete');
      await h.waitForStatus(ids[0], 'complete');
      const trades = (await h.http('GET', '/v2/order/trades/get-trades-for-day')).body.data.map((t: { trade_id: string }) => t.trade_id);
      const quotes = (await h.http('GET', `/v3/market-quote/ltp?instrument_key=${encodeURIComponent(RELIANCE)}`)).body.data;
      const exchangeIds = [];
      for (const id of ids) exchangeIds.push((await h.waitForOrder(id, (o) => o.exchange_order_id !== '')).exchange_order_id);
      return { ids, exchangeIds, prices: [quotes['NSE_EQ:RELIANCE'].last_price], trades };
    } finally {
      await h.close();
    }
  }

  it('the same seed and clock give the same ids; another seed gives others', async () => {
    const offset = Date.parse('2026-12-01T05:00:00Z') - Date.now();
    const a = await run(7, offset);
    const b = await run(7, offset);
    const c = await run(8, offset);
    expect(a).toEqual(b);
    expect(a.ids[0]).toMatch(/^261201\d{9}$/);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('the background walk is the same for the same seed and number of ticks', async () => {
    // A running simulator with a background tick moves prices...
    const sim = await startSimulator({ seed: 3, priceTickMs: 5 });
    try {
      await sleep(80);
      const list = (await (await fetch(`${sim.url}/market-quote/instruments/exchange/complete.json`)).json()) as { instrument_key: string }[];
      const token = ((await (await fetch(`${sim.url}/__sim/tokens`, { method: 'POST' })).json()) as { access_token: string }).access_token;
      const keys = list.map((i) => i.instrument_key).join(',');
      const res = await fetch(`${sim.url}/v3/market-quote/ltp?instrument_key=${encodeURIComponent(keys)}`, { headers: { Authorization: `Bearer ${token}` } });
      const quotes = Object.values(((await res.json()) as { data: Record<string, { last_price: number; cp: number }> }).data);
      expect(quotes.some((q) => q.last_price !== q.cp)).toBe(true);
    } finally {
      await sim.close();
    }
    // ...and the walk itself is a pure function of the seed and the number of ticks (real-time tick counts
    // differ between two servers, so the walk is compared through the library).
    const { PriceBook } = await import('../lib/market/prices');
    const { buildInstruments } = await import('../lib/market/instruments');
    const instruments = buildInstruments(Date.now());
    const walk = (seed: number) => {
      const book = new PriceBook(instruments, seed);
      for (let i = 0; i < 50; i++) book.tick();
      return instruments.map((i) => book.ltp(i.record.instrument_key));
    };
    expect(walk(3)).toEqual(walk(3));
    expect(walk(3)).not.toEqual(walk(4));
    for (const [i, price] of walk(3).entries()) {
      expect(Math.round(price * 100) % instruments[i].record.tick_size).toBe(0);
    }
  });
});
