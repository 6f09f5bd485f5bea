import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPort, makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxApiError } from './upstox-api-error';
import { BrokerPlaceOrder, UpstoxAuth } from './upstox-client';

const SBIN = 'NSE_EQ|INE062A01020';
const PLACE = 'POST /v3/order/place';
const PROFILE = 'GET /v2/user/profile';

function order(tag: string): BrokerPlaceOrder {
  return { instrumentKey: SBIN, transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', product: 'I', validity: 'DAY', price: 700, brokerTag: tag };
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

describe('HttpUpstoxClient against the real simulator: faults', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient({ timeoutMs: 400 });
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  it('times out a hung place: UPSTOX_TIMEOUT, outcome unknown, exactly 1 call', async () => {
    await h.fault(PLACE, 'hang');
    const started = Date.now();
    const err = await caught(client.placeOrder(auth, order('desk-hang')));
    expect([err.code, err.outcome, err.upstreamStatus]).toEqual(['UPSTOX_TIMEOUT', 'unknown', null]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.calls(PLACE)).toBe(1);
  });

  it('times out a hung read without retrying it', async () => {
    await h.fault(PROFILE, 'hang');
    const err = await caught(client.getProfile(auth));
    expect(err.code).toBe('UPSTOX_TIMEOUT');
    expect(await h.calls(PROFILE)).toBe(1);
  });

  it('never retries a place whose connection reset after Upstox recorded it', async () => {
    await h.fault(PLACE, 'reset-after');
    const err = await caught(client.placeOrder(auth, order('desk-reset')));
    expect([err.code, err.outcome]).toEqual(['UPSTOX_UNREACHABLE', 'unknown']);
    expect(await h.calls(PLACE)).toBe(1);
    expect((await h.simOrders()).filter((o) => o.tag === 'desk-reset')).toHaveLength(1);
  });

  it('reports a 5xx after recording as unknown and does not retry the write', async () => {
    await h.fault(PLACE, 'status-after', { status: 503 });
    const err = await caught(client.placeOrder(auth, order('desk-503')));
    expect([err.code, err.outcome, err.upstreamStatus]).toEqual(['UPSTOX_UNAVAILABLE', 'unknown', 503]);
    expect(await h.calls(PLACE)).toBe(1);
    expect((await h.simOrders()).filter((o) => o.tag === 'desk-503')).toHaveLength(1);
  });

  it('treats an Upstox 429 on a write as unknown and does not retry it', async () => {
    await h.fault(PLACE, 'status', { status: 429 });
    const err = await caught(client.placeOrder(auth, order('desk-429')));
    expect([err.code, err.upstoxCode, err.outcome]).toEqual(['UPSTOX_RATE_LIMITED', 'UDAPI10005', 'unknown']);
    expect(await h.calls(PLACE)).toBe(1);
  });

  it('retries a read after a 5xx and succeeds', async () => {
    await h.fault(PROFILE, 'status', { status: 500 });
    const profile = await client.getProfile(auth);
    expect(profile.userId.length).toBeGreaterThan(0);
    expect(await h.calls(PROFILE)).toBe(2);
  });

  it('gives up a read after 3 attempts', async () => {
    await h.fault(PROFILE, 'status', { status: 503, count: 5 });
    const err = await caught(client.getProfile(auth));
    expect([err.code, err.upstreamStatus]).toEqual(['UPSTOX_UNAVAILABLE', 503]);
    expect(await h.calls(PROFILE)).toBe(3);
  });

  it('retries a read after a connection reset and after a 429', async () => {
    await h.fault(PROFILE, 'reset-before');
    await h.fault(PROFILE, 'status', { status: 429 });
    await client.getProfile(auth);
    expect(await h.calls(PROFILE)).toBe(3);
  });

  it('answers UPSTOX_UNREACHABLE (outcome rejected) for a closed port', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down: UpstoxAuth = { accessToken: auth.accessToken, endpoints: { environment: 'live', apiUrl: url, orderUrl: url } };
    const read = await caught(client.getProfile(down));
    expect([read.code, read.title, read.outcome]).toEqual(['UPSTOX_UNREACHABLE', 'Connection Failed', 'rejected']);
    expect(read.message).toMatch(/network/);
    const write = await caught(client.placeOrder(down, order('desk-down')));
    expect([write.code, write.outcome]).toEqual(['UPSTOX_UNREACHABLE', 'rejected']);
  });

  it('sends order writes to orderUrl and everything else to apiUrl', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const split: UpstoxAuth = { accessToken: auth.accessToken, endpoints: { environment: 'live', apiUrl: dead, orderUrl: h.url } };
    const { orderIds } = await client.placeOrder(split, order('desk-split'));
    expect(orderIds).toHaveLength(1);
    await client.modifyOrder(split, orderIds[0], { orderType: 'LIMIT', validity: 'DAY', price: 701 });
    await client.cancelOrder(split, orderIds[0]);
    expect((await caught(client.getOrderBook(split))).code).toBe('UPSTOX_UNREACHABLE');
  });

  it('refuses sandbox reads locally, without a network call, but lets sandbox orders through', async () => {
    const sandbox = await h.auth('sandbox');
    const before = await h.totalCalls();
    const reads: Promise<unknown>[] = [
      client.getProfile(sandbox), client.getFunds(sandbox), client.getOrderBook(sandbox), client.getOrderDetails(sandbox, '1'),
      client.getOrderHistory(sandbox, { tag: 'x' }), client.getTrades(sandbox), client.getTradesByOrder(sandbox, '1'),
      client.getLastPrices(sandbox, [SBIN]),
    ];
    for (const p of reads) {
      const err = await caught(p);
      expect(err.code).toBe('NOT_AVAILABLE_IN_SANDBOX');
      expect(err.message).toContain('not available in the Upstox sandbox');
    }
    expect(() => client.authorizationUrl(sandbox.endpoints, { clientId: 'a', redirectUri: 'http://localhost:5000/callback', state: 's' })).toThrow(
      /not available in the Upstox sandbox/,
    );
    expect(await h.totalCalls()).toBe(before);
    expect((await client.placeOrder(sandbox, order('desk-sandbox'))).orderIds).toHaveLength(1);
  });

  it('refuses writes over the outbound budget locally instead of bursting into Upstox 429s', async () => {
    const tight = makeClient({ limits: { write: [{ limit: 2, windowMs: 60_000 }], read: [{ limit: 40, windowMs: 1_000 }], writeMaxWaitMs: 50, readMaxWaitMs: 50 } });
    try {
      const results = await Promise.allSettled([1, 2, 3, 4].map((n) => tight.placeOrder(auth, order(`desk-burst-${n}`))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as UpstoxApiError).code);
      expect(refused).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
      expect(await h.calls(PLACE)).toBe(2);
    } finally {
      tight.close();
    }
  });
});

