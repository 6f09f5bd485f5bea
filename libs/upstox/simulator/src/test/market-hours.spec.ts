import { ist, Loose, SimHarness } from './harness';

const at = (wall: string): number => Date.parse(ist(wall));

/** Moves the clock to an IST wall time; a token dies at 03:30 IST, so a fresh one is taken after a day change. */
async function moveTo(h: SimHarness, wall: string): Promise<void> {
  await h.control('POST', '/__sim/clock', { set: ist(wall) });
  h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
}

describe('market information (issue 9 item 2): holidays, timings, status and orders outside hours', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  it('with market rules on: lists the holidays, the sessions of a weekday, none on a weekend, MCX only on a holiday', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: at('2026-11-30T10:00:00') - Date.now() });
    const all = await h.http('GET', '/v2/market/holidays', { token: null });
    expect(all.status).toBe(200);
    const christmas = all.body.data.find((d: Loose) => d.date === '2026-12-25');
    expect(christmas).toEqual({
      date: '2026-12-25',
      description: 'Christmas',
      holiday_type: 'TRADING_HOLIDAY',
      closed_exchanges: ['NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD'],
      open_exchanges: [{ exchange: 'MCX', start_time: at('2026-12-25T17:00:00'), end_time: at('2026-12-25T23:30:00') }],
    });
    expect((await h.http('GET', '/v2/market/holidays/2026-12-25', { token: null })).body.data).toEqual([christmas]);
    expect((await h.http('GET', '/v2/market/holidays/2026-12-24', { token: null })).body.data).toEqual([]);

    const monday = (await h.http('GET', '/v2/market/timings/2026-11-30', { token: null })).body.data;
    expect(monday.find((t: Loose) => t.exchange === 'NSE')).toEqual({ exchange: 'NSE', start_time: at('2026-11-30T09:15:00'), end_time: at('2026-11-30T15:30:00') });
    expect(Object.keys(monday[0]).sort()).toEqual(['end_time', 'exchange', 'start_time']);
    expect((await h.http('GET', '/v2/market/timings/2026-11-28', { token: null })).body.data).toEqual([]);
    expect((await h.http('GET', '/v2/market/timings/2026-12-25', { token: null })).body.data.map((t: Loose) => t.exchange)).toEqual(['MCX']);
    const bad = await h.http('GET', '/v2/market/timings/30-11-2026', { token: null });
    expect([bad.status, bad.body.errors[0].error_code]).toEqual([400, 'UDAPI100038']);
  });

  it('status follows the clock: open in the session, closed before it, on a weekend and on a holiday; it needs a token', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: at('2026-11-30T10:00:00') - Date.now() });
    const status = async (): Promise<Loose> => (await h.http('GET', '/v2/market/status/NSE')).body.data;
    expect(await status()).toEqual({ exchange: 'NSE', status: 'NORMAL_OPEN', last_updated: at('2026-11-30T09:15:00') });
    await h.control('POST', '/__sim/clock', { set: ist('2026-11-30T16:00:00') });
    expect(await status()).toEqual({ exchange: 'NSE', status: 'NORMAL_CLOSE', last_updated: at('2026-11-30T15:30:00') });
    await moveTo(h, '2026-11-28T11:00:00');
    expect((await status()).status).toBe('NORMAL_CLOSE');
    await moveTo(h, '2026-11-24T11:00:00'); // Guru Nanak Jayanti, a Tuesday
    expect((await status()).status).toBe('NORMAL_CLOSE');
    expect((await h.http('GET', '/v2/market/status/NSE', { token: null })).status).toBe(401);
    expect((await h.http('GET', '/v2/market/status/XYZ')).body.errors[0].error_code).toBe('UDAPI100038');
  });

  it('with market rules off (the demo): open all day every day, no holidays', async () => {
    h = await SimHarness.start({ clockOffsetMs: at('2026-12-25T02:00:00') - Date.now() });
    expect((await h.http('GET', '/v2/market/holidays', { token: null })).body.data).toEqual([]);
    const nse = (await h.http('GET', '/v2/market/timings/2026-12-25', { token: null })).body.data.find((t: Loose) => t.exchange === 'NSE');
    expect(nse).toEqual({ exchange: 'NSE', start_time: at('2026-12-25T00:00:00'), end_time: at('2026-12-26T00:00:00') });
    expect((await h.http('GET', '/v2/market/status/NSE')).body.data.status).toBe('NORMAL_OPEN');
  });

  it('on a holiday an order waits as AMO and goes to the exchange at the next open', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: at('2026-12-25T11:00:00') - Date.now() });
    const id = await h.place({ is_amo: true });
    expect(await h.waitForStatus(id, 'after market order req received')).toMatchObject({ is_amo: true });
    await moveTo(h, '2026-12-28T09:15:00');
    await h.waitForStatus(id, 'complete');
  });

  it('regular_orders_when_closed refuse: a regular order outside hours is refused with UDAPI100057, an AMO accepted', async () => {
    h = await SimHarness.start({ marketRules: true, clockOffsetMs: at('2026-11-28T11:00:00') - Date.now() });
    const switched = await h.control('POST', '/__sim/market-rules', { enabled: true, regular_orders_when_closed: 'refuse' });
    expect(switched.body).toEqual({ enabled: true, regular_orders_when_closed: 'refuse' });
    const refused = await h.http('POST', '/v3/order/place', { body: { quantity: 1, product: 'D', validity: 'DAY', price: 0, tag: 't', instrument_token: 'NSE_EQ|INE002A01018', order_type: 'MARKET', transaction_type: 'BUY', disclosed_quantity: 0, trigger_price: 0, is_amo: false, market_protection: -1 } });
    expect([refused.status, refused.body.errors[0].error_code, refused.body.errors[0].message]).toEqual([400, 'UDAPI100057', 'Market is closed']);
    const amo = await h.place({ is_amo: true });
    await h.waitForStatus(amo, 'after market order req received');
    // In the session a regular order is placed as usual.
    await moveTo(h, '2026-11-30T10:00:00');
    const live = await h.place({ is_amo: false });
    await h.waitForStatus(live, 'complete');
    expect((await h.control('POST', '/__sim/market-rules', { enabled: true, regular_orders_when_closed: 'x' })).status).toBe(400);
  });
});
