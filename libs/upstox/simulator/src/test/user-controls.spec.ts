/**
 * Issue 9 items 3 and 5: GET /v2/user/ip with the UDAPI1154 switch, and Upstox's per-segment kill switch
 * (GET/POST /v2/user/kill-switch, DOCS get-kill-switch / update-kill-switch).
 */
import { NIFTY_FUT, orderBody, RELIANCE, SimHarness } from './harness';

async function fresh(h: SimHarness): Promise<void> {
  await h.control('POST', '/__sim/reset', {});
  h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
}

describe('static IP (GET /v2/user/ip, UDAPI1154)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  it('serves the demo user a registered primary IP, in the documented fields, and needs a token', async () => {
    const res = await h.http('GET', '/v2/user/ip');
    expect([res.status, res.body.status]).toEqual([200, 'success']);
    expect(res.body.data).toEqual({ primary_ip: '203.0.113.10', secondary_ip: null, primary_ip_updated_at: expect.any(String), secondary_ip_updated_at: null });
    expect((await h.http('GET', '/v2/user/ip', { token: null })).status).toBe(401);
  });

  it('clears and sets the IPs through the control API, and refuses every order write with UDAPI1154 while told to', async () => {
    const set = await h.control('POST', '/__sim/static-ip', { primary_ip: null, secondary_ip: '198.51.100.2', refuse_writes: true });
    expect(set.body).toMatchObject({ primary_ip: null, secondary_ip: '198.51.100.2', refuse_writes: true });
    expect((await h.http('GET', '/v2/user/ip')).body.data).toMatchObject({ primary_ip: null, secondary_ip: '198.51.100.2', primary_ip_updated_at: null });
    const place = await h.http('POST', '/v3/order/place', { body: orderBody({ order_type: 'LIMIT', price: 1000 }) });
    const modify = await h.http('PUT', '/v3/order/modify', { body: { order_id: '250101000000001', quantity: 1, validity: 'DAY', price: 1, order_type: 'LIMIT', trigger_price: 0 } });
    const cancel = await h.http('DELETE', '/v3/order/cancel?order_id=250101000000001');
    for (const res of [place, modify, cancel]) expect([res.status, res.body.errors[0].error_code]).toEqual([403, 'UDAPI1154']);
    expect((await h.control('GET', '/__sim/orders')).body.orders).toEqual([]);
    expect((await h.http('GET', '/v2/order/retrieve-all')).status).toBe(200); // reads are not IP-restricted
    await h.control('POST', '/__sim/static-ip', { refuse_writes: false });
    expect(await h.place({ order_type: 'LIMIT', price: 1000 })).toMatch(/^\d+$/);
    expect((await h.control('POST', '/__sim/static-ip', { refuse_writes: 'yes' })).status).toBe(400);
  });
});

describe("Upstox's kill switch (GET/POST /v2/user/kill-switch)", () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  const state = async (segment: string) => ((await h.http('GET', '/v2/user/kill-switch')).body.data as { segment: string; kill_switch_enabled: boolean }[]).find((r) => r.segment === segment);

  it('lists every segment with segment_status and kill_switch_enabled', async () => {
    const rows = (await h.http('GET', '/v2/user/kill-switch')).body.data as { segment: string }[];
    expect(rows.map((r) => r.segment).sort()).toEqual(['BCD_FO', 'BSE_EQ', 'BSE_FO', 'MCX_FO', 'NCD_FO', 'NSE_COM', 'NSE_EQ', 'NSE_FO']);
    expect(await state('NSE_EQ')).toEqual({ segment: 'NSE_EQ', segment_status: 'ACTIVE', kill_switch_enabled: false });
  });

  it('DISABLE cancels the pending orders of that segment only and blocks new ones there', async () => {
    const equity = await h.place({ order_type: 'LIMIT', price: 1000, tag: 'eq' });
    const future = await h.place({ instrument_token: NIFTY_FUT, order_type: 'LIMIT', price: 100, quantity: 75, product: 'D', tag: 'fo' });
    await h.waitForOrder(equity, (o) => o.status === 'open');
    await h.waitForOrder(future, (o) => o.status === 'open' || o.status === 'rejected');
    const res = await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'NSE_EQ', action: 'DISABLE' }] });
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual({ segment: 'NSE_EQ', segment_status: 'ACTIVE', kill_switch_enabled: true });
    await h.waitForOrder(equity, (o) => o.status === 'cancelled');
    expect((await h.details(future)).status).not.toBe('cancelled');
    const blocked = await h.http('POST', '/v3/order/place', { body: orderBody({ instrument_token: RELIANCE, order_type: 'LIMIT', price: 1000 }) });
    expect([blocked.status, blocked.body.errors[0].message]).toEqual([400, expect.stringContaining('disabled by your kill switch')]);
  });

  it('refuses ENABLE within 12 hours of DISABLE by the simulator clock (UDAPI1185), allows it after', async () => {
    await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'NSE_FO', action: 'DISABLE' }] });
    await h.control('POST', '/__sim/clock', { advance_ms: 11 * 3600_000 });
    // Hours on may pass 03:30 IST, when every token dies (in the afternoon they do): a token of the new time each time.
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const early = await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'NSE_FO', action: 'ENABLE' }] });
    expect([early.status, early.body.errors[0].error_code]).toEqual([400, 'UDAPI1185']);
    expect((await state('NSE_FO'))?.kill_switch_enabled).toBe(true);
    await h.control('POST', '/__sim/clock', { advance_ms: 3600_000 + 1000 });
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const later = await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'NSE_FO', action: 'ENABLE' }] });
    expect(later.status).toBe(200);
    expect((await state('NSE_FO'))?.kill_switch_enabled).toBe(false);
  });

  it('applies a request all or none, and names a bad segment or action', async () => {
    const mixed = await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'BSE_EQ', action: 'DISABLE' }, { segment: 'NOPE', action: 'DISABLE' }] });
    expect([mixed.status, mixed.body.errors[0].error_code]).toEqual([400, 'UDAPI1186']);
    expect((await state('BSE_EQ'))?.kill_switch_enabled).toBe(false);
    const action = await h.http('POST', '/v2/user/kill-switch', { body: [{ segment: 'BSE_EQ', action: 'OFF' }] });
    expect(action.body.errors[0].error_code).toBe('UDAPI1188');
  });
});
