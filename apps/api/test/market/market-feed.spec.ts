import type { MarketStatusView, Position, Quote } from '@desk/contracts';
import { limitBuy, OrdersStack, startOrdersStack, waitFor, workingOrder } from '../orders/orders-harness';
import { SseClient } from '../account/sse-client';
import {
  FAST_MARKET_ENV,
  HOLDING_KEYS,
  marketStatus,
  openEvents,
  quoteEvents,
  quotes,
  RELIANCE,
  SBIN,
  simMarketFeed,
  simSubscriptions,
  TCS,
  waitForFeedLive,
  waitForSubscriptions,
} from './market-harness';

async function position(s: OrdersStack, key: string): Promise<Position | undefined> {
  const view = (await s.browser.api('GET', '/api/positions')).body as { positions: Position[] };
  return view.positions.find((p) => p.instrumentKey === key);
}

/** Buys (or sells) at a limit through the market, so the simulator fills it at once; waits for the position's quantity. */
async function trade(s: OrdersStack, key: string, side: 'BUY' | 'SELL', price: number, quantityAfter: number): Promise<void> {
  const res = await s.place(limitBuy({ instrumentKey: key, transactionType: side, quantity: 1, product: 'I', price }));
  expect(res.status).toBe(201);
  await waitFor(`${key} position at ${quantityAfter}`, async () => (await position(s, key))?.quantity === quantityAfter, 15_000);
}

