import { nextTokenExpiry } from '@desk/contracts';
import { occurrencesInDataDir } from '../support/db-bytes';
import { BrowserAgent, rawRequest, Stack, startStack } from '../support/stack';
import { FAST_ORDER_ENV, limitBuy, ordersApi, SimControl, waitFor } from '../orders/orders-harness';
import { connectWithOAuth, consent, signedIn } from './connection-support';

const TRADES_ROUTE = 'GET /v2/order/trades/get-trades-for-day';
const ORDER_BOOK_ROUTE = 'GET /v2/order/retrieve-all';
const PORTFOLIO_AUTHORIZE_ROUTE = 'GET /v2/feed/portfolio-stream-feed/authorize';
/** ACCOUNT_SNAPSHOT_MIN_INTERVAL_MS of this stack: a read after this pause goes to Upstox again. */
const SNAPSHOT_INTERVAL_MS = 200;

/**
 * The demo user's extended token, learnt the way any app would: its own sign-in and token exchange at the simulator.
 * Upstox hands out the same extended token again unless asked to regenerate it, so it is the one the api stores.
 */
async function demoUsersExtendedToken(stack: Stack): Promise<string> {
  const { clientId, clientSecret, redirectUri } = stack.sim.app;
  const dialog = `${stack.simUrl}/v2/login/authorization/dialog?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'test' })}`;
  const back = await consent(stack.browser(), dialog, 'approve');
  const code = new URL(back).searchParams.get('code') ?? '';
  const res = await rawRequest({
    method: 'POST',
    url: `${stack.simUrl}/v2/login/authorization/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ code, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, grant_type: 'authorization_code' }).toString(),
  });
  const token = res.body?.extended_token;
  if (res.status !== 200 || typeof token !== 'string' || token.length < 20) throw new Error(`no extended token: ${res.status} ${res.text}`);
  return token;
}

/**
 * Issue 9 item 4 against the real api and simulator: after 03:30 IST (the simulator's clock) the access token is dead,
 * but the extended token Upstox gave with it keeps the account readable; trading is refused with "Reconnect to trade".
 */
describe('read-only after the daily token dies (extended token; api + simulator)', () => {
  let stack: Stack;
  let sim: SimControl;
  let browser: BrowserAgent;
  let extendedToken: string;
  let orderId: string;

  beforeAll(async () => {
    stack = await startStack({ env: { ...FAST_ORDER_ENV, ACCOUNT_SNAPSHOT_MIN_INTERVAL_MS: String(SNAPSHOT_INTERVAL_MS) } });
    sim = new SimControl(stack.simUrl);
    await sim.call('POST', 'app', { extended_token: true });
    extendedToken = await demoUsersExtendedToken(stack);
    browser = await signedIn(stack);
    await connectWithOAuth(stack, browser);
    const placed = await ordersApi(stack, browser).place(limitBuy({ price: 1000, tag: 'before-expiry' }));
    if (placed.status !== 201) throw new Error(`place failed: ${placed.status} ${placed.text}`);
    orderId = placed.body.orderIds[0] as string;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('stores the extended token sealed: never in a response, a log line or the raw database bytes', async () => {
    const status = await browser.api('GET', '/api/connection');
    expect(status.body).toMatchObject({ state: 'connected', readOnly: false });
    const responses = [status, await browser.api('GET', '/api/orders'), await browser.api('GET', '/api/profile'), await browser.api('GET', '/api/funds')];
    for (const res of responses) expect(`${res.text}\n${JSON.stringify(res.headers)}`).not.toContain(extendedToken);
    expect(stack.logLines().join('\n')).toContain('with a read-only extended token');
    expect(stack.logLines().join('\n')).not.toContain(extendedToken);
    expect(occurrencesInDataDir(stack.dataDir, extendedToken)).toBe(0);
  });

  it('after the clock passes 03:30 IST: expired for trading, read-only, and every account read answers from Upstox with the extended token', async () => {
    const now = new Date((await sim.call('GET', 'clock')).body.now as string);
    await sim.call('POST', 'clock', { set: new Date(nextTokenExpiry(now).getTime() + 60_000).toISOString() });
    // The simulator closes the dead token's portfolio stream; the api finds the token refused and expires the connection.
    const status = await waitFor('the expired connection', async () => {
      const body = (await browser.api('GET', '/api/connection')).body;
      return body.state === 'expired' ? body : null;
    });
    expect(status).toMatchObject({ state: 'expired', readOnly: true, stream: null, userId: 'SIM7K2' });
    expect(status.reason).toEqual(expect.any(String));

    await pause(SNAPSHOT_INTERVAL_MS);
    const bookReads = await sim.calls(ORDER_BOOK_ROUTE);
    const orders = await browser.api('GET', '/api/orders');
    expect(orders.status).toBe(200);
    expect(orders.body.source).toBe('snapshot');
    expect(orders.body.orders.map((o: { orderId: string }) => o.orderId)).toContain(orderId);
    expect(await sim.calls(ORDER_BOOK_ROUTE)).toBe(bookReads + 1);
    for (const path of ['/api/trades', '/api/positions', '/api/holdings', '/api/funds', '/api/profile', `/api/orders/${orderId}`]) {
      const res = await browser.api('GET', path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).not.toContain(extendedToken);
    }
    expect(stack.logLines().join('\n')).not.toContain(extendedToken);

    // The streams need the daily token: none is opened again while read-only.
    const authorizes = await sim.calls(PORTFOLIO_AUTHORIZE_ROUTE);
    await pause(1_000);
    expect(await sim.calls(PORTFOLIO_AUTHORIZE_ROUTE)).toBe(authorizes);
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'expired', readOnly: true, stream: null });
  });

  it('refuses placing, modifying and cancelling locally with "Reconnect to trade" (no Upstox call)', async () => {
    const before = await sim.counts();
    const place = await ordersApi(stack, browser).place(limitBuy({ price: 1001 }));
    expect(place.status).toBe(401);
    expect(place.body).toMatchObject({ code: 'CONNECTION_EXPIRED', title: 'Not authenticated', nextStep: expect.stringContaining('Reconnect to trade') });
    const cancel = await browser.api('DELETE', `/api/orders/${orderId}`);
    expect(cancel.status).toBe(401);
    expect(cancel.body.nextStep).toContain('Reconnect to trade');
    const after = await sim.counts();
    for (const route of ['POST /v3/order/place', 'DELETE /v3/order/cancel', 'DELETE /v2/order/cancel']) expect(after[route] ?? 0).toBe(before[route] ?? 0);
  });

  it('a read Upstox refuses for the extended token (UDAPI100067) is reported as such, not retried, and leaves the other reads working', async () => {
    await sim.call('POST', 'app', { extended_token: true, extended_token_refuses: [TRADES_ROUTE] });
    await pause(SNAPSHOT_INTERVAL_MS);
    const tradeReads = await sim.calls(TRADES_ROUTE);
    const trades = await browser.api('GET', '/api/trades');
    expect(trades.status).toBe(403);
    expect(trades.body).toMatchObject({
      code: 'EXTENDED_TOKEN_NOT_PERMITTED',
      title: 'Request refused',
      upstoxCode: 'UDAPI100067',
      message: expect.stringContaining('read-only extended token'),
      nextStep: 'Reconnect to see your trades: sign in again with the Connect button.',
    });
    expect(await sim.calls(TRADES_ROUTE)).toBe(tradeReads + 1);
    expect(stack.logLines().join('\n')).toContain('UDAPI100067');
    // Not a dead token: still read-only, and what Upstox allows still loads.
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'expired', readOnly: true });
    expect((await browser.api('GET', '/api/positions')).status).toBe(200);
    await sim.call('POST', 'app', { extended_token: true });
  });

  it('an extended token Upstox refuses (revoked) is forgotten: plainly expired, reads refused with the reconnect step', async () => {
    await sim.call('POST', 'revoke', { access_token: extendedToken });
    await pause(SNAPSHOT_INTERVAL_MS);
    const orders = await browser.api('GET', '/api/orders');
    expect(orders.status).toBe(401);
    expect(orders.body).toMatchObject({ code: 'CONNECTION_EXPIRED', upstoxCode: 'UDAPI100050', nextStep: 'Reconnect using the Connect button' });
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'expired', readOnly: false });
    expect(occurrencesInDataDir(stack.dataDir, extendedToken)).toBe(0);
  });
});
