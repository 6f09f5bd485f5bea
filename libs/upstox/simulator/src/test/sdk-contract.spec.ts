/**
 * Contract tests: the official `upstox-js-sdk` (2.31.0) pointed at the simulator. Both of the SDK's base
 * paths (api.upstox.com and api-hft.upstox.com) are set to the simulator URL.
 */
import * as UpstoxSdk from 'upstox-js-sdk';
import { PortfolioDataFeeder } from 'upstox-js-sdk/dist/feeder/PortfolioDataFeeder';
import { WebSocket } from 'ws';
import { INFY, Loose, RELIANCE, SimHarness, sleep } from './harness';

interface SdkError {
  status: number;
  body: { status: string; errors: { error_code: string; errorCode: string; property_path: string | null; message: string }[] };
}

/** Promisifies an SDK callback-style call; rejects with the HTTP status and parsed error body. */
function sdk<T = Loose>(invoke: (cb: (error: Loose, data: T, response: Loose) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((error, data, response) => {
      if (error) reject({ status: error.status ?? response?.status, body: error.response?.body ?? response?.body } as SdkError);
      else resolve(data);
    });
  });
}

function sdkClient(url: string, accessToken?: string): Loose {
  const client = new UpstoxSdk.ApiClient();
  client.basePath = url;
  client.orderBasePath = url;
  if (accessToken) client.authentications['OAUTH2'].accessToken = accessToken;
  return client;
}

const placeBody = (overrides: Record<string, unknown> = {}) => ({
  quantity: 2,
  product: 'D',
  validity: 'DAY',
  price: 0,
  tag: 'sdk-contract',
  instrumentToken: RELIANCE,
  orderType: 'MARKET',
  transactionType: 'BUY',
  disclosedQuantity: 0,
  triggerPrice: 0,
  isAmo: false,
  marketProtection: -1, // Upstox refuses MARKET orders without it (UDAPI1158)
  ...overrides,
});

