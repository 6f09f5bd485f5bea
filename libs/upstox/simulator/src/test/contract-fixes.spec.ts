/**
 * Issue 9 item 7: the contract fixes (a-g) from the audit of the simulator against Upstox's docs and SDKs.
 * One suite per item, so a regression names the rule it breaks.
 */
import { orderBody, RELIANCE, SimHarness } from './harness';

/** A clean simulator for each test (orders, rate-limit windows, controls) with a fresh token. */
async function fresh(h: SimHarness): Promise<void> {
  await h.control('POST', '/__sim/reset', {});
  h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
}

describe('contract fix a: MARKET and SL-M need market_protection (UDAPI1158)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  const UDAPI1158 = {
    error_code: 'UDAPI1158',
    message: 'Market orders are not allowed. Try placing an order with market protection.',
    property_path: 'market_protection',
  };

  it('refuses a MARKET and an SL-M place without it, on v2 and v3, and places nothing', async () => {
    for (const version of ['v2', 'v3']) {
      for (const extra of [{ order_type: 'MARKET' }, { order_type: 'SL-M', trigger_price: 1500 }]) {
        const res = await h.http('POST', `/${version}/order/place`, { body: orderBody({ ...extra, market_protection: undefined }) });
        expect([res.status, res.body.errors[0]]).toEqual([400, expect.objectContaining(UDAPI1158)]);
      }
    }
    expect((await h.control('GET', '/__sim/orders')).body.orders).toEqual([]);
  });

  it('accepts LIMIT without it, and records what each order was sent with in /__sim/orders', async () => {
    const limit = await h.place({ order_type: 'LIMIT', price: 1000, market_protection: undefined, tag: 'mp-limit' });
    const auto = await h.place({ market_protection: -1, tag: 'mp-auto' });
    const five = await h.place({ order_type: 'SL-M', trigger_price: 1500, market_protection: 5, tag: 'mp-five' });
    const zero = await h.place({ market_protection: 0, tag: 'mp-zero' });
    const orders: { order_id: string; market_protection: number | null }[] = (await h.control('GET', '/__sim/orders')).body.orders;
    const sentWith = (id: string) => orders.find((o) => o.order_id === id)?.market_protection;
    expect([sentWith(limit), sentWith(auto), sentWith(five), sentWith(zero)]).toEqual([null, -1, 5, 0]);
  });

  it('a modify to MARKET needs it unless the order already has it; the record follows the modify', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1000, market_protection: undefined, tag: 'mp-modify' });
    await h.waitForStatus(id, 'open');
    const modify = (extra: Record<string, unknown>) =>
      h.http('PUT', '/v3/order/modify', { body: { order_id: id, order_type: 'MARKET', validity: 'DAY', price: 0, trigger_price: 0, ...extra } });
    const refused = await modify({});
    expect([refused.status, refused.body.errors[0]]).toEqual([400, expect.objectContaining(UDAPI1158)]);
    expect((await modify({ market_protection: 7 })).status).toBe(200);
    await h.waitForStatus(id, 'complete');
    const record = (await h.control('GET', '/__sim/orders')).body.orders.find((o: { order_id: string }) => o.order_id === id);
    expect(record).toMatchObject({ order_type: 'MARKET', market_protection: 7 });
  });
});

describe('contract fix e: an unknown instrument key is UDAPI100011 "Invalid Instrument key"', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  it('unknown -> UDAPI100011; missing -> UDAPI1026; a known key still places', async () => {
    const unknown = await h.http('POST', '/v3/order/place', { body: orderBody({ instrument_token: 'NSE_EQ|INE000X00000' }) });
    expect([unknown.status, unknown.body.errors[0]]).toEqual([
      400,
      expect.objectContaining({ error_code: 'UDAPI100011', message: 'Invalid Instrument key', property_path: 'instrument_token', invalid_value: 'NSE_EQ|INE000X00000' }),
    ]);
    const missing = await h.http('POST', '/v3/order/place', { body: orderBody({ instrument_token: undefined }) });
    expect(missing.body.errors[0]).toMatchObject({ error_code: 'UDAPI1026', property_path: 'instrument_token' });
    expect(await h.place({ instrument_token: RELIANCE })).toMatch(/^\d{15}$/);
  });
});

describe('contract fix g: a refused modify / cancel walks modify validation pending, not modified, not cancelled', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  it('a refused modify leaves the order unchanged and working; the next one goes through', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1000, tag: 'g-modify' });
    await h.waitForStatus(id, 'open');
    expect((await h.control('POST', '/__sim/exchange-refusal', { action: 'modify' })).body.pending).toEqual({ modify: 1, cancel: 0 });
    const modify = (price: number) =>
      h.http('PUT', '/v3/order/modify', { body: { order_id: id, order_type: 'LIMIT', validity: 'DAY', price, trigger_price: 0 } });
    expect((await modify(1010)).status).toBe(200);
    const refused = await h.settle(id);
    expect(refused).toMatchObject({ status: 'open', price: 1000, order_request_id: '2' });
    expect((await h.statuses(id)).slice(-4)).toEqual(['modify pending', 'modify validation pending', 'not modified', 'open']);
    const history = (await h.http('GET', `/v2/order/history?order_id=${id}`)).body.data;
    expect(history.find((e: { status: string }) => e.status === 'not modified').status_message).toMatch(/rejected by the exchange/);

    expect((await modify(1020)).status).toBe(200);
    expect(await h.settle(id)).toMatchObject({ status: 'open', price: 1020, order_request_id: '3' });
  });

  it('a refused cancel says not cancelled and the order keeps working (and can fill)', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1000, tag: 'g-cancel' });
    await h.waitForStatus(id, 'open');
    await h.control('POST', '/__sim/exchange-refusal', { action: 'cancel' });
    expect((await h.http('DELETE', `/v3/order/cancel?order_id=${id}`)).status).toBe(200);
    expect(await h.settle(id)).toMatchObject({ status: 'open', filled_quantity: 0 });
    expect((await h.statuses(id)).slice(-3)).toEqual(['cancel pending', 'not cancelled', 'open']);
    await h.setPrice(RELIANCE, 999);
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ filled_quantity: 1 });
  });

  it('refuses a bad control body', async () => {
    expect((await h.control('POST', '/__sim/exchange-refusal', { action: 'place' })).status).toBe(400);
  });
});

describe('contract fix f: history by a tag with no orders answers an empty list or (when told) an error', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  it('empty list by default; an error after POST /__sim/order-history {empty_tag: "error"}; a tag with orders still lists them', async () => {
    const id = await h.place({ tag: 'f-has-orders' });
    expect((await h.http('GET', '/v2/order/history?tag=f-none')).body).toEqual({ status: 'success', data: [] });
    await h.control('POST', '/__sim/order-history', { empty_tag: 'error' });
    const refused = await h.http('GET', '/v2/order/history?tag=f-none');
    expect([refused.status, refused.body.errors[0]]).toEqual([400, expect.objectContaining({ error_code: 'UDAPI100010', property_path: 'tag' })]);
    const found = (await h.http('GET', '/v2/order/history?tag=f-has-orders')).body.data;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e: { order_id: string }) => e.order_id === id)).toBe(true);
    expect((await h.control('POST', '/__sim/order-history', { empty_tag: 'maybe' })).status).toBe(400);
  });
});
