import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawRequest, Stack, startStack } from '../support/stack';
import { connectWithOAuth, mintToken, signedIn, sim, upstoxCalls } from './connection-support';

const CANARY_SECRET = 'CANARY-api-secret-7f3a9c';

/** Option B, status, expiry, disconnect and the simulator demo app, against the real api and simulator. */
describe('Upstox connection: pasted token, status, expiry, disconnect (api + simulator)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await sim(stack, 'POST', 'clock', { set: new Date().toISOString() });
    const browser = await signedIn(stack);
    expect((await browser.api('DELETE', '/api/connection')).status).toBe(200);
  });

  const connectToken = async (accessToken: string) => {
    const browser = await signedIn(stack);
    const res = await browser.api('POST', '/api/connection/token', {
      apiKey: stack.sim.app.clientId,
      apiSecret: CANARY_SECRET,
      accessToken,
      environment: 'simulator',
    });
    return { browser, res };
  };

  it('starts disconnected; a call that needs Upstox answers Not authenticated with the next step', async () => {
    const browser = await signedIn(stack);
    const status = await browser.api('GET', '/api/connection');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ state: 'disconnected', environment: null, userId: null, expiresAt: null, redirectUri: `${stack.apiUrl}/callback` });
    const profile = await browser.api('GET', '/api/profile');
    expect(profile.status).toBe(401);
    expect(profile.body).toMatchObject({ code: 'NOT_AUTHENTICATED', title: 'Not authenticated', nextStep: 'Connect Upstox using the Connect button' });
  });

  it('connects a pasted token after a profile call; status and responses never carry the token or secret', async () => {
    const token = await mintToken(stack);
    const profileCalls = await upstoxCalls(stack, 'GET /v2/user/profile');
    const { browser, res } = await connectToken(token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'connected', environment: 'simulator', simulated: true, userId: 'SIM7K2', userName: 'Demo Trader (Simulator)' });
    expect(await upstoxCalls(stack, 'GET /v2/user/profile')).toBe(profileCalls + 1);
    const status = await browser.api('GET', '/api/connection');
    for (const response of [res, status]) {
      const everything = `${response.text}\n${JSON.stringify(response.headers)}`;
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(CANARY_SECRET);
    }
    expect((await browser.api('GET', '/api/profile')).body.userId).toBe('SIM7K2');
    const log = stack.logLines().join('\n');
    expect(log).toContain('pasted access token');
    expect(log).not.toContain(token);
    expect(log).not.toContain(CANARY_SECRET);
    const rawDatabase = readdirSync(stack.dataDir)
      .filter((file) => file.startsWith('desk.sqlite'))
      .map((file) => readFileSync(join(stack.dataDir, file)).toString('latin1'))
      .join('');
    expect(rawDatabase.length).toBeGreaterThan(0);
    expect(rawDatabase).not.toContain(token);
    expect(rawDatabase).not.toContain(CANARY_SECRET);
  });

  it('refuses an invalid token with Connection Failed and the cause', async () => {
    const { browser, res } = await connectToken('eyJhbGciOiJIUzI1NiJ9.bm90LWEtdG9rZW4.bad');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', title: 'Connection Failed', upstoxCode: 'UDAPI100050' });
    expect(res.body.message).toContain('Invalid access token');
    expect(res.body.nextStep).toContain('OAuth');
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('Connection Failed') });
  });

  it('expires when the simulator clock passes 03:30 IST: the next call says the session expired and to reconnect', async () => {
    const { browser } = await connectToken(await mintToken(stack));
    const { now } = (await sim(stack, 'GET', 'clock')).body as { now: string };
    // 03:30 IST = 22:00 UTC; move the simulator to one minute after the token's death.
    const simNow = new Date(now);
    const death = new Date(Date.UTC(simNow.getUTCFullYear(), simNow.getUTCMonth(), simNow.getUTCDate(), 22, 0, 0));
    if (death.getTime() <= simNow.getTime()) death.setUTCDate(death.getUTCDate() + 1);
    await sim(stack, 'POST', 'clock', { set: new Date(death.getTime() + 60_000).toISOString() });

    const profile = await browser.api('GET', '/api/profile');
    expect(profile.status).toBe(401);
    // Whichever notices first, the live stream (its socket is refused) or this call (401 UDAPI100050), says so.
    expect(profile.body).toMatchObject({ code: 'CONNECTION_EXPIRED', title: 'Not authenticated', nextStep: 'Reconnect using the Connect button' });
    expect(profile.body.message).toMatch(/session expired/);
    const status = (await browser.api('GET', '/api/connection')).body;
    expect(status.state).toBe('expired');
    expect(status.reason).toMatch(/UDAPI100050|HTTP 401/);
    // refused locally from now on: no further Upstox call
    const calls = await upstoxCalls(stack, 'GET /v2/user/get-funds-and-margin');
    expect((await browser.api('GET', '/api/funds')).body.code).toBe('CONNECTION_EXPIRED');
    expect(await upstoxCalls(stack, 'GET /v2/user/get-funds-and-margin')).toBe(calls);
  });

  it('expires when Upstox revokes the token', async () => {
    const token = await mintToken(stack);
    const { browser } = await connectToken(token);
    expect((await sim(stack, 'POST', 'revoke', { access_token: token })).body.revoked).toBe(1);
    const funds = await browser.api('GET', '/api/funds');
    expect(funds.body).toMatchObject({ code: 'CONNECTION_EXPIRED', title: 'Not authenticated', nextStep: 'Reconnect using the Connect button' });
    // A simulator connection: its usual cause is a restart of the simulator, which forgets every token.
    const hint = 'The built-in simulator forgets its tokens whenever it restarts';
    expect(funds.body.message).toContain(hint);
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'expired', reason: expect.stringContaining(hint) });
    // reconnecting (Option A) clears it
    await connectWithOAuth(stack, browser);
    expect((await browser.api('GET', '/api/connection')).body).toMatchObject({ state: 'connected', reason: null });
  });

  it('DELETE logs out at Upstox and forgets the token', async () => {
    const token = await mintToken(stack);
    const { browser } = await connectToken(token);
    const logouts = await upstoxCalls(stack, 'DELETE /v2/logout');
    const res = await browser.api('DELETE', '/api/connection');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'disconnected', userId: null });
    expect(await upstoxCalls(stack, 'DELETE /v2/logout')).toBe(logouts + 1);
    const atUpstox = await rawRequest({ url: `${stack.simUrl}/v2/user/profile`, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(atUpstox.status).toBe(401); // logged out at Upstox, not just locally
    expect((await browser.api('GET', '/api/profile')).body.code).toBe('NOT_AUTHENTICATED');
  });

  it("answers the running simulator's demo app for a first try", async () => {
    const browser = await signedIn(stack);
    const res = await browser.api('GET', '/api/connection/simulator-app');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ apiKey: stack.sim.app.clientId, apiSecret: stack.sim.app.clientSecret, redirectUri: stack.sim.app.redirectUri });
  });

  it('lets an API key read the status but not change the connection; no session means 401', async () => {
    const browser = await signedIn(stack);
    const created = await browser.api('POST', '/api/keys', { name: 'script', scopes: ['read', 'trade'] });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.key}`, 'content-type': 'application/json' };
    const read = await rawRequest({ url: `${stack.apiUrl}/api/connection`, headers: { authorization: bearer.authorization } });
    expect(read.status).toBe(200);
    expect(read.body.state).toBe('disconnected');
    const change = await rawRequest({
      method: 'POST',
      url: `${stack.apiUrl}/api/connection/token`,
      headers: bearer,
      body: JSON.stringify({ apiKey: 'k', apiSecret: 's', accessToken: await mintToken(stack), environment: 'simulator' }),
    });
    expect(change.status).toBe(403);
    expect((await stack.browser().api('GET', '/api/connection')).status).toBe(401);
  });
});