describe('upstox-js-sdk against the simulator', () => {
  let h: SimHarness;
  let client: Loose;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = sdkClient(h.sim.url, h.token);
  });
  afterAll(() => h.close());

  it('exchanges an authorization code for the flat token response (LoginApi.token)', async () => {
    const dialog = await fetch(
      `${h.sim.url}/v2/login/authorization/dialog?response_type=code&client_id=${encodeURIComponent(h.sim.app.clientId)}` +
        `&redirect_uri=${encodeURIComponent(h.sim.app.redirectUri)}&state=s-123`,
      { redirect: 'manual' },
    );
    const loginUrl = new URL(dialog.headers.get('location') as string);
    const approve = await fetch(loginUrl.origin + loginUrl.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: loginUrl.searchParams.get('request_id') as string, decision: 'approve' }),
      redirect: 'manual',
    });
    const code = new URL(approve.headers.get('location') as string).searchParams.get('code');
    const anonymous = sdkClient(h.sim.url);
    const token = await sdk<Loose>((cb) =>
      new UpstoxSdk.LoginApi(anonymous).token(
        '2.0',
        { code, clientId: h.sim.app.clientId, clientSecret: h.sim.app.clientSecret, redirectUri: h.sim.app.redirectUri, grantType: 'authorization_code' },
        cb,
      ),
    );
    expect(token.userId).toBe('SIM7K2');
    expect(token.broker).toBe('UPSTOX');
    expect(token.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(token.orderTypes).toEqual(['MARKET', 'LIMIT', 'SL', 'SL-M']);

    const viaNewToken = sdkClient(h.sim.url, token.accessToken);
    const profile = await sdk<Loose>((cb) => new UpstoxSdk.UserApi(viaNewToken).getProfile('2.0', cb));
    expect(profile.data.userName).toBe('Demo Trader (Simulator)');
  });

  it('rejects a reused code with UDAPI100016', async () => {
    const anonymous = sdkClient(h.sim.url);
    const error = await sdk((cb) =>
      new UpstoxSdk.LoginApi(anonymous).token(
        '2.0',
        { code: 'nosuchcode', clientId: h.sim.app.clientId, clientSecret: h.sim.app.clientSecret, redirectUri: h.sim.app.redirectUri, grantType: 'authorization_code' },
        cb,
      ),
    ).catch((e: SdkError) => e);
    expect((error as SdkError).status).toBe(400);
    expect((error as SdkError).body.errors[0].error_code).toBe('UDAPI100016');
  });

  it('reads the profile and funds', async () => {
    const profile = await sdk<Loose>((cb) => new UpstoxSdk.UserApi(client).getProfile('2.0', cb));
    expect(profile.status).toBe('success');
    expect(profile.data).toMatchObject({ userId: 'SIM7K2', email: 'demo.trader@example.com', isActive: true, poa: false });
    expect(profile.data.exchanges).toContain('NSE');

    const funds = await sdk<Loose>((cb) => new UpstoxSdk.UserApi(client).getUserFundMargin('2.0', { segment: 'SEC' }, cb));
    expect(funds.data.equity.availableMargin).toBe(500000);
    expect(funds.data.equity.usedMargin).toBe(0);
    expect(funds.data.commodity).toBeUndefined();
  });

  it('places (v2 and v3), lists, details, history and trades', async () => {
    // The SDK's v2 model has no marketProtection (it drops it), and Upstox refuses MARKET without it: a marketable LIMIT.
    const v2 = await sdk<Loose>((cb) =>
      new UpstoxSdk.OrderApi(client).placeOrder(placeBody({ tag: 'sdk-v2', orderType: 'LIMIT', price: 1500 }), '2.0', cb),
    );
    expect(v2.data.orderId).toMatch(/^\d{15}$/);
    const v3 = await sdk<Loose>((cb) => new UpstoxSdk.OrderApiV3(client).placeOrder(placeBody({ tag: 'sdk-v3' }), {}, cb));
    expect(v3.data.orderIds).toHaveLength(1);
    expect(v3.metadata.latency).toBeGreaterThanOrEqual(1);
    const v3Id: string = v3.data.orderIds[0];
    await h.waitForStatus(v3Id, 'complete');
    await h.waitForStatus(v2.data.orderId, 'complete');

    const book = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getOrderBook('2.0', cb));
    const row = book.data.find((o: Loose) => o.orderId === v3Id);
    expect(row).toMatchObject({ status: 'complete', tradingSymbol: 'RELIANCE', tradingsymbol: 'RELIANCE', filledQuantity: 2, pendingQuantity: 0, tag: 'sdk-v3' });
    expect(row.averagePrice).toBe(1420.5);
    expect(row.exchangeOrderId).toMatch(/^\d{16}$/);
    expect(row.orderTimestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const details = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getOrderStatus({ orderId: v3Id }, cb));
    expect(details.data.orderId).toBe(v3Id);
    expect(details.data.status).toBe('complete');

    const history = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getOrderDetails('2.0', { orderId: v3Id }, cb));
    expect(history.data.map((e: Loose) => e.status)).toEqual(['put order req received', 'validation pending', 'open pending', 'open', 'complete']);
    const byTag = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getOrderDetails('2.0', { tag: 'sdk-v2' }, cb));
    expect(new Set(byTag.data.map((e: Loose) => e.orderId))).toEqual(new Set([v2.data.orderId]));

    const trades = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getTradeHistory('2.0', cb));
    expect(trades.data.filter((t: Loose) => t.orderId === v3Id)).toHaveLength(1);
    const byOrder = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).getTradesByOrder(v3Id, '2.0', cb));
    expect(byOrder.data[0]).toMatchObject({ orderId: v3Id, quantity: 2, averagePrice: 1420.5, transactionType: 'BUY' });
    expect(byOrder.data[0].tradeId).toMatch(/^\d{8}$/);
  });

  it('modifies (v2, v3) and cancels (v2, v3) resting orders', async () => {
    const place = (price: number) =>
      sdk<Loose>((cb) => new UpstoxSdk.OrderApiV3(client).placeOrder(placeBody({ orderType: 'LIMIT', price }), {}, cb));
    const a: string = (await place(1300)).data.orderIds[0];
    const b: string = (await place(1301)).data.orderIds[0];
    await h.waitForStatus(a, 'open');
    await h.waitForStatus(b, 'open');

    const m2 = await sdk<Loose>((cb) =>
      new UpstoxSdk.OrderApi(client).modifyOrder({ orderId: a, orderType: 'LIMIT', validity: 'DAY', price: 1310, triggerPrice: 0, quantity: 3 }, '2.0', cb),
    );
    expect(m2.data.orderId).toBe(a);
    const m3 = await sdk<Loose>((cb) =>
      new UpstoxSdk.OrderApiV3(client).modifyOrder({ orderId: b, orderType: 'LIMIT', validity: 'DAY', price: 1311, triggerPrice: 0 }, cb),
    );
    expect(m3.data.orderId).toBe(b);
    expect(m3.metadata.latency).toBeGreaterThanOrEqual(1);
    const modified = await h.waitForOrder(a, (o) => o.order_request_id === '2' && o.status === 'open');
    expect(modified).toMatchObject({ price: 1310, quantity: 3, pending_quantity: 3 });

    const c2 = await sdk<Loose>((cb) => new UpstoxSdk.OrderApi(client).cancelOrder(a, '2.0', cb));
    expect(c2.data.orderId).toBe(a);
    await h.waitForOrder(b, (o) => o.order_request_id === '2' && o.status === 'open');
    const c3 = await sdk<Loose>((cb) => new UpstoxSdk.OrderApiV3(client).cancelOrder(b, cb));
    expect(c3.data.orderId).toBe(b);
    expect(c3.metadata.latency).toBeGreaterThanOrEqual(1);
    await h.waitForStatus(a, 'cancelled');
    await h.waitForStatus(b, 'cancelled');
  });

  it('reads positions and holdings', async () => {
    const positions = await sdk<Loose>((cb) => new UpstoxSdk.PortfolioApi(client).getPositions('2.0', cb));
    const reliance = positions.data.find((p: Loose) => p.instrumentToken === RELIANCE);
    expect(reliance).toMatchObject({ quantity: 4, dayBuyQuantity: 4, exchange: 'NSE', product: 'D', tradingSymbol: 'RELIANCE' });
    expect(reliance.buyPrice).toBe(1420.5);

    const holdings = await sdk<Loose>((cb) => new UpstoxSdk.PortfolioApi(client).getHoldings('2.0', cb));
    const infy = holdings.data.find((x: Loose) => x.tradingSymbol === 'INFY');
    expect(infy).toMatchObject({ isin: 'INE009A01021', quantity: 10, averagePrice: 1482.25, product: 'D', exchange: 'NSE' });
    expect(infy.pnl).toBeCloseTo((1552.8 - 1482.25) * 10, 2);
  });

  it('reads LTP v3 (keyed SEGMENT:SYMBOL, instrument_token inside) and v2', async () => {
    const v3 = await sdk<Loose>((cb) =>
      new UpstoxSdk.MarketQuoteV3Api(client).getLtp({ instrumentKey: `${RELIANCE},NSE_INDEX|Nifty 50` }, cb),
    );
    expect(v3.data['NSE_EQ:RELIANCE'].lastPrice).toBe(1420.5);
    expect(v3.data['NSE_EQ:RELIANCE'].instrumentToken).toBe(RELIANCE);
    expect(v3.data['NSE_INDEX:Nifty 50'].lastPrice).toBe(25905.3);
    // The v2 SDK method sends the deprecated `symbol` query parameter, which the simulator accepts on v2.
    const v2 = await sdk<Loose>((cb) => new UpstoxSdk.MarketQuoteApi(client).ltp(RELIANCE, '2.0', cb));
    expect(v2.data['NSE_EQ:RELIANCE']).toMatchObject({ lastPrice: 1420.5, instrumentToken: RELIANCE });
  });

  it('authorizes the portfolio stream feed and the URI opens a socket once', async () => {
    const auth = await sdk<Loose>((cb) => new UpstoxSdk.WebsocketApi(client).getPortfolioStreamFeedAuthorize('2.0', cb));
    const uri: string = auth.data.authorizedRedirectUri;
    expect(uri).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/order-updates\/feed\?requestId=[\w-]+&code=[\w-]+$/);
    const socket = new WebSocket(uri);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.close();
    const again = new WebSocket(uri);
    const refused = await new Promise<number>((resolve) => again.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(refused).toBe(401);
    await sleep(5);
  });

  it('reports error paths with the documented codes', async () => {
    const bad = sdkClient(h.sim.url, 'not-a-token');
    const unauthorized = (await sdk((cb) => new UpstoxSdk.UserApi(bad).getProfile('2.0', cb)).catch((e) => e)) as SdkError;
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body.errors[0]).toMatchObject({ error_code: 'UDAPI100050', errorCode: 'UDAPI100050', message: 'Invalid token used to access API' });

    const unknown = (await sdk((cb) => new UpstoxSdk.OrderApi(client).getOrderStatus({ orderId: '261128999999999' }, cb)).catch((e) => e)) as SdkError;
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].error_code).toBe('UDAPI100010');

    const invalid = (await sdk((cb) =>
      new UpstoxSdk.OrderApiV3(client).placeOrder(placeBody({ orderType: 'STOP', validity: 'GTC', quantity: 0 }), {}, cb),
    ).catch((e) => e)) as SdkError;
    expect(invalid.status).toBe(400);
    const codes = invalid.body.errors.map((e) => `${e.error_code}:${e.property_path}`);
    expect(codes).toEqual(expect.arrayContaining(['UDAPI1056:order_type', 'UDAPI1055:validity', 'UDAPI1052:quantity']));

    const cancelUnknown = (await sdk((cb) => new UpstoxSdk.OrderApi(client).cancelOrder('261128999999999', '2.0', cb)).catch((e) => e)) as SdkError;
    expect(cancelUnknown.body.errors[0].error_code).toBe('UDAPI100010');
  });

  it('logs out (LoginApi.logout) and the token stops working', async () => {
    const token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const own = sdkClient(h.sim.url, token);
    const out = await sdk<Loose>((cb) => new UpstoxSdk.LoginApi(own).logout('2.0', cb));
    expect(out.status).toBe('success');
    expect(out.data).toBe(true);
    const after = (await sdk((cb) => new UpstoxSdk.UserApi(own).getProfile('2.0', cb)).catch((e) => e)) as SdkError;
    expect(after.status).toBe(401);
  });
});

