import { eventually, makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxAuth } from './upstox-client';

const SBIN = 'NSE_EQ|INE062A01020';
const AUTHORIZE = 'GET /v2/feed/portfolio-stream-feed/authorize';

describe('HttpUpstoxClient against the real simulator: positions, holdings, order snapshot, stream authorize', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  const setPrice = (last_price: number) => h.control('POST', 'price', { instrument_key: SBIN, last_price });

  it('reads positions that follow real fills, with P&L at the last price', async () => {
    await setPrice(800);
    expect(await client.getPositions(auth)).toEqual([]);
    const { orderIds } = await client.placeOrder(auth, {
      instrumentKey: SBIN, transactionType: 'BUY', quantity: 5, orderType: 'LIMIT', product: 'I', validity: 'DAY', price: 700, brokerTag: 'pos-1',
    });
    await eventually(() => client.getOrderDetails(auth, orderIds[0]), (o) => o.status === 'open');
    await h.control('POST', 'fill', { order_id: orderIds[0], quantity: 3 });

    const [long] = await client.getPositions(auth);
    expect(long).toMatchObject({
      instrumentKey: SBIN, tradingSymbol: 'SBIN', exchange: 'NSE', product: 'I', quantity: 3, multiplier: 1, averagePrice: 700,
      buyQuantity: 3, buyPrice: 700, buyValue: 2100, sellQuantity: 0, lastPrice: 800, unrealised: 300, pnl: 300,
    });
    expect(long.realised === 0).toBe(true);

    await setPrice(810);
    await client.placeOrder(auth, { instrumentKey: SBIN, transactionType: 'SELL', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY', brokerTag: 'pos-2' });
    const after = await eventually(() => client.getPositions(auth), (ps) => ps[0]?.sellQuantity === 1);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ quantity: 2, buyQuantity: 3, sellQuantity: 1, sellPrice: 810, lastPrice: 810, realised: 110, unrealised: 220, pnl: 330 });
  });

  it('reads holdings valued at the current price, with delivery sells as used quantity', async () => {
    await setPrice(800);
    const holdings = await client.getHoldings(auth);
    expect(holdings.length).toBeGreaterThan(1);
    const sbin = holdings.find((x) => x.instrumentKey === SBIN);
    expect(sbin).toMatchObject({
      isin: 'INE062A01020', tradingSymbol: 'SBIN', exchange: 'NSE', product: 'D', quantity: 25, t1Quantity: 0, usedQuantity: 0,
      averagePrice: 760, lastPrice: 800, invested: 19000, currentValue: 20000, pnl: 1000,
    });
    expect(sbin?.companyName).not.toBe('');
    const close = sbin?.closePrice ?? 0;
    expect(close).toBeGreaterThan(0);
    expect(sbin?.dayChange).toBeCloseTo(25 * (800 - close), 2);

    await client.placeOrder(auth, { instrumentKey: SBIN, transactionType: 'SELL', quantity: 5, orderType: 'MARKET', product: 'D', validity: 'DAY', brokerTag: 'hold-1' });
    const sold = await eventually(() => client.getHoldings(auth), (hs) => hs.find((x) => x.instrumentKey === SBIN)?.usedQuantity === 5);
    expect(sold.find((x) => x.instrumentKey === SBIN)?.usedQuantity).toBe(5);
  });

  it('reads the order book as OrderUpdates whose request id counts the modifications', async () => {
    const { orderIds } = await client.placeOrder(auth, {
      instrumentKey: SBIN, transactionType: 'BUY', quantity: 2, orderType: 'LIMIT', product: 'D', validity: 'DAY', price: 700, brokerTag: 'snap-1',
    });
    const id = orderIds[0];
    await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open');
    expect((await client.getOrderSnapshot(auth)).map((u) => [u.order.orderId, u.requestId])).toEqual([[id, 1]]);

    await client.modifyOrder(auth, id, { orderType: 'LIMIT', validity: 'DAY', price: 701 });
    const snapshot = await eventually(() => client.getOrderSnapshot(auth), (s) => s[0]?.requestId === 2 && s[0].order.status === 'open');
    expect(snapshot[0].order).toEqual(await client.getOrderDetails(auth, id));
    expect(snapshot[0].order.price).toBe(701);
  });

  it('authorizes the portfolio stream: a fresh single-use ws URI per call, counted as one read each', async () => {
    const first = await client.authorizePortfolioFeed(auth, ['order', 'position', 'holding', 'gtt_order']);
    const second = await client.authorizePortfolioFeed(auth, ['order']);
    for (const uri of [first, second]) expect(uri).toMatch(/^ws:\/\/.+\/order-updates\/feed\?requestId=[\w-]+&code=[\w-]+$/);
    expect(second).not.toBe(first);
    expect(await h.calls(AUTHORIZE)).toBe(2);
  });

  it('maps a refused token on authorize to TOKEN_INVALID (not retried) and refuses the sandbox locally', async () => {
    await h.control('POST', 'revoke', { access_token: auth.accessToken });
    await expect(client.authorizePortfolioFeed(auth, ['order'])).rejects.toMatchObject({ code: 'TOKEN_INVALID', upstreamStatus: 401, upstoxCode: 'UDAPI100050' });
    expect(await h.calls(AUTHORIZE)).toBe(1);

    const sandbox = await h.auth('sandbox');
    await expect(client.authorizePortfolioFeed(sandbox, ['order'])).rejects.toMatchObject({ code: 'NOT_AVAILABLE_IN_SANDBOX' });
    await expect(client.getPositions(sandbox)).rejects.toMatchObject({ code: 'NOT_AVAILABLE_IN_SANDBOX' });
    expect(await h.calls(AUTHORIZE)).toBe(1);
  });

  it('retries the authorize call on a 5xx like any read', async () => {
    await h.fault(AUTHORIZE, 'status', { status: 503 });
    expect(await client.authorizePortfolioFeed(auth, ['order'])).toMatch(/^ws:\/\//);
    expect(await h.calls(AUTHORIZE)).toBe(2);
  });
});
