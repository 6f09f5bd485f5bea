import { connect, limitBuy, OrdersStack, startOrdersStack } from './orders-harness';

/** Token expiry is a hard stop: refused locally, nothing replayed after reconnecting. */
describe('orders and an expired Upstox token (real api + simulator)', () => {
  let s: OrdersStack;
  beforeEach(async () => {
    s = await startOrdersStack();
  }, 60_000);
  afterEach(async () => {
    await s?.close();
  });

  async function expectRefusedLocally(): Promise<void> {
    const before = await s.sim.counts();
    const res = await s.place(limitBuy({ price: 1001 }));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'CONNECTION_EXPIRED', title: 'Not authenticated', nextStep: expect.any(String) });
    expect(await s.sim.counts()).toEqual(before);
  }

  it('after the simulator clock passes 03:30 IST the first call finds the token dead, then orders are refused locally', async () => {
    const now = new Date((await s.sim.call('GET', 'clock')).body.now as string);
    const nextExpiry = new Date(now.getTime() + 26 * 3600_000);
    await s.sim.call('POST', 'clock', { set: nextExpiry.toISOString() });
    const profile = await s.browser.api('GET', '/api/profile');
    expect(profile.body.code).toBe('CONNECTION_EXPIRED');
    expect((await s.browser.api('GET', '/api/connection')).body.state).toBe('expired');
    await expectRefusedLocally();
  });

  it('a revoked token rejects the in-flight order (REJECTED, not retried); after reconnecting nothing is replayed', async () => {
    await s.sim.call('POST', 'revoke', { all: true });
    const placeBefore = await s.sim.placeCalls();
    const first = await s.place(limitBuy({ price: 1002, tag: 'revoked' }));
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({ code: 'CONNECTION_EXPIRED', upstoxCode: 'UDAPI100050' });
    expect(await s.sim.placeCalls()).toBe(placeBefore + 1);
    await expectRefusedLocally();

    await connect(s.browser, s.stack.simUrl);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await s.sim.placeCalls()).toBe(placeBefore + 1);
    expect((await s.sim.orders()).filter((o) => o.tag?.endsWith('-revoked'))).toEqual([]);
    const intents = (await s.browser.api('GET', '/api/order-intents')).body as { status: string; errorCode: string }[];
    expect(intents).toEqual([expect.objectContaining({ status: 'REJECTED', errorCode: 'CONNECTION_EXPIRED' })]);
    expect((await s.place(limitBuy({ price: 1003 }))).status).toBe(201);
  });
});