describe('upstox-js-sdk PortfolioDataStreamer against the simulator', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('PortfolioDataStreamer (its hard-coded wss://api.upstox.com host pointed here) gets order, position and holding messages', async () => {
    // The SDK builds the feed URL from a constant host and reads the token from the default ApiClient.
    const feederProto = PortfolioDataFeeder.prototype;
    const upstoxUrl = feederProto.getWebSocketUrl;
    feederProto.getWebSocketUrl = function (...args: unknown[]): string {
      return upstoxUrl.apply(this, args).replace('wss://api.upstox.com', h.sim.url.replace('http', 'ws'));
    };
    UpstoxSdk.ApiClient.instance.authentications['OAUTH2'].accessToken = h.token;
    const streamer = new UpstoxSdk.PortfolioDataStreamer(true, true, true);
    streamer.autoReconnect(false);
    const messages: Loose[] = [];
    streamer.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    try {
      await new Promise((resolve) => {
        streamer.once('open', resolve);
        void streamer.connect();
      });
      const sell = await sdk<Loose>((cb) =>
        new UpstoxSdk.OrderApiV3(sdkClient(h.sim.url, h.token)).placeOrder(placeBody({ instrumentToken: INFY, transactionType: 'SELL', quantity: 1 }), {}, cb),
      );
      const id: string = sell.data.orderIds[0];
      await h.waitForStatus(id, 'complete');
      const deadline = Date.now() + 3000;
      while (!messages.some((m) => m.update_type === 'holding') && Date.now() < deadline) await sleep(5);

      const complete = messages.findIndex((m) => m.order_id === id && m.status === 'complete');
      expect(complete).toBeGreaterThanOrEqual(0);
      expect(messages.slice(complete, complete + 3).map((m) => m.update_type)).toEqual(['order', 'position', 'holding']);
      expect(messages[complete + 1]).toMatchObject({ instrument_key: INFY, exchange: 'NSE_EQ', product: 'D', day_sell_quantity: 1 });
      expect(messages[complete + 2]).toMatchObject({ instrument_token: INFY, cnc_used_quantity: 1, quantity: 10 });
    } finally {
      streamer.removeAllListeners('close'); // its auto-reconnect timer starts on close, even when disabled
      streamer.disconnect();
      feederProto.getWebSocketUrl = upstoxUrl;
    }
  });
});
