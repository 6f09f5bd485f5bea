import { ProbeModule } from '../support/probe.module';
import { requestFrom } from '../support/from-address';
import { rawRequest, startStack, Stack } from '../support/stack';

/**
 * Which inbound budget a request spends. The strict bucket is set low here (20 a minute) so a test shows
 * each refusal; the read bucket keeps its defaults (500 a second, 30,000 a minute). Anonymous callers and
 * wrong API keys are counted per client address, so each test sends from its own loopback address.
 */
describe('inbound buckets: memory reads, sign-in apart from /callback, wrong API keys', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: { DESK_RATE_LIMIT_PER_SECOND: '1000', DESK_RATE_LIMIT_PER_MINUTE: '20' },
      imports: [ProbeModule],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const statusCounts = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

  it('250 GETs of /api/orders at once on one API key: 0 refused, while the strict bucket still refuses a write flood', async () => {
    const browser = stack.browser();
    await browser.signIn();
    const created = await browser.api('POST', '/api/keys', { name: 'poller', scopes: ['read', 'trade'] });
    expect(created.status).toBe(201);
    const authorization = `Bearer ${created.body.key}`;

    const reads = await Promise.all(
      Array.from({ length: 250 }, () => rawRequest({ url: `${stack.apiUrl}/api/orders`, headers: { authorization, accept: 'application/json' } })),
    );
    const readStatuses = reads.map((r) => r.status);
    expect(readStatuses.filter((s) => s === 429)).toHaveLength(0);
    // Every read reached the orders route and got its one answer (whatever it is without an Upstox connection).
    expect(Object.keys(statusCounts(readStatuses))).toHaveLength(1);

    const writes: Awaited<ReturnType<typeof rawRequest>>[] = [];
    for (let i = 0; i < 25; i++) {
      writes.push(await rawRequest({ method: 'POST', url: `${stack.apiUrl}/api/__probe/trade`, headers: { authorization } }));
    }
    expect(statusCounts(writes.map((w) => w.status))).toEqual({ 200: 20, 429: 5 });
    const refused = writes.filter((w) => w.status === 429);
    expect(refused.map((w) => w.body.code)).toEqual(Array(5).fill('RATE_LIMITED'));
    expect(refused.map((w) => Number(w.header('retry-after')) >= 1)).toEqual(Array(5).fill(true));
  });

  it('a flood of sign-in attempts does not lock out /callback, nor a /callback flood the sign-in', async () => {
    const signInFlooder = '127.0.0.2';
    const attempts: number[] = [];
    for (let i = 0; i < 25; i++) {
      const attempt = await requestFrom(signInFlooder, stack.apiUrl, {
        method: 'POST',
        path: '/api/session',
        headers: { origin: stack.apiUrl },
        body: { token: `wrong-token-${i}` },
      });
      attempts.push(attempt.status);
    }
    expect(statusCounts(attempts)).toEqual({ 401: 20, 429: 5 });
    const callbackAfterSignInFlood = await requestFrom(signInFlooder, stack.apiUrl, { path: '/callback?state=forged' });
    expect(callbackAfterSignInFlood.status).not.toBe(429);

    const callbackFlooder = '127.0.0.3';
    const callbacks: number[] = [];
    for (let i = 0; i < 25; i++) {
      callbacks.push((await requestFrom(callbackFlooder, stack.apiUrl, { path: `/callback?state=forged-${i}` })).status);
    }
    expect(callbacks.filter((s) => s === 429)).toHaveLength(5);
    const signInAfterCallbackFlood = await requestFrom(callbackFlooder, stack.apiUrl, {
      method: 'POST',
      path: '/api/session',
      headers: { origin: stack.apiUrl },
      body: { token: stack.loginToken },
    });
    expect(signInAfterCallbackFlood.status).toBe(200);
    expect(signInAfterCallbackFlood.body).toEqual({ authenticated: true, via: 'session' });
  });

  it('wrong API keys spend their address budget before they are looked up: a flood gets 429, not endless 401s', async () => {
    const flooder = '127.0.0.4';
    const attempts: Awaited<ReturnType<typeof requestFrom>>[] = [];
    for (let i = 0; i < 30; i++) {
      attempts.push(await requestFrom(flooder, stack.apiUrl, { path: '/api/__probe/private', headers: { authorization: `Bearer desk_wrong-key-${i}` } }));
    }
    expect(statusCounts(attempts.map((a) => a.status))).toEqual({ 401: 20, 429: 10 });
    const refused = attempts.filter((a) => a.status === 429);
    expect(refused.map((a) => a.body.code)).toEqual(Array(10).fill('RATE_LIMITED'));
    expect(refused.map((a) => Number(a.headers['retry-after']) >= 1)).toEqual(Array(10).fill(true));
    // Also on a public route and on the OpenAPI pages (served outside Nest's routing): no more lookups.
    for (const path of ['/api/health', '/api/docs-json']) {
      const refused = await requestFrom(flooder, stack.apiUrl, { path, headers: { authorization: 'Bearer desk_another-wrong-key' } });
      expect({ path, status: refused.status }).toEqual({ path, status: 429 });
    }

    // Another client address is not affected, and a right key works there.
    const browser = stack.browser();
    await browser.signIn();
    const created = await browser.api('POST', '/api/keys', { name: 'reader', scopes: ['read'] });
    const ok = await requestFrom('127.0.0.5', stack.apiUrl, { path: '/api/__probe/private', headers: { authorization: `Bearer ${created.body.key}` } });
    expect(ok.status).toBe(200);
  });
});
