import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { approveConsent, eventually, makeClient, makeDownloaders, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxApiError } from './upstox-api-error';
import { BrokerPlaceOrder, UpstoxAuth } from './upstox-client';

const SBIN = 'NSE_EQ|INE062A01020';
const RELIANCE = 'NSE_EQ|INE002A01018';

function limitBuy(tag: string, price: number): BrokerPlaceOrder {
  return { instrumentKey: SBIN, transactionType: 'BUY', quantity: 2, orderType: 'LIMIT', product: 'D', validity: 'DAY', price, brokerTag: tag };
}

async function caught(p: Promise<unknown>): Promise<UpstoxApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UpstoxApiError) return e;
    throw e;
  }
  throw new Error('expected an UpstoxApiError');
}

describe('HttpUpstoxClient against the real simulator: flows', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  const downloads = makeDownloaders();

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
  });
  afterAll(async () => {
    client.close();
    downloads.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  it('signs in through the dialog and exchanges the code exactly once', async () => {
    const app = await downloads.simulatorApps.demoApp(h.url);
    expect(app).toEqual({ apiKey: h.sim.app.clientId, apiSecret: h.sim.app.clientSecret, redirectUri: h.sim.app.redirectUri });
    const url = client.authorizationUrl(h.endpoints(), { clientId: app.apiKey, redirectUri: app.redirectUri, state: 'st-123' });
    expect(url.startsWith(`${h.url}/v2/login/authorization/dialog?`)).toBe(true);
    const back = await approveConsent(url);
    expect(`${back.origin}${back.pathname}`).toBe(app.redirectUri);
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const p = { code, clientId: app.apiKey, clientSecret: app.apiSecret, redirectUri: app.redirectUri };
    const token = await client.exchangeCode(h.endpoints(), p);
    expect(token.accessToken.length).toBeGreaterThan(10);
    expect(token.profile.userId.length).toBeGreaterThan(0);
    const profile = await client.getProfile({ endpoints: h.endpoints(), accessToken: token.accessToken });
    expect(profile.userId).toBe(token.profile.userId);

    const reuse = await caught(client.exchangeCode(h.endpoints(), p));
    expect([reuse.code, reuse.title, reuse.upstoxCode, reuse.outcome]).toEqual(['INVALID_CREDENTIALS', 'Authorization Failed', 'UDAPI100016', 'rejected']);
    expect(await h.calls('POST /v2/login/authorization/token')).toBe(2);
    const leaked = JSON.stringify([reuse.message, reuse.nextStep, reuse.details, reuse.logDetail]);
    for (const secret of [code, app.apiSecret, token.accessToken]) expect(leaked).not.toContain(secret);
  });

  it('reports a denied consent as a redirect with error=access_denied (no code)', async () => {
    const app = await downloads.simulatorApps.demoApp(h.url);
    const url = client.authorizationUrl(h.endpoints(), { clientId: app.apiKey, redirectUri: app.redirectUri, state: 's' });
    const back = await approveConsent(url, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses a wrong secret with INVALID_CREDENTIALS', async () => {
    const app = await downloads.simulatorApps.demoApp(h.url);
    const back = await approveConsent(client.authorizationUrl(h.endpoints(), { clientId: app.apiKey, redirectUri: app.redirectUri, state: 's' }));
    const err = await caught(
      client.exchangeCode(h.endpoints(), { code: back.searchParams.get('code') ?? '', clientId: app.apiKey, clientSecret: 'wrong-secret-canary', redirectUri: app.redirectUri }),
    );
    expect(err.code).toBe('INVALID_CREDENTIALS');
    expect(JSON.stringify([err.message, err.logDetail])).not.toContain('wrong-secret-canary');
  });

  it('reads the profile and funds', async () => {
    const profile = await client.getProfile(auth);
    expect(profile.broker).toBe('UPSTOX');
    expect(profile.isActive).toBe(true);
    expect(profile.exchanges).toContain('NSE');
    const funds = await client.getFunds(auth);
    expect(funds.equity.availableMargin).toBeGreaterThan(0);
    expect(typeof funds.equity.usedMargin).toBe('number');
  });

  it('places (v3, tag, slice false), reads, modifies and cancels an order', async () => {
    const placed = await client.placeOrder(auth, limitBuy('desk-flow-1', 700));
    expect(placed.orderIds).toHaveLength(1);
    expect(typeof placed.latencyMs).toBe('number');
    const id = placed.orderIds[0];
    expect(await h.calls('POST /v3/order/place')).toBe(1);
    const atSim = (await h.simOrders()).find((o) => o.order_id === id);
    expect(atSim?.tag).toBe('desk-flow-1');

    const open = await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open');
    expect(open).toMatchObject({ orderId: id, instrumentKey: SBIN, price: 700, quantity: 2, statusClass: 'working', tag: 'desk-flow-1', orderType: 'LIMIT' });
    expect(open.placedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);

    const modified = await client.modifyOrder(auth, id, { orderType: 'LIMIT', validity: 'DAY', price: 705.5 });
    expect(modified.orderId).toBe(id);
    expect(await h.calls('PUT /v3/order/modify')).toBe(1);
    await eventually(() => client.getOrderDetails(auth, id), (o) => o.price === 705.5 && o.status === 'open');
    // Omitted price keeps the order's current one (Upstox requires it, so the client reads it first).
    await client.modifyOrder(auth, id, { orderType: 'LIMIT', validity: 'DAY', quantity: 3 });
    const kept = await eventually(() => client.getOrderDetails(auth, id), (o) => o.quantity === 3 && o.status === 'open');
    expect(kept.price).toBe(705.5);

    const cancelled = await client.cancelOrder(auth, id);
    expect(cancelled.orderId).toBe(id);
    expect(await h.calls('DELETE /v3/order/cancel')).toBe(1);
    const final = await eventually(() => client.getOrderDetails(auth, id), (o) => o.statusClass === 'cancelled');
    expect(final.status).toBe('cancelled');

    const book = await client.getOrderBook(auth);
    expect(book.map((o) => o.orderId)).toContain(id);

    const byTag = await client.getOrderHistory(auth, { tag: 'desk-flow-1' });
    expect(byTag.length).toBeGreaterThan(2);
    expect(new Set(byTag.map((r) => r.orderId))).toEqual(new Set([id]));
    expect(byTag.every((r) => r.tag === 'desk-flow-1')).toBe(true);
    expect(byTag[byTag.length - 1].status).toBe('cancelled');
    const byId = await client.getOrderHistory(auth, { orderId: id });
    expect(byId.map((r) => r.status)).toEqual(byTag.map((r) => r.status));
    expect(await client.getOrderHistory(auth, { tag: 'no-such-tag' })).toEqual([]);

    const again = await caught(client.cancelOrder(auth, id));
    expect([again.code, again.outcome]).toEqual(['ORDER_NOT_CANCELLABLE', 'rejected']);
  });

  it('fills a market order and lists its trades', async () => {
    const { orderIds } = await client.placeOrder(auth, { ...limitBuy('desk-mkt-1', 0), orderType: 'MARKET', price: undefined, quantity: 3 });
    const id = orderIds[0];
    const done = await eventually(() => client.getOrderDetails(auth, id), (o) => o.statusClass === 'complete');
    expect(done.filledQuantity).toBe(3);
    expect(done.averagePrice).toBeGreaterThan(0);
    const trades = await client.getTrades(auth);
    const mine = trades.filter((t) => t.orderId === id);
    expect(mine.reduce((n, t) => n + t.quantity, 0)).toBe(3);
    expect(mine[0]).toMatchObject({ instrumentKey: SBIN, transactionType: 'BUY' });
    expect(await client.getTradesByOrder(auth, id)).toEqual(mine);
  });

  it('maps Upstox order errors: unknown id, validation with fields', async () => {
    const missing = await caught(client.getOrderDetails(auth, '999999999999999'));
    expect([missing.code, missing.upstoxCode]).toEqual(['ORDER_NOT_FOUND', 'UDAPI100010']);
    const invalid = await caught(client.placeOrder(auth, { ...limitBuy('desk-bad', 700), quantity: 0 }));
    expect([invalid.code, invalid.outcome]).toEqual(['VALIDATION_FAILED', 'rejected']);
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'quantity' })]));
  });

  it('gets last prices keyed by instrument key', async () => {
    const prices = await client.getLastPrices(auth, [SBIN, RELIANCE, 'NSE_EQ|INE000000000']);
    expect(Object.keys(prices).sort()).toEqual([RELIANCE, SBIN].sort());
    expect(prices[SBIN]).toBeGreaterThan(0);
    await h.control('POST', 'price', { instrument_key: SBIN, last_price: 812.35 });
    expect((await client.getLastPrices(auth, [SBIN]))[SBIN]).toBe(812.35);
    expect(await client.getLastPrices(auth, [])).toEqual({});
  });

  it('loads the instrument file from a URL (plain and gzipped) and from a local file', async () => {
    const gz = await downloads.instrumentFiles.load({ url: `${h.url}/market-quote/instruments/exchange/complete.json.gz` });
    const plain = await downloads.instrumentFiles.load({ url: `${h.url}/market-quote/instruments/exchange/complete.json` });
    expect(gz).toEqual(plain);
    const sbin = gz.find((i) => i.instrumentKey === SBIN);
    expect(sbin).toMatchObject({ tradingSymbol: 'SBIN', segment: 'NSE_EQ', lotSize: 1, tickSize: 0.05, expiry: null });
    const option = gz.find((i) => i.instrumentType === 'CE');
    expect(option?.expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(option?.strikePrice).toBeGreaterThan(0);

    const dir = await mkdtemp(join(tmpdir(), 'instruments-'));
    try {
      const raw = await fetch(`${h.url}/market-quote/instruments/exchange/complete.json`).then((r) => r.text());
      await writeFile(join(dir, 'complete.json.gz'), gzipSync(raw));
      expect(await downloads.instrumentFiles.load({ file: join(dir, 'complete.json.gz') })).toEqual(plain);
      await expect(downloads.instrumentFiles.load({ file: join(dir, 'missing.json') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('logs out, after which the token is refused with TOKEN_INVALID and no retry', async () => {
    await client.logout(auth);
    const before = await h.calls('GET /v2/user/profile');
    const err = await caught(client.getProfile(auth));
    expect([err.code, err.upstoxCode, err.upstreamStatus, err.outcome]).toEqual(['TOKEN_INVALID', 'UDAPI100050', 401, 'rejected']);
    expect(await h.calls('GET /v2/user/profile')).toBe(before + 1);
    expect(JSON.stringify([err.message, err.logDetail])).not.toContain(auth.accessToken);
  });
});
