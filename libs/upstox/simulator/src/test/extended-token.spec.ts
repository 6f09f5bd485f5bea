import { ist, orderBody, SimHarness } from './harness';

/** Dialog -> sign-in page -> approve like a browser; returns the authorization code. */
async function approvedCode(h: SimHarness): Promise<string> {
  const params = new URLSearchParams({ response_type: 'code', client_id: h.sim.app.clientId, redirect_uri: h.sim.app.redirectUri, state: 's' });
  const start = await fetch(`${h.sim.url}/v2/login/authorization/dialog?${params}`, { redirect: 'manual' });
  const html = await (await fetch(start.headers.get('location') as string)).text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] as string;
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] as string;
  const res = await fetch(new URL(action, h.sim.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision: 'approve' }),
    redirect: 'manual',
  });
  return new URL(res.headers.get('location') as string).searchParams.get('code') as string;
}

async function exchange(h: SimHarness, extra: Record<string, string> = {}): Promise<{ access_token: string; extended_token: string | null }> {
  const form = {
    code: await approvedCode(h),
    client_id: h.sim.app.clientId,
    client_secret: h.sim.app.clientSecret,
    redirect_uri: h.sim.app.redirectUri,
    grant_type: 'authorization_code',
    ...extra,
  };
  const res = await h.http('POST', '/v2/login/authorization/token', { form, token: null });
  expect(res.status).toBe(200);
  return res.body;
}

/** Upstox's read-only extended token (issue 9 item 4): issued by an app setting, limited to account reads, outlives 03:30 IST. */
describe('extended tokens', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await SimHarness.start({ clockOffsetMs: Date.parse(ist('2026-12-01T10:00:00')) - Date.now() });
  });
  afterEach(() => h.close());

  it('are issued only when the app setting says so; the same one again unless refresh_extended_token=true', async () => {
    expect((await exchange(h)).extended_token).toBeNull();
    expect((await h.control('POST', '/__sim/app', { extended_token: 'yes' })).status).toBe(400);
    expect((await h.control('POST', '/__sim/app', { extended_token: true })).body).toMatchObject({ extended_token: true });
    expect((await h.control('GET', '/__sim/app')).body).toMatchObject({ extended_token: true });
    const first = await exchange(h);
    expect(first.extended_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first.extended_token).not.toBe(first.access_token);
    expect((await exchange(h)).extended_token).toBe(first.extended_token);
    const refreshed = await exchange(h, { refresh_extended_token: 'true' });
    expect(refreshed.extended_token).not.toBe(first.extended_token);
    // Regenerating revokes the old one.
    expect((await h.http('GET', '/v2/user/profile', { token: first.extended_token })).status).toBe(401);
    await h.control('POST', '/__sim/reset');
    expect((await h.control('GET', '/__sim/app')).body).toMatchObject({ extended_token: false });
  });

  it('read the account but nothing else: writes, market data, charges, feeds and logout answer UDAPI100067', async () => {
    await h.control('POST', '/__sim/app', { extended_token: true });
    const { extended_token: token } = await exchange(h);
    for (const path of ['/v2/user/profile', '/v2/user/get-funds-and-margin', '/v2/portfolio/short-term-positions', '/v2/portfolio/long-term-holdings', '/v2/order/retrieve-all', '/v2/order/trades/get-trades-for-day']) {
      const res = await h.http('GET', path, { token });
      expect([path, res.status]).toEqual([path, 200]);
    }
    const refused = [
      await h.http('POST', '/v3/order/place', { token, body: orderBody() }),
      await h.http('GET', '/v3/market-quote/ltp?instrument_key=NSE_EQ%7CINE002A01018', { token }),
      await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize', { token }),
      await h.http('DELETE', '/v2/logout', { token }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.body.errors[0]).toMatchObject({ error_code: 'UDAPI100067', errorCode: 'UDAPI100067', message: 'The API you are trying to access is not permitted with an extended_token' });
    }
    expect((await h.control('GET', '/__sim/orders')).body.orders).toEqual([]);
    // A test can make one of the allowed reads refused too (Upstox has not published the list).
    await h.control('POST', '/__sim/app', { extended_token: true, extended_token_refuses: ['GET /v2/order/trades/get-trades-for-day'] });
    expect((await h.http('GET', '/v2/order/trades/get-trades-for-day', { token })).body.errors[0].error_code).toBe('UDAPI100067');
    expect((await h.http('GET', '/v2/order/retrieve-all', { token })).status).toBe(200);
  });

  it('outlive 03:30 IST: the clock kills the access token (UDAPI100050) but the extended token still reads', async () => {
    await h.control('POST', '/__sim/app', { extended_token: true });
    const tokens = await exchange(h);
    await h.control('POST', '/__sim/clock', { set: ist('2026-12-02T03:31:00') });
    const dead = await h.http('GET', '/v2/user/profile', { token: tokens.access_token });
    expect([dead.status, dead.body.errors[0].error_code]).toEqual([401, 'UDAPI100050']);
    expect((await h.http('GET', '/v2/order/retrieve-all', { token: tokens.extended_token })).status).toBe(200);
  });
});
