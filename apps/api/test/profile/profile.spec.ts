import { startOrdersStack, OrdersStack } from '../orders/orders-harness';

describe('GET /api/profile and /api/funds (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('answers the connected user\'s profile', async () => {
    const res = await s.browser.api('GET', '/api/profile');
    expect(res.status).toBe(200);
    expect(res.body.userId).toEqual(expect.any(String));
    expect(res.body.userId.length).toBeGreaterThan(0);
    expect(res.body.broker).toBe('UPSTOX');
    expect(Array.isArray(res.body.exchanges)).toBe(true);
    expect(res.text).not.toContain(s.accessToken);
  });

  it('answers funds with equity margins as numbers', async () => {
    const res = await s.browser.api('GET', '/api/funds');
    expect(res.status).toBe(200);
    expect(typeof res.body.equity.availableMargin).toBe('number');
    expect(res.body.equity.availableMargin).toBeGreaterThan(0);
  });

  it('answers Not authenticated without a connection, and 401 without a session', async () => {
    const anonymous = await s.stack.browser().api('GET', '/api/profile');
    expect(anonymous.status).toBe(401);
    expect(await s.browser.api('DELETE', '/api/connection')).toMatchObject({ status: 200 });
    const res = await s.browser.api('GET', '/api/funds');
    expect(res.body).toMatchObject({ code: 'NOT_AUTHENTICATED', title: 'Not authenticated' });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
