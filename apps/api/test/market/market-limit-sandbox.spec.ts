import type { OrderCostsView } from '@desk/contracts';
import { limitBuy, OrdersStack, SimControl, startOrdersStack, waitFor, workingOrder } from '../orders/orders-harness';
import { BrowserAgent, freePort, Stack, startStack } from '../support/stack';
import { FAST_MARKET_ENV, HDFCBANK, INFY, marketStatus, RELIANCE, simMarketFeed, simSubscriptions, TCS, waitForFeedLive, waitForSubscriptions } from './market-harness';

describe('market data feed limit (real api + simulator, MARKET_FEED_MAX_INSTRUMENTS=3)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: { ...FAST_MARKET_ENV, MARKET_FEED_MAX_INSTRUMENTS: '3' } });
    await waitForFeedLive(s.browser);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('keeps the most important within the limit (working orders before holdings before leases) and logs what it left out', async () => {
    // Four holdings, room for three: the first three by key.
    await waitForSubscriptions(s.sim, 'three holdings', (k) => k.length === 3);
    expect(await simSubscriptions(s.sim)).toEqual([INFY, HDFCBANK, 'NSE_EQ|INE062A01020'].sort());

    const orderId = await workingOrder(s, { instrumentKey: RELIANCE, price: 1000 });
    await waitForSubscriptions(s.sim, 'the working order in, a holding out', (k) => k.includes(RELIANCE));
    expect(await simSubscriptions(s.sim)).toEqual([RELIANCE, INFY, HDFCBANK].sort());

    const lease = await s.browser.api('POST', '/api/market/interest', { instrumentKeys: [TCS] });
    expect(lease.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(await simSubscriptions(s.sim)).toEqual([RELIANCE, INFY, HDFCBANK].sort());
    await waitFor('the log of what was left out', async () =>
      s.stack.logLines().some((l) => l.includes('limit of 3 instruments reached') && l.includes(`${TCS} (interest)`) && l.includes('(holding)')),
    );

    expect((await s.browser.api('DELETE', `/api/orders/${orderId}`)).status).toBe(200);
    // The order ended: its room goes to the next in line (a holding before the lease).
    await waitForSubscriptions(s.sim, 'the holdings back', (k) => !k.includes(RELIANCE) && k.length === 3);
    expect(await simSubscriptions(s.sim)).not.toContain(TCS);
  }, 40_000);
});

describe('market data in the Upstox sandbox (real api + simulator as the sandbox host)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let sim: SimControl;
  beforeAll(async () => {
    const simPort = await freePort();
    stack = await startStack({ sim: { port: simPort }, env: { UPSTOX_SANDBOX_URL: `http://127.0.0.1:${simPort}` } });
    sim = new SimControl(stack.simUrl);
    browser = stack.browser();
    await browser.signIn();
    const app = (await sim.call('GET', 'app')).body as { client_id: string; client_secret: string };
    const res = await browser.api('POST', '/api/connection/token', {
      apiKey: app.client_id,
      apiSecret: app.client_secret,
      accessToken: await sim.mintToken(),
      environment: 'sandbox',
    });
    expect(res.status).toBeLessThan(300);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('opens no feed, and answers order costs with both parts null and the reason', async () => {
    const res = await browser.api('POST', '/api/orders/costs', limitBuy({ price: 1400 }));
    expect(res.status).toBe(200);
    const view = res.body as OrderCostsView;
    expect(view).toMatchObject({ margin: null, charges: null, unavailableReason: 'Not available in the Upstox sandbox.', deskLimit: null });
    // The desk's own limits apply in the sandbox too: said here, before Confirm.
    const tooMany = (await browser.api('POST', '/api/orders/costs', limitBuy({ quantity: 10_001, price: 1 }))).body as OrderCostsView;
    expect(tooMany.deskLimit?.limit).toBe('ORDER_MAX_QUANTITY');
    expect(await sim.calls('POST /v2/charges/margin')).toBe(0);
    expect(await sim.calls('GET /v2/charges/brokerage')).toBe(0);
    expect((await simMarketFeed(sim)).opened_total).toBe(0);
    expect((await marketStatus(browser)).feed).toBeNull();
  });
});
