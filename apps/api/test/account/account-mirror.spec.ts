import { OrdersStack, RELIANCE, SBIN, startOrdersStack, waitFor } from '../orders/orders-harness';
import {
  deskOrderStates,
  deskPositions,
  FAST_STREAM_ENV,
  feedState,
  ORDER_BOOK_READ,
  restingBuy,
  simOrderStates,
  simPositions,
  streamState,
  waitForLive,
} from './account-harness';

describe('the live account mirror (real api + simulator, real portfolio stream)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: FAST_STREAM_ENV });
    await waitForLive(s);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
  afterEach(async () => {
    await s.sim.call('DELETE', 'feed/faults');
    await waitForLive(s);
  });

  it('answers 200 concurrent order-book reads from memory: 0 upstream order-book reads', async () => {
    const before = await s.sim.calls(ORDER_BOOK_READ);
    const answers = await Promise.all(Array.from({ length: 200 }, () => s.browser.api('GET', '/api/orders')));
    expect(answers.every((a) => a.status === 200 && a.body.source === 'stream' && typeof a.body.asOf === 'string')).toBe(true);
    expect(await s.sim.calls(ORDER_BOOK_READ)).toBe(before);
  });

  it('a fill made at the simulator shows in orders and positions without any order-book read', async () => {
    const orderId = await restingBuy(s);
    const before = await s.sim.calls(ORDER_BOOK_READ);
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 10 });
    await waitFor('the fill in the mirror', async () => (await deskOrderStates(s.browser))[orderId] === 'complete/10');
    await waitFor('the position', async () => (await deskPositions(s.browser))[`${RELIANCE}|D`] === (await simPositions(s))[`${RELIANCE}|D`]);
    const details = await s.browser.api('GET', `/api/orders/${orderId}`);
    expect(details.body).toMatchObject({ source: 'stream', order: { status: 'complete', filledQuantity: 10 } });
    expect(details.body.history.map((h: { status: string }) => h.status)).toEqual(expect.arrayContaining(['put order req received', 'open', 'complete']));
    expect(await s.sim.calls(ORDER_BOOK_READ)).toBe(before);
  });

  it('positions and holdings follow the market while the stream is live: one price read for all, no snapshot', async () => {
    const orderId = await restingBuy(s, SBIN, 5);
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 5 });
    await waitFor('the position', async () => (await deskPositions(s.browser))[`${SBIN}|D`] !== undefined);
    // Let the fill's own follow-up positions read (up to one throttle interval later) finish before counting.
    await new Promise((r) => setTimeout(r, 1_500));
    const positionReads = await s.sim.calls('GET /v2/portfolio/short-term-positions');
    await s.sim.price(SBIN, 555.55);
    await waitFor('the new last price', async () => {
      const view = (await s.browser.api('GET', '/api/positions')).body as { positions: { instrumentKey: string; lastPrice: number; pnl: number }[] };
      const holdings = (await s.browser.api('GET', '/api/holdings')).body as { holdings: { instrumentKey: string; lastPrice: number }[] };
      return view.positions.find((p) => p.instrumentKey === SBIN)?.lastPrice === 555.55 && holdings.holdings.find((h) => h.instrumentKey === SBIN)?.lastPrice === 555.55;
    });
    expect(await s.sim.calls('GET /v2/portfolio/short-term-positions')).toBe(positionReads);
    expect(await s.sim.calls('GET /v3/market-quote/ltp')).toBeGreaterThan(0);
  });

  it('stream dropped, fills made while it is down, stream back: the mirror equals the simulator (0 missed, 0 regressed)', async () => {
    const a = await restingBuy(s, RELIANCE, 4);
    const b = await restingBuy(s, SBIN, 6);
    const opened = (await feedState(s.sim)).opened_total;
    await s.sim.call('POST', 'feed/refuse', { count: 3, status: 503 });
    await s.sim.call('POST', 'feed/drop', {});
    await waitFor('the stream to notice', async () => (await streamState(s.browser)) !== 'live');
    await s.sim.call('POST', 'fill', { order_id: a, quantity: 4 });
    await s.sim.call('POST', 'fill', { order_id: b, quantity: 2 });
    // Down: reads come from snapshots, still true to Upstox.
    const whileDown = await s.browser.api('GET', '/api/orders');
    expect(whileDown.body.source).toBe('snapshot');
    await waitForLive(s, 15_000);
    expect((await feedState(s.sim)).opened_total).toBeGreaterThan(opened);
    expect(await deskOrderStates(s.browser)).toEqual(await simOrderStates(s.sim));
    await waitFor('positions to match', async () => JSON.stringify(await deskPositions(s.browser)) === JSON.stringify(await simPositions(s)));
  });

  it('duplicated and out-of-order messages change nothing', async () => {
    const orderId = await restingBuy(s, SBIN, 3);
    await s.sim.call('POST', 'feed/duplicate', { count: 6 });
    await s.sim.call('POST', 'feed/reorder', {});
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 3 });
    await new Promise((r) => setTimeout(r, 800));
    await s.sim.call('DELETE', 'feed/faults');
    await new Promise((r) => setTimeout(r, 300));
    expect((await deskOrderStates(s.browser))[orderId]).toBe('complete/3');
    expect(await deskOrderStates(s.browser)).toEqual(await simOrderStates(s.sim));
    expect(await deskPositions(s.browser)).toEqual(await simPositions(s));
  });

  it('a stalled stream (open, silent, no pongs) is detected and replaced', async () => {
    const opened = (await feedState(s.sim)).opened_total;
    await s.sim.call('POST', 'feed/stall', {});
    await waitFor('a new socket', async () => (await feedState(s.sim)).opened_total > opened, 10_000);
    await waitForLive(s);
    const orderId = await restingBuy(s, RELIANCE, 2);
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 2 });
    await waitFor('the fill over the new socket', async () => (await deskOrderStates(s.browser))[orderId] === 'complete/2');
  });
});

