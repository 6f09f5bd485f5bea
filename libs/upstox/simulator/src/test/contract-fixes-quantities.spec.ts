/**
 * Issue 9 item 7, contract fixes b-d (quantities): MCX quantities are lots on the wire, the freeze quantity, and
 * delivery sells (holdings, CDSL TPIN). Real HTTP against the simulator.
 */
import { INFY, NIFTY_CE, orderBody, SimHarness } from './harness';

/** The demo list's MCX future (CRUDEOILM, lot 10 barrels). */
const CRUDEOILM = 'MCX_FO|430000';

async function fresh(h: SimHarness): Promise<void> {
  await h.control('POST', '/__sim/reset', {});
  h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
}

describe('contract fix b: MCX quantities are lots on v3 place and modify; the order book reports units', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  it('the demo instrument list has an MCX future with its lot size and freeze quantity', async () => {
    const rows = (await h.http('GET', '/market-quote/instruments/exchange/complete.json', { token: null })).body;
    expect(rows.find((r: { instrument_key: string }) => r.instrument_key === CRUDEOILM)).toMatchObject({
      segment: 'MCX_FO', exchange: 'MCX', instrument_type: 'FUT', lot_size: 10, freeze_quantity: 1000, tick_size: 100,
    });
  });

  it('quantity 1 places one lot (10 units); a modify to quantity 2 makes it 20 units', async () => {
    const id = await h.place({ instrument_token: CRUDEOILM, quantity: 1, product: 'I', order_type: 'LIMIT', price: 5900 });
    const open = await h.waitForStatus(id, 'open');
    expect(open).toMatchObject({ exchange: 'MCX', quantity: 10, pending_quantity: 10 });
    const modify = await h.http('PUT', '/v3/order/modify', {
      body: { order_id: id, order_type: 'LIMIT', validity: 'DAY', price: 5900, trigger_price: 0, quantity: 2 },
    });
    expect(modify.status).toBe(200);
    expect(await h.settle(id)).toMatchObject({ status: 'open', quantity: 20, pending_quantity: 20 });
  });
});

describe('contract fix c: an un-sliced order above the freeze quantity is refused', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  const nifty = (quantity: number, slice?: boolean) => ({
    ...orderBody({ instrument_token: NIFTY_CE, quantity, product: 'I', order_type: 'LIMIT', price: 100 }),
    ...(slice === undefined ? {} : { slice }),
  });

  it('1875 NIFTY CE (freeze 1800) without slice: accepted, then rejected naming the freeze quantity', async () => {
    for (const body of [nifty(1875), nifty(1875, false)]) {
      const res = await h.http('POST', '/v3/order/place', { body });
      expect(res.body.data.order_ids).toHaveLength(1);
      const order = await h.waitForStatus(res.body.data.order_ids[0], 'rejected');
      expect(order.status_message).toMatch(/above the exchange's freeze quantity 1800/);
    }
  });

  it('at the freeze quantity it works; with slice: true 1875 becomes 1800 + 75 and neither is refused', async () => {
    const at = await h.http('POST', '/v3/order/place', { body: nifty(1800) });
    expect((await h.waitForStatus(at.body.data.order_ids[0], 'open')).quantity).toBe(1800);
    const sliced = await h.http('POST', '/v3/order/place', { body: nifty(1875, true) });
    const children = await Promise.all(sliced.body.data.order_ids.map((id: string) => h.waitForStatus(id, 'open')));
    expect(children.map((o) => o.quantity)).toEqual([1800, 75]);
  });
});

describe('contract fix d: delivery sells need the shares and, without DDPI/POA, CDSL TPIN authorisation', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  beforeEach(() => fresh(h));
  afterAll(() => h.close());

  const sellInfy = (quantity: number, product = 'D') =>
    h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity, product, order_type: 'LIMIT', price: 1600 });

  it('the demo is TPIN-authorised by default; switched off, a delivery sell of held shares is accepted then rejected naming CDSL TPIN', async () => {
    expect(await h.waitForStatus(await sellInfy(2), 'open')).toMatchObject({ status_message: null });
    expect((await h.control('POST', '/__sim/demat', { tpin_authorised: false })).body).toMatchObject({ ddpi: false, tpin_authorised: false });
    const refused = await h.waitForStatus(await sellInfy(2), 'rejected');
    expect(refused.status_message).toMatch(/CDSL TPIN authorisation is required/);
    // An intraday sell is no sale of demat shares: not affected.
    expect((await h.waitForStatus(await sellInfy(2, 'I'), 'open')).status).toBe('open');
  });

  it('DDPI lets it through without TPIN; the reset turns TPIN back on', async () => {
    await h.control('POST', '/__sim/demat', { ddpi: true, tpin_authorised: false });
    expect((await h.waitForStatus(await sellInfy(1), 'open')).status).toBe('open');
    await fresh(h);
    expect((await h.control('POST', '/__sim/demat', {})).body).toEqual(expect.objectContaining({ ddpi: false, tpin_authorised: true }));
  });

  it('more than held (10 INFY + today\'s delivery buys, less working sells) is rejected', async () => {
    const tooMany = await h.waitForStatus(await sellInfy(11), 'rejected');
    expect(tooMany.status_message).toMatch(/^Insufficient holdings: you can sell 10 shares of INFY/);
    const buy = await h.place({ instrument_token: INFY, quantity: 3, product: 'D' });
    await h.waitForStatus(buy, 'complete');
    expect((await h.waitForStatus(await sellInfy(8), 'open')).quantity).toBe(8);
    const rest = await h.waitForStatus(await sellInfy(6), 'rejected');
    expect(rest.status_message).toMatch(/you can sell 5 shares/);
    expect((await h.waitForStatus(await sellInfy(5), 'open')).quantity).toBe(5);
  });
});