describe('market data feed: lifecycle, subscriptions by need, quotes (real api + simulator)', () => {
  let s: OrdersStack;
  const clients: SseClient[] = [];
  async function events(headers: Record<string, string> = {}): Promise<SseClient> {
    const c = await openEvents(s, headers);
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    s = await startOrdersStack({ env: FAST_MARKET_ENV });
    await waitForFeedLive(s.browser);
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await s?.close();
  });

  it('opens one socket with the connection, streams the holdings in ltpc and answers their quotes from initial_feed', async () => {
    const keys = await waitForSubscriptions(s.sim, 'the holdings subscribed', (k) => HOLDING_KEYS.every((h) => k.includes(h)));
    expect(keys).toEqual(HOLDING_KEYS);
    const feed = await simMarketFeed(s.sim);
    expect(feed.open_sockets).toBe(1);
    expect(Object.values(feed.sockets[0].subscriptions)).toEqual(HOLDING_KEYS.map(() => 'ltpc'));
    const got = await waitFor('initial quotes', async () => {
      const q = await quotes(s.browser, [...HOLDING_KEYS, TCS]);
      return q.length === HOLDING_KEYS.length ? q : null;
    });
    // Not streamed (TCS) is left out; each quote carries the previous close and the change from it.
    expect(got.map((q) => q.instrumentKey).sort()).toEqual(HOLDING_KEYS);
    for (const q of got) {
      expect(q.lastPrice).toBeGreaterThan(0);
      expect(q.closePrice).toBeGreaterThan(0);
      expect(q.change).toBeCloseTo(q.lastPrice - (q.closePrice as number), 2);
    }
    expect((await s.browser.api('GET', '/api/market/quotes?instrumentKeys=bad')).status).toBe(400);
  });

  it('market_info reaches GET /api/market/status: every segment open with market rules off, the feed live', async () => {
    const status = await marketStatus(s.browser);
    expect(status.segments['NSE_EQ']).toEqual({ phase: 'open', upstoxStatus: 'NORMAL_OPEN' });
    expect(status.segments['NSE_FO']).toEqual({ phase: 'open', upstoxStatus: 'NORMAL_OPEN' });
    expect(status.feed).toMatchObject({ state: 'live', cause: null });
  });

  it('a position opened is subscribed; /__sim/price moves its P&L, with quote and position events; closed, it is unsubscribed', async () => {
    const c = await events();
    await waitFor('the opening event', async () => c.of('connection').length === 1);
    expect(await simSubscriptions(s.sim)).not.toContain(TCS);
    await trade(s, TCS, 'BUY', 3200, 1);
    await waitForSubscriptions(s.sim, 'TCS subscribed', (k) => k.includes(TCS));

    const before = (await position(s, TCS)) as Position;
    await s.sim.price(TCS, 3300);
    await waitFor('the position priced at 3300', async () => (await position(s, TCS))?.lastPrice === 3300);
    const after = (await position(s, TCS)) as Position;
    expect(after.unrealised).toBeCloseTo(3300 - after.buyPrice, 2);
    expect(after.pnl).not.toBe(before.pnl);
    await waitFor('a quote event with 3300', async () => quoteEvents(c).some((e) => e.quotes.some((q) => q.instrumentKey === TCS && q.lastPrice === 3300)));
    await waitFor('a position event with 3300', async () =>
      c.of('position').some((e) => (e.data as Position).instrumentKey === TCS && (e.data as Position).lastPrice === 3300),
    );
    // Quotes carry no id (never replayed); account events keep theirs.
    expect(quoteEvents(c).every((e) => e.id === null)).toBe(true);
    expect(c.of('position').every((e) => e.id !== null)).toBe(true);

    await trade(s, TCS, 'SELL', 3000, 0);
    await waitForSubscriptions(s.sim, 'TCS unsubscribed', (k) => !k.includes(TCS));
    expect(await quotes(s.browser, [TCS])).toEqual([]);
  }, 60_000);

  it('a working order keeps its instrument subscribed while it works', async () => {
    const orderId = await workingOrder(s, { instrumentKey: RELIANCE, price: 1000 });
    await waitForSubscriptions(s.sim, 'RELIANCE subscribed', (k) => k.includes(RELIANCE));
    expect((await s.browser.api('DELETE', `/api/orders/${orderId}`)).status).toBe(200);
    await waitForSubscriptions(s.sim, 'RELIANCE unsubscribed', (k) => !k.includes(RELIANCE));
  }, 30_000);

  it('an interest lease subscribes; renewed it stays, only its owner may renew; expired it is unsubscribed', async () => {
    const created = await s.browser.api('POST', '/api/market/interest', { instrumentKeys: [TCS] });
    expect(created.status).toBe(201);
    const lease = created.body as { id: string; expiresAt: string; quotes: Quote[] };
    expect(Date.parse(lease.expiresAt)).toBeGreaterThan(Date.now());
    await waitForSubscriptions(s.sim, 'TCS subscribed by the lease', (k) => k.includes(TCS));
    await waitFor('the TCS quote', async () => (await quotes(s.browser, [TCS])).length === 1);
    const renewed = await s.browser.api('PUT', `/api/market/interest/${lease.id}`);
    expect(renewed.status).toBe(200);
    expect((renewed.body as { quotes: Quote[] }).quotes.map((q) => q.instrumentKey)).toEqual([TCS]);
    const stranger = s.stack.browser();
    await stranger.signIn();
    expect((await stranger.api('PUT', `/api/market/interest/${lease.id}`)).status).toBe(404);
    expect((await s.browser.api('POST', '/api/market/interest', { instrumentKeys: [] })).status).toBe(400);
    expect((await s.browser.api('POST', '/api/market/interest', { instrumentKeys: Array.from({ length: 21 }, () => TCS) })).status).toBe(400);
    // Not renewed any more: gone within the TTL (1.5 s) plus the sweep.
    await waitForSubscriptions(s.sim, 'TCS unsubscribed after expiry', (k) => !k.includes(TCS), 6_000);
    expect((await s.browser.api('PUT', `/api/market/interest/${lease.id}`)).status).toBe(404);

    const second = (await s.browser.api('POST', '/api/market/interest', { instrumentKeys: [RELIANCE] })).body as { id: string };
    await waitForSubscriptions(s.sim, 'RELIANCE subscribed by the lease', (k) => k.includes(RELIANCE));
    expect((await s.browser.api('DELETE', `/api/market/interest/${second.id}`)).status).toBe(204);
    await waitForSubscriptions(s.sim, 'RELIANCE unsubscribed after DELETE', (k) => !k.includes(RELIANCE));
  }, 30_000);

  it('after /__sim/market-feed/drop the feed reconnects and resubscribes the same instruments', async () => {
    const before = await simMarketFeed(s.sim);
    const keys = await simSubscriptions(s.sim);
    await s.sim.call('POST', 'market-feed/drop', {});
    await waitFor('a new socket', async () => (await simMarketFeed(s.sim)).opened_total > before.opened_total && (await simSubscriptions(s.sim)) !== null);
    await waitForSubscriptions(s.sim, 'the same subscriptions', (k) => JSON.stringify(k) === JSON.stringify(keys));
    await waitForFeedLive(s.browser);
    // And prices flow on the new socket.
    await s.sim.price(SBIN, 900);
    await waitFor('the new SBIN price', async () => (await quotes(s.browser, [SBIN]))[0]?.lastPrice === 900);
  }, 30_000);

  it('coalesces: many ticks give few quote events, the last one with the newest price', async () => {
    const c = await events();
    await waitFor('the opening event', async () => c.of('connection').length === 1);
    const started = Date.now();
    const prices = Array.from({ length: 40 }, (_, i) => 800 + i * 0.05);
    for (const p of prices) await s.sim.price(SBIN, Number(p.toFixed(2)));
    const last = Number(prices[prices.length - 1].toFixed(2));
    await waitFor('the newest SBIN price in a quote event', async () =>
      quoteEvents(c).some((e) => e.quotes.some((q) => q.instrumentKey === SBIN && q.lastPrice === last)),
    );
    const elapsed = Date.now() - started;
    const sbinEvents = quoteEvents(c).filter((e) => e.quotes.some((q) => q.instrumentKey === SBIN));
    // At most one event per 250 ms window (+1 for the leading edge), far fewer than the 40 ticks.
    expect(sbinEvents.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(sbinEvents.length).toBeLessThan(prices.length / 2);
    // One instrument at most once per event.
    for (const e of sbinEvents) expect(e.quotes.filter((q) => q.instrumentKey === SBIN)).toHaveLength(1);
  }, 30_000);

  it('quote events are not replayed to a client resuming with Last-Event-ID', async () => {
    const first = await events();
    await waitFor('the opening event', async () => first.of('connection').length === 1);
    const lastSeen = first.lastId() as string;
    first.close();
    await s.sim.price(SBIN, 850);
    await trade(s, TCS, 'BUY', 3400, 1);
    await trade(s, TCS, 'SELL', 3000, 0);
    const resumed = await events({ 'last-event-id': lastSeen });
    await waitFor('the replay and the opening event', async () => resumed.of('connection').length === 1);
    expect(resumed.of('order').length).toBeGreaterThan(0);
    const opening = resumed.events.findIndex((e) => e.event === 'connection');
    expect(resumed.events.slice(0, opening).filter((e) => e.event === 'quote')).toEqual([]);
  }, 60_000);

  it('market status: NORMAL_CLOSE from market_info becomes a `market` event with phase closed', async () => {
    const c = await events();
    await waitFor('the opening event', async () => c.of('connection').length === 1);
    // A past Saturday noon (IST), market rules on: the simulator's next sweep sends market_info NORMAL_CLOSE.
    await s.sim.call('POST', 'clock', { set: '2025-01-04T06:30:00.000Z' });
    await s.sim.call('POST', 'market-rules', { enabled: true });
    await waitFor('a market event with NSE_EQ closed', async () =>
      c.of('market').some((e) => (e.data as MarketStatusView).segments['NSE_EQ']?.phase === 'closed'),
    );
    const event = c.of('market').find((e) => (e.data as MarketStatusView).segments['NSE_EQ']?.phase === 'closed');
    expect(event?.id).not.toBeNull();
    expect((await marketStatus(s.browser)).segments['NSE_EQ']).toEqual({ phase: 'closed', upstoxStatus: 'NORMAL_CLOSE' });
    await s.sim.call('POST', 'market-rules', { enabled: false });
  }, 30_000);

  it('closes the socket when the connection is removed', async () => {
    expect((await simMarketFeed(s.sim)).open_sockets).toBe(1);
    expect((await s.browser.api('DELETE', '/api/connection')).status).toBe(200);
    await waitFor('no market socket', async () => (await simMarketFeed(s.sim)).open_sockets === 0);
    expect((await marketStatus(s.browser)).feed).toBeNull();
  }, 20_000);
});
