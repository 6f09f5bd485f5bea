import { MarketFeedRecorder } from '../../test/market-feed-recorder';
import { makeClient, SimHarness } from '../../test/sim-harness';
import { HttpUpstoxClient } from '../http-upstox-client';
import { UpstoxAuth } from '../upstox-client';
import { MarketDataFeed, MarketDataFeedOptions } from './market-data-feed';
import { MarketFeedLimitError } from './market-subscriptions';

const SBIN = 'NSE_EQ|INE062A01020';
const INFY = 'NSE_EQ|INE009A01021';
const NIFTY = 'NSE_INDEX|Nifty 50';
const AUTHORIZE = 'GET /v3/feed/market-data-feed/authorize';
const FAST: MarketDataFeedOptions = { backoff: { initialMs: 20, maxMs: 80 }, random: () => 1, batchMs: 5 };

interface SimMarketFeed {
  open_sockets: number;
  opened_total: number;
  sockets: { subscriptions: Record<string, string> }[];
}

describe('MarketDataFeed against the real simulator (protobuf over a real socket)', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  let feed: MarketDataFeed | null = null;
  let rec: MarketFeedRecorder;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
    rec = new MarketFeedRecorder();
  });
  afterEach(() => feed?.stop());

  const simFeed = () => h.control<SimMarketFeed>('GET', 'market-feed');
  const setPrice = (instrument_key: string, last_price: number) => h.control('POST', 'price', { instrument_key, last_price });

  function startFeed(): MarketDataFeed {
    feed = new MarketDataFeed(client, () => auth, rec, FAST);
    feed.start();
    return feed;
  }

  it('goes live, receives market_info first, then an initial_feed (ltpc) equal to the REST last price', async () => {
    await setPrice(SBIN, 812.35);
    const f = startFeed();
    await rec.until((r) => r.messages.some((m) => m.type === 'market_info'));
    expect(rec.messages[0]).toMatchObject({ type: 'market_info', segmentStatus: { NSE_EQ: 'NORMAL_OPEN', NSE_FO: 'NORMAL_OPEN', NSE_INDEX: 'NORMAL_OPEN' } });
    expect(await h.calls(AUTHORIZE)).toBe(1);

    f.subscribe([SBIN, INFY]);
    await rec.until((r) => r.quotes(INFY).length > 0);
    const initial = rec.messages.find((m) => m.type === 'quotes');
    expect(initial).toMatchObject({ type: 'quotes', initial: true });
    const [sbin] = rec.quotes(SBIN);
    expect(sbin).toEqual({ instrumentKey: SBIN, ltp: 812.35, ltt: expect.any(Number), ltq: expect.any(Number), cp: 821.45 });
    expect((await client.getLastPrices(auth, [SBIN, INFY]))[INFY]).toBe(rec.quotes(INFY)[0].ltp);
    expect((await simFeed()).sockets[0].subscriptions).toEqual({ [SBIN]: 'ltpc', [INFY]: 'ltpc' });
  });

  it('decodes full mode: marketFF with 5-level depth and day/minute candles; indexFF for an index', async () => {
    const f = startFeed();
    await rec.until((r) => r.lives === 1);
    f.subscribe([SBIN, NIFTY], 'full');
    await rec.until((r) => r.quotes(NIFTY).length > 0 && r.quotes(SBIN).length > 0);
    const [sbin] = rec.quotes(SBIN);
    expect(sbin.depth).toHaveLength(5);
    expect(sbin.depth?.[0].bidPrice).toBeCloseTo(sbin.ltp - 0.05, 2);
    expect(sbin.depth?.[0].askPrice).toBeCloseTo(sbin.ltp + 0.05, 2);
    expect(sbin.ohlc?.day?.close).toBe(sbin.ltp);
    expect(sbin.ohlc?.minute?.close).toBe(sbin.ltp);
    expect(sbin.volume).toBeGreaterThan(0);
    expect(sbin.atp).toBeGreaterThan(0);
    const [nifty] = rec.quotes(NIFTY);
    expect(nifty.depth).toBeUndefined();
    expect(nifty.ohlc?.day?.close).toBe(nifty.ltp);
  });

  it('pushes a price set through /__sim/price at once and exactly, and walk ticks as live_feed', async () => {
    const f = startFeed();
    f.subscribe([SBIN]);
    await rec.until((r) => r.quotes(SBIN).length === 1);
    await setPrice(SBIN, 799.9);
    await rec.until((r) => r.quotes(SBIN).length === 2);
    expect(rec.messages[rec.messages.length - 1]).toMatchObject({ type: 'quotes', initial: false, quotes: [{ instrumentKey: SBIN, ltp: 799.9 }] });

    await h.control('POST', 'market-feed/tick', { count: 3 });
    await rec.until((r) => r.quotes(SBIN, (m) => !m.initial).length >= 2);
    const live = rec.quotes(SBIN, (m) => !m.initial);
    expect(live.every((q) => Math.round(q.ltp * 100) % 5 === 0)).toBe(true);
    expect(live[live.length - 1].ltp).toBe((await client.getLastPrices(auth, [SBIN]))[SBIN]);
  });

  it('unsubscribes and changes mode on the simulator, batching calls into few requests', async () => {
    const f = startFeed();
    await rec.until((r) => r.lives === 1);
    f.subscribe([SBIN]);
    f.subscribe([INFY]);
    f.subscribe([NIFTY], 'full');
    await rec.until((r) => r.quotes(NIFTY).length > 0 && r.quotes(INFY).length > 0);
    expect((await simFeed()).sockets[0].subscriptions).toEqual({ [SBIN]: 'ltpc', [INFY]: 'ltpc', [NIFTY]: 'full' });
    // Two subscribe calls in one batch: one initial_feed carries both ltpc keys.
    expect(rec.messages.filter((m) => m.type === 'quotes' && m.quotes.some((q) => q.instrumentKey === SBIN))[0]).toMatchObject({ quotes: [{}, {}] });

    f.unsubscribe([INFY]);
    f.changeMode([SBIN], 'full');
    await rec.until((r) => r.quotes(SBIN).some((q) => q.depth !== undefined));
    expect((await simFeed()).sockets[0].subscriptions).toEqual({ [SBIN]: 'full', [NIFTY]: 'full' });
    rec.clear();
    await setPrice(INFY, 1500);
    await setPrice(SBIN, 800);
    await rec.until((r) => r.quotes(SBIN).length > 0);
    expect(rec.quotes(INFY)).toEqual([]);
    expect(f.subscriptions).toEqual(new Map([[SBIN, 'full'], [NIFTY, 'full']]));
  });

  it('resubscribes everything on the new socket after a drop, and refuses a subscription past the limit', async () => {
    const f = startFeed();
    f.subscribe([SBIN], 'full');
    f.subscribe([INFY]);
    await rec.until((r) => r.quotes(INFY).length > 0 && r.quotes(SBIN).length > 0);
    await h.control('POST', 'market-feed/drop', {});
    await rec.until((r) => r.lives === 2);
    expect(rec.states.map((s) => s.reason)).toContain('dropped');
    await rec.until((r) => r.quotes(SBIN).length === 2);
    const sim = await simFeed();
    expect(sim.opened_total).toBe(2);
    expect(sim.sockets[0].subscriptions).toEqual({ [SBIN]: 'full', [INFY]: 'ltpc' });
    expect(await h.calls(AUTHORIZE)).toBe(2);

    const tooMany = Array.from({ length: 1500 }, (_, i) => `NSE_EQ|FAKE${i}`);
    expect(() => f.subscribe(tooMany, 'full')).toThrow(MarketFeedLimitError);
    expect(() => f.subscribe(tooMany, 'full')).toThrow(/at most 1500 instruments in full mode/);
    expect(f.subscriptions.size).toBe(2);
    f.subscribe(tooMany.slice(0, 1499), 'full');
    expect(f.subscriptions.size).toBe(1501);
    await setPrice(SBIN, 801);
    await rec.until((r) => r.quotes(SBIN).some((q) => q.ltp === 801));
    expect((await simFeed()).open_sockets).toBe(1);
  });

  it('retries a refused authorize and a refused upgrade, then goes live', async () => {
    await h.fault(AUTHORIZE, 'status', { status: 503, count: 3 });
    await h.control('POST', 'market-feed/refuse', { count: 1, status: 503 });
    startFeed();
    await rec.until((r) => r.lives === 1, 5_000);
    expect(rec.states.map((s) => s.reason)).toEqual(expect.arrayContaining(['authorize-failed', 'handshake-failed']));
  });

  it('goes down on a revoked token', async () => {
    startFeed();
    await rec.until((r) => r.lives === 1);
    await h.control('POST', 'revoke', { access_token: auth.accessToken });
    await rec.until((r) => r.states[r.states.length - 1]?.state === 'down', 5_000);
    expect(rec.states[rec.states.length - 1].reason).toBe('token-rejected');
  });
});
