import { INFY, NIFTY_CE, NIFTY_FUT, orderBody, RELIANCE, SimHarness } from './harness';

const ACCEPTED = ['put order req received', 'validation pending', 'open pending'];

describe('order lifecycle', () => {
  let h: SimHarness;

  beforeEach(async () => {
    h = await SimHarness.start();
  });
  afterEach(() => h.close());

  it('MARKET: walks to complete at the simulated price, exchange id set at open', async () => {
    const id = await h.place({ quantity: 3 });
    expect(id).toMatch(/^\d{6}\d{9}$/);
    const order = await h.waitForStatus(id, 'complete');
    expect(order).toMatchObject({ filled_quantity: 3, pending_quantity: 0, average_price: 1420.5, order_request_id: '1', variety: 'SIMPLE' });
    const history = (await h.http('GET', `/v2/order/history?order_id=${id}`)).body.data;
    expect(history.map((e: { status: string }) => e.status)).toEqual([...ACCEPTED, 'open', 'complete']);
    expect(history.slice(0, 3).every((e: { exchange_order_id: string }) => e.exchange_order_id === '')).toBe(true);
    expect(history[3].exchange_order_id).toMatch(/^\d{16}$/);
    expect(history[0]).not.toHaveProperty('pending_quantity');
    const trades = (await h.http('GET', `/v2/order/trades?order_id=${id}`)).body.data;
    expect(trades).toEqual([expect.objectContaining({ order_id: id, quantity: 3, average_price: 1420.5, transaction_type: 'BUY' })]);
  });

  it('LIMIT: rests until the price crosses, then fills at the limit price', async () => {
    const buy = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 2 });
    const sell = await h.place({ order_type: 'LIMIT', price: 1450, transaction_type: 'SELL', product: 'I' });
    await h.waitForStatus(buy, 'open');
    await h.waitForStatus(sell, 'open');
    await h.setPrice(RELIANCE, 1410);
    expect((await h.settle(buy)).status).toBe('open');
    await h.setPrice(RELIANCE, 1399.95);
    expect(await h.details(buy)).toMatchObject({ status: 'complete', average_price: 1400, filled_quantity: 2 });
    expect((await h.details(sell)).status).toBe('open');
    await h.setPrice(RELIANCE, 1452.3);
    expect(await h.details(sell)).toMatchObject({ status: 'complete', average_price: 1450 });
    expect(await h.statuses(buy)).toEqual([...ACCEPTED, 'open', 'complete']);
  });

  it('LIMIT marketable on arrival fills at the LTP, not worse than its limit', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1500 });
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ average_price: 1420.5 });
  });

  it('SL: waits in trigger pending, triggers, then works as LIMIT', async () => {
    const id = await h.place({ order_type: 'SL', transaction_type: 'SELL', product: 'I', price: 1395, trigger_price: 1400 });
    await h.waitForStatus(id, 'trigger pending');
    await h.settle(id);
    await h.setPrice(RELIANCE, 1405);
    expect((await h.settle(id)).status).toBe('trigger pending');
    await h.setPrice(RELIANCE, 1390); // triggered; a SELL limit of 1395 is not met at 1390
    expect(await h.details(id)).toMatchObject({ status: 'open', order_type: 'SL', filled_quantity: 0 });
    await h.setPrice(RELIANCE, 1396);
    expect(await h.details(id)).toMatchObject({ status: 'complete', average_price: 1395 });
    expect(await h.statuses(id)).toEqual([...ACCEPTED, 'trigger pending', 'open', 'complete']);
  });

  it('SL-M: triggers and fills at the market price', async () => {
    const id = await h.place({ order_type: 'SL-M', transaction_type: 'BUY', trigger_price: 1450 });
    await h.waitForStatus(id, 'trigger pending');
    await h.setPrice(RELIANCE, 1451.25);
    // The order may still be taking its first look at the market: wait rather than read once.
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ average_price: 1451.25 });
    expect(await h.statuses(id)).toEqual([...ACCEPTED, 'trigger pending', 'open', 'complete']);
  });

  it('IOC: a LIMIT that cannot fill at once is cancelled; a marketable one fills', async () => {
    const miss = await h.place({ order_type: 'LIMIT', validity: 'IOC', price: 1300 });
    const cancelled = await h.waitForStatus(miss, 'cancelled');
    expect(cancelled.status_message).toMatch(/IOC/);
    expect(cancelled.filled_quantity).toBe(0);
    const hit = await h.place({ order_type: 'LIMIT', validity: 'IOC', price: 1421 });
    expect(await h.waitForStatus(hit, 'complete')).toMatchObject({ average_price: 1420.5 });
  });

  it('partial fills stay open with filled and pending quantities', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 10 });
    await h.waitForStatus(id, 'open');
    const first = await h.control('POST', '/__sim/fill', { order_id: id, quantity: 4 });
    expect(first.body.order).toMatchObject({ status: 'open', filled_quantity: 4, pending_quantity: 6, average_price: 1400 });
    expect(await h.details(id)).toMatchObject({ status: 'open', filled_quantity: 4, pending_quantity: 6 });
    await h.control('POST', '/__sim/fill', { order_id: id, quantity: 6 });
    expect(await h.details(id)).toMatchObject({ status: 'complete', filled_quantity: 10, pending_quantity: 0 });
    expect((await h.http('GET', `/v2/order/trades?order_id=${id}`)).body.data.map((t: { quantity: number }) => t.quantity)).toEqual([4, 6]);
    expect(await h.statuses(id)).toEqual([...ACCEPTED, 'open', 'open', 'complete']);
  });

  it('funds: a BUY above available margin is accepted, then rejected with the amount to add', async () => {
    const id = await h.place({ quantity: 400 }); // 400 x 1420.50 = 5,68,200 > 5,00,000
    const order = await h.waitForStatus(id, 'rejected');
    expect(order.status_message).toBe('You need to add Rs. 68200.00 in your account to place this trade.');
    expect(order.pending_quantity).toBe(0);
    expect(await h.statuses(id)).toEqual(['put order req received', 'validation pending', 'rejected']);
    const fut = await h.place({ instrument_token: NIFTY_FUT, quantity: 75, product: 'I' });
    expect((await h.waitForStatus(fut, 'rejected')).status_message).toMatch(/^You need to add Rs\. \d+\.\d{2} in your account/);
  });

  it('funds: open BUY orders block margin, fills move cash', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 100 });
    await h.waitForStatus(id, 'open');
    const funds = (await h.http('GET', '/v2/user/get-funds-and-margin')).body.data;
    expect(funds.equity).toMatchObject({ available_margin: 360000, used_margin: 140000 });
    expect(funds.commodity.available_margin).toBe(0);
    const second = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 300 });
    expect((await h.waitForStatus(second, 'rejected')).status_message).toBe('You need to add Rs. 60000.00 in your account to place this trade.');
  });

  it('RMS: lot size and tick size rejections', async () => {
    const lot = await h.place({ instrument_token: NIFTY_CE, quantity: 50, product: 'I' });
    expect((await h.waitForStatus(lot, 'rejected')).status_message).toBe('Quantity should be a multiple of the lot size 75.');
    const tick = await h.place({ order_type: 'LIMIT', price: 1400.03 });
    expect((await h.waitForStatus(tick, 'rejected')).status_message).toMatch(/tick size 0\.05/);
  });

  it('v3 slice splits by freeze quantity; more than 25 slices is UDAPI1118', async () => {
    const res = await h.http('POST', '/v3/order/place', {
      body: { ...orderBody({ instrument_token: NIFTY_CE, quantity: 1875, product: 'I', tag: 'slice' }), slice: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.order_ids).toHaveLength(2);
    const [a, b] = res.body.data.order_ids;
    expect(await h.waitForStatus(a, 'complete')).toMatchObject({ quantity: 1800 });
    expect(await h.waitForStatus(b, 'complete')).toMatchObject({ quantity: 75 });
    const tooMany = await h.http('POST', '/v3/order/place', {
      body: { ...orderBody({ instrument_token: NIFTY_CE, quantity: 1800 * 25 + 75 }), slice: true },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ error_code: 'UDAPI1118', property_path: 'quantity' });
  });

  it('modify: modify pending -> modified -> open, order_request_id increments, then matches', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400, quantity: 5 });
    await h.waitForStatus(id, 'open');
    const res = await h.http('PUT', '/v3/order/modify', {
      body: { order_id: id, order_type: 'LIMIT', validity: 'DAY', price: 1405.5, trigger_price: 0, quantity: 6 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', data: { order_id: id } });
    const modified = await h.waitForOrder(id, (o) => o.order_request_id === '2' && o.status === 'open');
    expect(modified).toMatchObject({ price: 1405.5, quantity: 6, pending_quantity: 6 });
    expect(await h.statuses(id)).toEqual([...ACCEPTED, 'open', 'modify pending', 'modified', 'open']);
    await h.http('PUT', '/v2/order/modify', { body: { order_id: id, order_type: 'MARKET', validity: 'DAY', price: 0, trigger_price: 0 } });
    expect(await h.waitForStatus(id, 'complete')).toMatchObject({ order_request_id: '3', average_price: 1420.5, quantity: 6 });
  });

  it('cancel: cancel pending -> cancelled; finished orders cannot be cancelled or modified', async () => {
    const id = await h.place({ order_type: 'LIMIT', price: 1400 });
    await h.waitForStatus(id, 'open');
    const res = await h.http('DELETE', `/v3/order/cancel?order_id=${id}`);
    expect(res.body).toMatchObject({ status: 'success', data: { order_id: id }, metadata: { latency: expect.any(Number) } });
    await h.waitForStatus(id, 'cancelled');
    expect(await h.statuses(id)).toEqual([...ACCEPTED, 'open', 'cancel pending', 'cancelled']);

    const done = await h.place({ instrument_token: INFY });
    await h.waitForStatus(done, 'complete');
    const cancelDone = await h.http('DELETE', `/v2/order/cancel?order_id=${done}`);
    expect(cancelDone.status).toBe(400);
    expect(cancelDone.body.errors[0]).toMatchObject({ error_code: 'UDAPI100040', errorCode: 'UDAPI100040' });
    const modifyDone = await h.http('PUT', '/v2/order/modify', {
      body: { order_id: done, order_type: 'LIMIT', validity: 'DAY', price: 1500, trigger_price: 0 },
    });
    expect(modifyDone.status).toBe(400);
    expect(modifyDone.body.errors[0].error_code).toBe('UDAPI100041');
    const cancelCancelled = await h.http('DELETE', `/v3/order/cancel?order_id=${id}`);
    expect(cancelCancelled.body.errors[0].error_code).toBe('UDAPI100040');
  });

  it('order id problems: missing, malformed, unknown', async () => {
    const missing = await h.http('DELETE', '/v2/order/cancel');
    expect([missing.status, missing.body.errors[0].error_code]).toEqual([400, 'UDAPI1023']);
    const malformed = await h.http('GET', '/v2/order/details?order_id=12%2034');
    expect(malformed.body.errors[0].error_code).toBe('UDAPI1010');
    const unknown = await h.http('GET', '/v2/order/trades?order_id=261128000000001');
    expect([unknown.status, unknown.body.errors[0].error_code]).toEqual([400, 'UDAPI100010']);
  });

  it('holdings are seeded; delivery sells of them show as cnc_used_quantity', async () => {
    const before = (await h.http('GET', '/v2/portfolio/long-term-holdings')).body.data;
    expect(before.map((x: { trading_symbol: string }) => x.trading_symbol)).toEqual(['INFY', 'ITC', 'SBIN', 'HDFCBANK']);
    expect(before[0]).toMatchObject({ instrument_token: INFY, quantity: 10, cnc_used_quantity: 0, last_price: 1552.8, close_price: 1552.8, haircut: 0.2 });
    const sell = await h.place({ instrument_token: INFY, quantity: 4, transaction_type: 'SELL', product: 'D' });
    await h.waitForStatus(sell, 'complete');
    const after = (await h.http('GET', '/v2/portfolio/long-term-holdings')).body.data;
    expect(after[0]).toMatchObject({ quantity: 10, cnc_used_quantity: 4 });
    const funds = (await h.http('GET', '/v2/user/get-funds-and-margin?segment=SEC')).body.data.equity;
    expect(funds.available_margin).toBe(500000 + 4 * 1552.8);
  });

  it('positions are derived from fills (realised and unrealised P&L)', async () => {
    const buy = await h.place({ quantity: 10, product: 'I' });
    await h.waitForStatus(buy, 'complete');
    await h.setPrice(RELIANCE, 1430.5);
    const sell = await h.place({ quantity: 4, product: 'I', transaction_type: 'SELL' });
    await h.waitForStatus(sell, 'complete');
    await h.setPrice(RELIANCE, 1425.5);
    const positions = (await h.http('GET', '/v2/portfolio/short-term-positions')).body.data;
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({
      instrument_token: RELIANCE,
      product: 'I',
      quantity: 6,
      day_buy_quantity: 10,
      day_sell_quantity: 4,
      buy_price: 1420.5,
      sell_price: 1430.5,
      realised: 40,
      unrealised: 30,
      pnl: 70,
      last_price: 1425.5,
      trading_symbol: 'RELIANCE',
      tradingsymbol: 'RELIANCE',
    });
  });
});