describe('the stream never outlives the connection', () => {
  it('disconnect closes the upstream socket', async () => {
    const s = await startOrdersStack({ env: FAST_STREAM_ENV });
    try {
      await waitForLive(s);
      expect((await feedState(s.sim)).open_sockets).toBe(1);
      await s.browser.api('DELETE', '/api/connection');
      await waitFor('0 open sockets', async () => (await feedState(s.sim)).open_sockets === 0);
      expect(await streamState(s.browser)).toBeNull();
    } finally {
      await s.close();
    }
  }, 60_000);

  it('a revoked token (Upstox refuses the stream with 401) marks the connection expired and closes the socket', async () => {
    const s = await startOrdersStack({ env: FAST_STREAM_ENV });
    try {
      await waitForLive(s);
      await s.sim.call('POST', 'revoke', { all: true });
      await waitFor('expired', async () => (await s.browser.api('GET', '/api/connection')).body.state === 'expired');
      expect((await feedState(s.sim)).open_sockets).toBe(0);
      const reads = await s.sim.calls('GET /v2/feed/portfolio-stream-feed/authorize');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await s.sim.calls('GET /v2/feed/portfolio-stream-feed/authorize')).toBe(reads);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('the token dying at 03:30 IST closes the socket', async () => {
    const s = await startOrdersStack({ env: FAST_STREAM_ENV });
    try {
      await waitForLive(s);
      const now = new Date((await s.sim.call('GET', 'clock')).body.now as string);
      await s.sim.call('POST', 'clock', { set: new Date(now.getTime() + 26 * 3600_000).toISOString() });
      await waitFor('0 open sockets', async () => (await feedState(s.sim)).open_sockets === 0);
      await waitFor('expired', async () => (await s.browser.api('GET', '/api/connection')).body.state === 'expired');
    } finally {
      await s.close();
    }
  }, 60_000);
});
