import { randomUUID } from 'node:crypto';
import { limitBuy, OrdersStack, startOrdersStack } from '../orders/orders-harness';

/**
 * SECURITY.md figure "cross-site order attempts: 0 orders reach Upstox", against a dashboard that is
 * signed in AND connected to the simulator, with the session cookie attached to every attempt (the worst
 * case: a sibling origin on localhost, where SameSite does not help).
 */
describe('cross-site order attempts reach Upstox 0 times', () => {
  let s: OrdersStack;
  let cookie: string;

  beforeAll(async () => {
    s = await startOrdersStack();
    cookie = s.browser.jar.header(new URL(s.stack.apiUrl)) as string;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const writeRoutes = ['POST /v3/order/place', 'PUT /v3/order/modify', 'DELETE /v3/order/cancel'];
  const writesAtUpstox = async () => {
    const counts = await s.sim.counts();
    return writeRoutes.reduce((sum, route) => sum + (counts[route] ?? 0), 0);
  };

  it('form posts (3 encodings), no-cors fetch, sendBeacon, img GET and a missing CSRF header all fail', async () => {
    const before = await writesAtUpstox();
    const order = limitBuy();
    const foreign = 'http://attacker.example';
    const sibling = `http://localhost:${s.stack.api.port + 7}`;
    const boundary = '----x';
    const form = new URLSearchParams(Object.entries(order).map(([k, v]) => [k, String(v)])).toString();
    const multipart =
      Object.entries(order)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`;
    const attempts: { name: string; method: string; path: string; headers: Record<string, string>; body?: string }[] = [];
    for (const [method, path] of [
      ['POST', '/api/orders'],
      ['PUT', '/api/orders/SIM-ORDER-1'],
      ['DELETE', '/api/orders/SIM-ORDER-1'],
      ['PUT', '/api/orders/kill-switch'],
    ]) {
      for (const origin of [foreign, sibling, 'null']) {
        const site = origin === foreign ? 'cross-site' : 'same-site';
        attempts.push(
          { name: `${method} ${path} urlencoded form from ${origin}`, method, path, headers: { origin, 'sec-fetch-site': site, 'content-type': 'application/x-www-form-urlencoded' }, body: form },
          { name: `${method} ${path} multipart form from ${origin}`, method, path, headers: { origin, 'sec-fetch-site': site, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart },
          { name: `${method} ${path} text/plain form from ${origin}`, method, path, headers: { origin, 'sec-fetch-site': site, 'content-type': 'text/plain' }, body: JSON.stringify(order) },
          { name: `${method} ${path} no-cors fetch from ${origin}`, method, path, headers: { origin, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors', 'content-type': 'text/plain;charset=UTF-8', 'idempotency-key': randomUUID() }, body: JSON.stringify(order) },
        );
      }
      attempts.push({
        name: `${method} ${path} sendBeacon from a sibling port`,
        method,
        path,
        headers: { origin: sibling, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(order),
      });
    }
    const outcomes: string[] = [];
    for (const attempt of attempts) {
      const response = await s.browser.request(attempt.method, `${s.stack.apiUrl}${attempt.path}`, {
        headers: { cookie, ...attempt.headers },
        body: attempt.body,
      });
      if (response.status !== 403) outcomes.push(`${attempt.name}: ${response.status}`);
    }
    expect(outcomes).toEqual([]);
    // The right origin without the CSRF header (what a sibling page could forge if it guessed the origin).
    const noHeader = await s.browser.api('POST', '/api/orders', order, { 'x-xsrf-token': null, 'idempotency-key': randomUUID() });
    expect(noHeader.body.code).toBe('CSRF_FAILED');
    // img / link / prefetch GETs carry the cookie but cannot change anything.
    const image = { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' };
    await s.browser.request('GET', `${s.stack.apiUrl}/api/orders?${form}`, { headers: image });
    await s.browser.request('GET', `${s.stack.apiUrl}/api/orders/kill-switch?enabled=true`, { headers: image });
    expect(await writesAtUpstox()).toBe(before);
    const killSwitch = await s.browser.api('GET', '/api/orders/kill-switch');
    expect(killSwitch.body.enabled).toBe(false);
  });

  it('control: the same order from the dashboard itself reaches Upstox exactly once', async () => {
    const before = await s.sim.placeCalls();
    const placed = await s.place(limitBuy());
    expect([201, 202]).toContain(placed.status);
    expect(await s.sim.placeCalls()).toBe(before + 1);
  });
});
