import { rawRequest } from '../support/stack';
import { connect, limitBuy, OrdersStack, startOrdersStack, waitFor, workingOrder } from '../orders/orders-harness';

/**
 * Issue 9 items 3 and 5 over the real api + simulator: the registered static IPs (read at connect, shown before an
 * order, named in a UDAPI1154 refusal) and Upstox's own per-segment kill switch.
 */
describe('static IP and Upstox kill switch (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('reads the registered IPs at connect (no extra Upstox call to show them) and on demand', async () => {
    const res = await waitFor('the static IPs', async () => {
      const r = await s.browser.api('GET', '/api/profile/static-ip');
      return r.status === 200 ? r : undefined;
    });
    expect(res.body).toMatchObject({ environment: 'simulator', available: true, primaryIp: '203.0.113.10', secondaryIp: null, missing: false });
    const reads = await s.sim.calls('GET /v2/user/ip');
    expect(reads).toBe(1);
    await s.browser.api('GET', '/api/profile/static-ip');
    expect(await s.sim.calls('GET /v2/user/ip')).toBe(1);
  });

  it('says no static IP is registered before an order is typed, and names the IPs when Upstox refuses one (UDAPI1154)', async () => {
    await s.sim.call('POST', 'static-ip', { primary_ip: null, secondary_ip: null, refuse_writes: true });
    const view = await s.browser.api('GET', '/api/profile/static-ip?refresh=true');
    expect(view.body).toMatchObject({ available: true, primaryIp: null, secondaryIp: null, missing: true });
    const refused = await s.place(limitBuy({ price: 1000 }));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'STATIC_IP_REQUIRED', upstoxCode: 'UDAPI1154' });
    expect(refused.body.message).toContain('Upstox has no static IP registered for your account.');

    await s.sim.call('POST', 'static-ip', { primary_ip: '198.51.100.7', secondary_ip: '198.51.100.8' });
    await s.browser.api('GET', '/api/profile/static-ip?refresh=true');
    const named = await s.place(limitBuy({ price: 1000 }));
    expect(named.body.message).toContain('Registered static IPs at Upstox: primary 198.51.100.7, secondary 198.51.100.8.');
    await s.sim.call('POST', 'static-ip', { refuse_writes: false });
  });

  it("shows Upstox's kill switch per segment; disabling cancels the segment's pending orders; re-enabling waits 12 h", async () => {
    const before = await s.browser.api('GET', '/api/profile/kill-switch');
    expect(before.status).toBe(200);
    expect(before.body).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: false });
    const pending = await workingOrder(s);

    const off = await s.browser.api('POST', '/api/profile/kill-switch', { segment: 'NSE_EQ', action: 'DISABLE' });
    expect(off.status).toBe(200);
    expect(off.body).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: true });
    await waitFor('the pending order cancelled by Upstox', async () => (await s.browser.api('GET', `/api/orders/${pending}`)).body?.order?.status === 'cancelled');
    const blocked = await s.place(limitBuy({ price: 1000 }));
    expect(blocked.status).toBeGreaterThanOrEqual(400);
    expect(blocked.body.message).toContain('disabled by your kill switch');

    const early = await s.browser.api('POST', '/api/profile/kill-switch', { segment: 'NSE_EQ', action: 'ENABLE' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ upstoxCode: 'UDAPI1185', message: expect.stringContaining('12 hours') });
    await s.sim.call('POST', 'clock', { advance_ms: 12 * 3600_000 + 60_000 });
    // The simulator clock passed 03:30 IST too, which expired the token: connect again.
    await connect(s.browser, s.stack.simUrl);
    const on = await s.browser.api('POST', '/api/profile/kill-switch', { segment: 'NSE_EQ', action: 'ENABLE' });
    expect([on.status, on.body.message]).toEqual([200, undefined]);
    expect(on.body).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: false });
  });

  it('takes kill-switch changes only from the dashboard session, and only well-formed ones', async () => {
    const bad = await s.browser.api('POST', '/api/profile/kill-switch', { segment: 'NSE_EQ', action: 'OFF' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const key = await s.browser.api('POST', '/api/keys', { name: 'bot', scopes: ['read', 'trade'] });
    expect(key.status).toBe(201);
    const byKey = await rawRequest({
      method: 'POST', url: `${s.stack.apiUrl}/api/profile/kill-switch`,
      headers: { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ segment: 'NSE_EQ', action: 'DISABLE' }),
    });
    expect(byKey.status).toBe(403);
    const read = await rawRequest({ method: 'GET', url: `${s.stack.apiUrl}/api/profile/kill-switch`, headers: { authorization: `Bearer ${key.body.key}` } });
    expect(read.status).toBe(200);
  });
});
