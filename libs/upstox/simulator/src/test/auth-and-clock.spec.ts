import { ist, orderBody, SimHarness } from './harness';

async function dialog(h: SimHarness, params: Record<string, string>) {
  const res = await fetch(`${h.sim.url}/v2/login/authorization/dialog?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: res.status === 302 ? null : await res.json() };
}

/** Runs dialog -> sign-in page -> decision like a browser; returns the redirect back to the app. */
async function authorize(h: SimHarness, decision: 'approve' | 'deny', state = 'st-42'): Promise<URL> {
  const start = await dialog(h, { response_type: 'code', client_id: h.sim.app.clientId, redirect_uri: h.sim.app.redirectUri, state });
  expect(start.status).toBe(302);
  const page = await fetch(start.location as string);
  const html = await page.text();
  expect(html).toContain('<title>Upstox simulator - sign in</title>');
  expect(html.match(/<form /g)).toHaveLength(1);
  expect(html).toContain('<button type="submit" name="decision" value="approve">Approve</button>');
  expect(html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] as string;
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] as string;
  const res = await fetch(new URL(action, h.sim.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

const exchangeForm = (h: SimHarness, code: string, overrides: Record<string, string> = {}) => ({
  code,
  client_id: h.sim.app.clientId,
  client_secret: h.sim.app.clientSecret,
  redirect_uri: h.sim.app.redirectUri,
  grant_type: 'authorization_code',
  ...overrides,
});

describe('OAuth and tokens', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await SimHarness.start({ clientId: 'test-app', clientSecret: 'test-secret', redirectUri: 'http://localhost:5000/callback' });
  });
  afterEach(() => h.close());

  it('dialog rejects a wrong response_type, client_id or redirect_uri with UDAPI100068', async () => {
    const good = { response_type: 'code', client_id: 'test-app', redirect_uri: 'http://localhost:5000/callback' };
    for (const bad of [
      { ...good, response_type: 'token' },
      { ...good, client_id: 'other-app' },
      { ...good, redirect_uri: 'http://localhost:5000/callback/' },
      { response_type: 'code', client_id: 'test-app' },
    ]) {
      const res = await dialog(h, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ error_code: 'UDAPI100068', errorCode: 'UDAPI100068' });
    }
  });

  it('approve returns code + unchanged state; the token response is flat; the code is single-use', async () => {
    const back = await authorize(h, 'approve', 'a b&c');
    expect(back.origin + back.pathname).toBe('http://localhost:5000/callback');
    expect(back.searchParams.get('state')).toBe('a b&c');
    const code = back.searchParams.get('code') as string;
    const res = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, code), token: null });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('status');
    expect(res.body).toMatchObject({ user_id: 'SIM7K2', broker: 'UPSTOX', user_type: 'individual', is_active: true, extended_token: null });
    expect((await h.http('GET', '/v2/user/profile', { token: res.body.access_token })).status).toBe(200);
    const reuse = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, code), token: null });
    expect([reuse.status, reuse.body.errors[0].error_code]).toEqual([400, 'UDAPI100016']);
  });

  it('deny redirects with error=access_denied and the state', async () => {
    const back = await authorize(h, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-42');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('a failed exchange still consumes the code', async () => {
    const code = (await authorize(h, 'approve')).searchParams.get('code') as string;
    const wrong = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, code, { client_secret: 'nope' }), token: null });
    expect(wrong.body.errors[0].error_code).toBe('UDAPI100016');
    const retry = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, code), token: null });
    expect(retry.body.errors[0].error_code).toBe('UDAPI100016');
  });

  it('codes expire after 10 minutes of simulator time', async () => {
    const code = (await authorize(h, 'approve')).searchParams.get('code') as string;
    await h.control('POST', '/__sim/clock', { advance_ms: 10 * 60_000 + 1000 });
    const late = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, code), token: null });
    expect(late.body.errors[0].error_code).toBe('UDAPI100016');
  });

  it('token exchange field checks use the documented codes', async () => {
    const none = await h.http('POST', '/v2/login/authorization/token', { form: {}, token: null });
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { error_code: string }) => e.error_code)).toEqual(['UDAPI1022', 'UDAPI1017', 'UDAPI1024', 'UDAPI1018', 'UDAPI1023']);
    const grant = await h.http('POST', '/v2/login/authorization/token', { form: exchangeForm(h, 'x', { grant_type: 'password' }), token: null });
    expect(grant.body.errors[0].error_code).toBe('UDAPI100016');
  });

  it('missing, unknown and revoked tokens get 401 UDAPI100050', async () => {
    const expected = {
      status: 'error',
      errors: [
        {
          error_code: 'UDAPI100050',
          message: 'Invalid token used to access API',
          property_path: null,
          invalid_value: null,
          errorCode: 'UDAPI100050',
          propertyPath: null,
          invalidValue: null,
        },
      ],
    };
    const missing = await h.http('GET', '/v2/order/retrieve-all', { token: null });
    expect([missing.status, missing.body]).toEqual([401, expected]);
    expect((await h.http('GET', '/v2/user/profile', { token: 'abc.def.ghi' })).body).toEqual(expected);
    await h.control('POST', '/__sim/revoke', { access_token: h.token });
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(401);
    const other = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    expect((await h.control('POST', '/__sim/revoke', { all: true })).body.revoked).toBe(1);
    expect((await h.http('GET', '/v2/user/profile', { token: other })).status).toBe(401);
  });

  it('DELETE /v2/logout revokes the token', async () => {
    const res = await h.http('DELETE', '/v2/logout');
    expect(res.body).toEqual({ status: 'success', data: true });
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(401);
  });
});

describe('simulator clock rules', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  it('a token expires at 03:30 IST the next day, judged by the simulator clock', async () => {
    h = await SimHarness.start();
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T10:00:00') });
    const minted = (await h.control('POST', '/__sim/tokens', {})).body;
    expect(minted.expires_at).toBe('2026-11-30T22:00:00.000Z'); // 03:30 IST on 1 Dec
    await h.control('POST', '/__sim/clock', { set: ist('2026-12-01T03:29:58') });
    expect((await h.http('GET', '/v2/user/profile', { token: minted.access_token })).status).toBe(200);
    const now = (await h.control('POST', '/__sim/clock', { advance_ms: 2000 })).body.now;
    expect(Date.parse(now)).toBeGreaterThanOrEqual(Date.parse(minted.expires_at));
    const expired = await h.http('GET', '/v2/user/profile', { token: minted.access_token });
    expect([expired.status, expired.body.errors[0].error_code]).toEqual([401, 'UDAPI100050']);
  });

  it('a token minted at 02:30 IST dies at 03:30 IST the same day', async () => {
    h = await SimHarness.start({ clockOffsetMs: Date.parse(ist('2026-12-01T02:30:00')) - Date.now() });
    const minted = (await h.control('POST', '/__sim/tokens', {})).body;
    expect(minted.expires_at).toBe('2026-11-30T22:00:00.000Z');
  });

  it('with market rules on: 00:00-05:30 IST order writes get UDAPI100074 and funds 423 UDAPI100072', async () => {
    h = await SimHarness.start();
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T01:15:00') });
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token; // the start token expired at 03:30
    expect((await h.http('POST', '/v3/order/place', { body: orderBody() })).status).toBe(200); // rules off by default
    await h.control('POST', '/__sim/market-rules', { enabled: true });
    const place = await h.http('POST', '/v3/order/place', { body: orderBody() });
    expect([place.status, place.body.errors[0].error_code]).toEqual([423, 'UDAPI100074']);
    const cancel = await h.http('DELETE', '/v2/order/cancel?order_id=261130000000001');
    expect(cancel.body.errors[0].error_code).toBe('UDAPI100074');
    const funds = await h.http('GET', '/v2/user/get-funds-and-margin');
    expect([funds.status, funds.body.errors[0].error_code]).toEqual([423, 'UDAPI100072']);
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(200);
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T05:30:00') });
    expect((await h.http('GET', '/v2/user/profile')).status).toBe(401); // minted at 01:15, died at 03:30
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    expect((await h.http('GET', '/v2/user/get-funds-and-margin')).status).toBe(200);
  });

  it('with market rules on: orders outside market hours wait as AMO and go live at the open', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: Date.parse(ist('2026-11-30T07:00:00')) - Date.now() });
    const id = await h.place({ quantity: 1 });
    const amo = await h.waitForStatus(id, 'after market order req received');
    expect(amo.is_amo).toBe(true);
    expect(amo.exchange_order_id).toBe('');
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T09:15:00') });
    await h.waitForStatus(id, 'complete');
    expect(await h.statuses(id)).toEqual([
      'put order req received',
      'validation pending',
      'after market order req received',
      'open pending',
      'open',
      'complete',
    ]);
    const late = await h.place({ order_type: 'LIMIT', price: 1000 });
    await h.waitForStatus(late, 'open');
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T16:00:00') });
    const amo2 = await h.place({ order_type: 'LIMIT', price: 1000 });
    await h.waitForStatus(amo2, 'after market order req received');
    await h.http('DELETE', `/v2/order/cancel?order_id=${amo2}`);
    await h.waitForStatus(amo2, 'cancelled after market order');
  });
});