describe('HttpUpstoxClient wire format', () => {
  let server: Server;
  let url: string;
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '{}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (seen.length = 0));

  const live = () => ({ environment: 'live' as const, apiUrl: url, orderUrl: url });

  it('sends the token exchange form-urlencoded with Accept JSON and a normal User-Agent, no Authorization', async () => {
    const client = makeClient();
    reply = { status: 200, body: JSON.stringify({ access_token: 'tok', user_id: 'U1', user_name: 'N', email: 'e', broker: 'UPSTOX', exchanges: [], products: [], order_types: [], user_type: 'individual', poa: false, is_active: true }) };
    await client.exchangeCode(live(), { code: 'c0de', clientId: 'key', clientSecret: 's3cret', redirectUri: 'http://localhost:5000/callback' });
    client.close();
    const req = seen[0];
    expect([req.method, req.url]).toEqual(['POST', '/v2/login/authorization/token']);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['accept']).toBe('application/json');
    expect(req.headers['user-agent']).toMatch(/^Mozilla\/5\.0/);
    expect(req.headers['authorization']).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      code: 'c0de', client_id: 'key', client_secret: 's3cret', redirect_uri: 'http://localhost:5000/callback', grant_type: 'authorization_code',
    });
  });

  it('places via v3 with defaults (price/trigger 0, disclosed 0, is_amo false, slice false, tag = broker tag, market protection -1)', async () => {
    const client = makeClient();
    reply = { status: 200, body: JSON.stringify({ status: 'success', data: { order_ids: ['250101000000001'] }, metadata: { latency: 12 } }) };
    const result = await client.placeOrder({ endpoints: live(), accessToken: 'tok-abc' }, {
      instrumentKey: SBIN, transactionType: 'SELL', quantity: 5, orderType: 'MARKET', product: 'I', validity: 'IOC', brokerTag: 'desk-0001', tag: 'mine',
    });
    client.close();
    expect(result).toEqual({ orderIds: ['250101000000001'], latencyMs: 12 });
    expect(seen[0].url).toBe('/v3/order/place');
    expect(seen[0].headers['authorization']).toBe('Bearer tok-abc');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({
      quantity: 5, product: 'I', validity: 'IOC', price: 0, tag: 'desk-0001', instrument_token: SBIN, order_type: 'MARKET',
      transaction_type: 'SELL', disclosed_quantity: 0, trigger_price: 0, is_amo: false, slice: false, market_protection: -1,
    });
  });

  it('percent-encodes instrument keys and keeps list commas', async () => {
    const client = makeClient();
    reply = { status: 200, body: JSON.stringify({ status: 'success', data: { 'NSE_INDEX:Nifty 50': { last_price: 25905.3, instrument_token: 'NSE_INDEX|Nifty 50' } } }) };
    const prices = await client.getLastPrices({ endpoints: live(), accessToken: 't' }, ['NSE_INDEX|Nifty 50', SBIN]);
    client.close();
    expect(seen[0].url).toBe('/v3/market-quote/ltp?instrument_key=NSE_INDEX%7CNifty%2050,NSE_EQ%7CINE062A01020');
    expect(prices).toEqual({ 'NSE_INDEX|Nifty 50': 25905.3 });
  });

  it('treats a 200 that is not the Upstox envelope as an unknown outcome', async () => {
    const client = makeClient();
    reply = { status: 200, body: '<html>gateway</html>' };
    const err = await caught(client.placeOrder({ endpoints: live(), accessToken: 't' }, order('desk-html')));
    client.close();
    expect([err.code, err.outcome]).toEqual(['UPSTOX_ERROR', 'unknown']);
    expect(seen).toHaveLength(1);
  });
});
