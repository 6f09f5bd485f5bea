import Database from 'better-sqlite3';
import { join } from 'node:path';
import { nextTokenExpiry, OAUTH_DONE_MESSAGE } from '@desk/contracts';
import { Stack, startStack } from '../support/stack';
import {
  causeOf,
  connectWithOAuth,
  consent,
  sim,
  signedIn,
  startOAuth,
  titleOf,
  TOKEN_EXCHANGE,
  upstoxCalls,
  visitCallback,
} from './connection-support';

/** Option A of the guide against the real api and the real simulator, over HTTP. */
describe('OAuth connection flow (api + simulator)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const disconnect = async () => {
    const browser = await signedIn(stack);
    expect((await browser.api('DELETE', '/api/connection')).status).toBe(200);
  };
  // Every test starts disconnected (single connection per api).
  beforeEach(disconnect);

  it('connects end to end: pending, consent, callback 303 to a clean page that notifies the SPA, then connected', async () => {
    const browser = await signedIn(stack);
    const exchangesBefore = await upstoxCalls(stack, TOKEN_EXCHANGE);
    const started = await startOAuth(stack, browser);
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${stack.simUrl}/v2/login/authorization/dialog`);
    expect(url.searchParams.get('client_id')).toBe(stack.sim.app.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(stack.sim.app.redirectUri);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.header('cache-control')).toBe('no-store');
    const txCookie = started.setCookies.find((c) => c.startsWith('desk_oauth_tx='));
    expect(txCookie).toMatch(/; Path=\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/);
    expect((await browser.api('GET', '/api/connection')).body.state).toBe('pending');

    const callbackUrl = await consent(browser, started.body.authorizationUrl, 'approve');
    expect(callbackUrl.startsWith(`${stack.apiUrl}/callback?`)).toBe(true);
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const landing = await visitCallback(browser, callbackUrl, stack.simUrl);

    expect(landing.chain.map((hop) => hop.status)).toEqual([303, 200]);
    expect(landing.chain[0].location).toBe('/callback/done');
    expect(landing.url).toBe(`${stack.apiUrl}/callback/done`);
    const page = landing.response;
    expect(titleOf(page.text)).toBe('Upstox connected');
    expect(page.text).toContain('Demo Trader (Simulator)');
    expect(page.text).not.toContain(code);
    expect(page.text).not.toContain(url.searchParams.get('state'));
    expect(page.header('cache-control')).toBe('no-store');
    expect(page.header('referrer-policy')).toBe('no-referrer');
    expect(page.header('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(page.header('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('<script src="/callback/notify.js" defer></script>');

    const script = await browser.request('GET', `${stack.apiUrl}/callback/notify.js`);
    expect(script.status).toBe(200);
    expect(script.header('content-type')).toMatch(/javascript/);
    expect(script.text).toContain(`new BroadcastChannel("upstox-desk-oauth")`);
    expect(script.text).toContain(JSON.stringify(OAUTH_DONE_MESSAGE));
    expect(script.text).toContain('opener.postMessage(message, location.origin)');
    expect(script.text).toContain('window.close()');

    expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchangesBefore + 1);
    const status = (await browser.api('GET', '/api/connection')).body;
    expect(status).toMatchObject({
      state: 'connected',
      environment: 'simulator',
      simulated: true,
      userId: 'SIM7K2',
      userName: 'Demo Trader (Simulator)',
      redirectUri: stack.sim.app.redirectUri,
      reason: null,
    });
    // the token dies at the next 03:30 IST (= 22:00 UTC)
    expect(status.expiresAt).toBe(nextTokenExpiry(new Date()).toISOString());
    expect(status.expiresAt).toMatch(/T22:00:00\.000Z$/);
    expect((await browser.api('GET', '/api/profile')).body.userName).toBe('Demo Trader (Simulator)');
  });

  it('replaying the callback (code reuse, browser history) makes no second token exchange', async () => {
    const browser = await signedIn(stack);
    const { callbackUrl } = await connectWithOAuth(stack, browser);
    const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
    const replay = await visitCallback(browser, callbackUrl, stack.simUrl);
    expect(titleOf(replay.response.text)).toBe('Authorization Failed');
    expect(causeOf(replay.response.text)).toContain('already used');
    expect(replay.response.text).toContain('Start again from the dashboard');
    expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges);
    expect((await browser.api('GET', '/api/connection')).body.state).toBe('connected');
  });

  it('a denied sign-in ends on Authorization Failed "You denied access", with 0 exchanges', async () => {
    const browser = await signedIn(stack);
    const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
    const { landing, callbackUrl } = await connectWithOAuth(stack, browser, 'deny');
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    expect(titleOf(landing.response.text)).toBe('Authorization Failed');
    expect(causeOf(landing.response.text)).toContain('You denied access');
    expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges);
    const status = (await browser.api('GET', '/api/connection')).body;
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain('You denied access');
  });

  it('a wrong API secret ends on Authorization Failed naming invalid credentials (UDAPI100016)', async () => {
    const browser = await signedIn(stack);
    const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
    const { landing } = await connectWithOAuth(stack, browser, 'approve', { apiSecret: 'not-the-secret' });
    expect(titleOf(landing.response.text)).toBe('Authorization Failed');
    expect(causeOf(landing.response.text)).toContain('Invalid API credentials');
    expect(causeOf(landing.response.text)).toContain('UDAPI100016');
    expect(landing.response.text).toContain('Make sure the API Key and Secret are correct');
    expect(landing.response.text).not.toContain('not-the-secret');
    expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges + 1); // exchanged once, never retried
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('UDAPI100016') });
  });

  it('a redirect URI that differs from the app registration is refused by Upstox at the dialog (UDAPI100068)', async () => {
    const browser = await signedIn(stack);
    const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
    const wrongRedirect = stack.sim.app.redirectUri.replace('localhost', '127.0.0.1');
    const started = await startOAuth(stack, browser, { redirectUri: wrongRedirect });
    expect(started.status).toBe(200);
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'pending', redirectUri: wrongRedirect });
    const dialog = await browser.navigate(started.body.authorizationUrl, { from: stack.apiUrl });
    expect(dialog.response.status).toBe(400);
    expect(dialog.response.body.errors[0].error_code).toBe('UDAPI100068');
    expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges);
  });

  it('an expired authorization code (Upstox codes live minutes) ends on Authorization Failed after one exchange', async () => {
    const browser = await signedIn(stack);
    const started = await startOAuth(stack, browser);
    const callbackUrl = await consent(browser, started.body.authorizationUrl, 'approve');
    const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
    await sim(stack, 'POST', 'clock', { advance_ms: 11 * 60_000 });
    try {
      const landing = await visitCallback(browser, callbackUrl, stack.simUrl);
      expect(titleOf(landing.response.text)).toBe('Authorization Failed');
      expect(causeOf(landing.response.text)).toContain('authorization code expired or was already used');
      expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges + 1);
    } finally {
      await sim(stack, 'POST', 'clock', { set: new Date().toISOString() });
    }
  });

  describe('state checks: 0 token exchanges for a missing, wrong, reused, expired or foreign state', () => {
    /** A fresh approved callback URL of `browser`, not visited yet. */
    const approvedCallback = async (browser = undefined as unknown as Awaited<ReturnType<typeof signedIn>>) => {
      const b = browser ?? (await signedIn(stack));
      const started = await startOAuth(stack, b);
      return { browser: b, callbackUrl: await consent(b, started.body.authorizationUrl, 'approve') };
    };
    const expectRefused = async (html: string, exchangesBefore: number, cause: RegExp) => {
      expect(titleOf(html)).toBe('Authorization Failed');
      expect(causeOf(html)).toMatch(cause);
      expect(causeOf(html)).toContain('state invalid');
      expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchangesBefore);
    };

    it('missing state', async () => {
      const { browser, callbackUrl } = await approvedCallback();
      const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
      const url = new URL(callbackUrl);
      url.searchParams.delete('state');
      const landing = await visitCallback(browser, url.toString(), stack.simUrl);
      await expectRefused(landing.response.text, exchanges, /no state value/);
    });

    it('wrong state', async () => {
      const { browser, callbackUrl } = await approvedCallback();
      const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
      const url = new URL(callbackUrl);
      url.searchParams.set('state', 'A'.repeat(43));
      const landing = await visitCallback(browser, url.toString(), stack.simUrl);
      await expectRefused(landing.response.text, exchanges, /does not belong to a sign-in started from this dashboard/);
      // the genuine callback still works afterwards
      expect(titleOf((await visitCallback(browser, callbackUrl, stack.simUrl)).response.text)).toBe('Upstox connected');
    });

    it('reused state (with a new code)', async () => {
      const { browser, callbackUrl } = await approvedCallback();
      await visitCallback(browser, callbackUrl, stack.simUrl);
      const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
      const url = new URL(callbackUrl);
      url.searchParams.set('code', 'fresh-code');
      const landing = await visitCallback(browser, url.toString(), stack.simUrl);
      await expectRefused(landing.response.text, exchanges, /already used/);
    });

    it('expired state (older than the 10-minute TTL)', async () => {
      const { browser, callbackUrl } = await approvedCallback();
      const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
      // Age the stored flow by 10 minutes, as if the user had left the popup open that long.
      const db = new Database(join(stack.dataDir, 'desk.sqlite'));
      try {
        const aged = db.prepare('UPDATE auth_oauth_attempt SET created_at = created_at - 600000, expires_at = expires_at - 600000 WHERE used_at IS NULL').run();
        expect(aged.changes).toBe(1);
      } finally {
        db.close();
      }
      const landing = await visitCallback(browser, callbackUrl, stack.simUrl);
      await expectRefused(landing.response.text, exchanges, /longer than 10 minutes/);
    });

    it('foreign state: another browser (without, or with its own, transaction cookie) cannot complete it', async () => {
      const { browser, callbackUrl } = await approvedCallback();
      const exchanges = await upstoxCalls(stack, TOKEN_EXCHANGE);
      const stranger = stack.browser();
      const noCookie = await visitCallback(stranger, callbackUrl, stack.simUrl);
      await expectRefused(noCookie.response.text, exchanges, /no record of starting this sign-in/);
      const otherUser = await signedIn(stack);
      await startOAuth(stack, otherUser); // has its own transaction cookie (and closes the first flow: single user)
      const ownCookie = await visitCallback(otherUser, callbackUrl, stack.simUrl);
      await expectRefused(ownCookie.response.text, exchanges, /already used|another browser/);
      expect(titleOf((await visitCallback(browser, callbackUrl, stack.simUrl)).response.text)).toBe('Authorization Failed');
      expect(await upstoxCalls(stack, TOKEN_EXCHANGE)).toBe(exchanges);
    });
  });

  it('callback responses are no-store, never put the code in a Location, and the done page needs this browser', async () => {
    const browser = await signedIn(stack);
    const { landing, callbackUrl } = await connectWithOAuth(stack, browser);
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    for (const hop of landing.chain) {
      expect(hop.location ?? '').not.toContain(code);
    }
    const direct = await browser.request('GET', callbackUrl, { crossSite: true });
    expect(direct.status).toBe(303);
    expect(direct.header('cache-control')).toBe('no-store');
    expect(direct.header('referrer-policy')).toBe('no-referrer');
    expect(direct.header('location')).toBe('/callback/done');
    const elsewhere = await stack.browser().navigate(`${stack.apiUrl}/callback/done`);
    expect(titleOf(elsewhere.response.text)).toBe('Authorization Failed');
    expect(elsewhere.response.text).not.toContain('Demo Trader');
  });

  it('refuses OAuth for the Upstox sandbox and sends the user to Option B', async () => {
    const browser = await signedIn(stack);
    const res = await startOAuth(stack, browser, { environment: 'sandbox' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'NOT_AVAILABLE_IN_SANDBOX', title: 'Authorization Failed' });
    expect(res.body.nextStep).toContain('Option B');
  });

  it('validates the start request: one message per bad field, nothing stored', async () => {
    const browser = await signedIn(stack);
    const res = await startOAuth(stack, browser, { apiKey: '', redirectUri: 'javascript:alert(1)', environment: 'prod' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['apiKey', 'environment', 'redirectUri']);
  });

  it('never logs the code, the state or the secrets of a flow', async () => {
    const browser = await signedIn(stack);
    const { started, callbackUrl } = await connectWithOAuth(stack, browser);
    const state = new URL(started.body.authorizationUrl).searchParams.get('state') ?? '';
    const code = new URL(callbackUrl).searchParams.get('code') ?? '';
    const log = stack.logLines().join('\n');
    expect(log).toContain('OAuth flow');
    for (const secret of [state, code, stack.sim.app.clientSecret]) expect(log).not.toContain(secret);
    const status = await browser.api('GET', '/api/connection');
    expect(status.body.state).toBe('connected');
    expect(`${status.text}${JSON.stringify(status.headers)}`).not.toContain(stack.sim.app.clientSecret);
  });
});
