import { FeedRecorder, sleep } from '../../test/feed-recorder';
import { eventually, makeClient, SimHarness } from '../../test/sim-harness';
import { HttpUpstoxClient } from '../http-upstox-client';
import { UpstoxAuth } from '../upstox-client';
import { PortfolioFeed, PortfolioFeedOptions } from './portfolio-feed';

const SBIN = 'NSE_EQ|INE062A01020';
const AUTHORIZE = 'GET /v2/feed/portfolio-stream-feed/authorize';
/** Fast, deterministic backoff (full jitter at its ceiling) for tests. */
const FAST: PortfolioFeedOptions = { backoff: { initialMs: 20, maxMs: 80 }, random: () => 1 };

describe('PortfolioFeed against the real simulator: live, messages, drop, stall, stop', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  let feed: PortfolioFeed | null = null;
  let rec: FeedRecorder;

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
    rec = new FeedRecorder();
  });
  afterEach(() => feed?.stop());

  function startFeed(options: PortfolioFeedOptions = FAST): PortfolioFeed {
    feed = new PortfolioFeed(client, () => auth, rec, options);
    feed.start();
    return feed;
  }

  const live = (opens: number) => (r: FeedRecorder) => r.opens === opens && r.last?.state === 'live';

  it('goes live with one authorize call and one socket, then delivers order and position messages of a fill', async () => {
    startFeed();
    await rec.until(live(1));
    expect(rec.calls.slice(0, 3)).toEqual(['connecting', 'live', 'open']);
    expect(await h.calls(AUTHORIZE)).toBe(1);
    expect((await h.feed()).open_sockets).toBe(1);

    const { orderIds } = await client.placeOrder(auth, {
      instrumentKey: SBIN, transactionType: 'BUY', quantity: 3, orderType: 'MARKET', product: 'I', validity: 'DAY', brokerTag: 'feed-1',
    });
    await rec.until((r) => r.updates.some((u) => u.kind === 'position'));
    const orders = rec.updates.flatMap((u) => (u.kind === 'order' ? [u.update] : []));
    expect(orders.every((u) => u.order.orderId === orderIds[0] && u.requestId === 1 && u.order.tag === 'feed-1')).toBe(true);
    expect(orders.map((u) => u.order.status)).toEqual(['put order req received', 'validation pending', 'open pending', 'open', 'complete']);
    const position = rec.updates.find((u) => u.kind === 'position');
    expect(position?.kind === 'position' && position.position).toMatchObject({
      instrumentKey: SBIN, exchange: 'NSE', product: 'I', quantity: 3, buyQuantity: 3, lastPrice: null, pnl: null,
    });
    // The stream's position is the REST position, minus the price the mirror adds.
    const [rest] = await client.getPositions(auth);
    expect(position?.kind === 'position' && { ...position.position, lastPrice: rest.lastPrice, unrealised: rest.unrealised, pnl: rest.pnl }).toEqual(rest);
    expect(rec.stateNames).toEqual(['connecting', 'live']);
  });

  it('reconnects after a drop with a new authorize call, and messages flow again', async () => {
    startFeed();
    await rec.until(live(1));
    await h.feedFault('drop');
    await rec.until(live(2));
    expect(rec.stateNames).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(rec.states[2]).toMatchObject({ reason: 'dropped', cause: expect.stringMatching(/closed/) });
    expect(await h.calls(AUTHORIZE)).toBe(2);
    expect(await h.feed()).toMatchObject({ open_sockets: 1, opened_total: 2 });

    await client.placeOrder(auth, { instrumentKey: SBIN, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY', brokerTag: 'feed-2' });
    await rec.until((r) => r.updates.some((u) => u.kind === 'order' && u.update.order.status === 'complete'));
  });

  it('detects a stalled socket (no pong) and replaces it', async () => {
    startFeed({ ...FAST, pingIntervalMs: 40, pongTimeoutMs: 80 });
    await rec.until(live(1));
    await sleep(150); // pings are answered while the socket is healthy
    expect(rec.stateNames).toEqual(['connecting', 'live']);
    await h.feedFault('stall');
    await rec.until(live(2));
    expect(rec.states[2]).toMatchObject({ state: 'reconnecting', reason: 'stalled', cause: expect.stringMatching(/silent/) });
    expect(await h.calls(AUTHORIZE)).toBe(2);
    // The stalled socket was closed by the feed; only the new one is open (and it is not stalled).
    expect(await eventually(() => h.feed(), (f) => f.open_sockets === 1)).toMatchObject({ open_sockets: 1, stalled_sockets: 0, opened_total: 2 });
  });

  it('stop() closes the socket at once: no open sockets, no timers, no callbacks afterwards', async () => {
    const f = startFeed({ ...FAST, pingIntervalMs: 20, pongTimeoutMs: 40 });
    await rec.until(live(1));
    f.stop();
    const before = rec.calls.length;
    expect((await eventually(() => h.feed(), (s) => s.open_sockets === 0)).open_sockets).toBe(0);
    await client.placeOrder(auth, { instrumentKey: SBIN, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY', brokerTag: 'feed-3' });
    await sleep(150);
    expect(rec.calls.length).toBe(before);
    expect(await h.calls(AUTHORIZE)).toBe(1);
    f.start(); // a stopped feed stays stopped
    await sleep(50);
    expect(await h.calls(AUTHORIZE)).toBe(1);
  });

  it('stop() while the authorize call is in flight opens no socket and reports nothing more', async () => {
    await h.fault(AUTHORIZE, 'latency', { latency_ms: 150 });
    const f = startFeed();
    await sleep(30);
    f.stop();
    await sleep(250);
    expect(await h.calls(AUTHORIZE)).toBe(1);
    expect(await h.feed()).toMatchObject({ open_sockets: 0, opened_total: 0 });
    expect(rec.calls).toEqual(['connecting']);
  });

  it('stop() while a reconnect waits cancels it', async () => {
    const f = startFeed({ ...FAST, backoff: { initialMs: 200, maxMs: 200 } });
    await rec.until(live(1));
    await h.feedFault('drop');
    await rec.until((r) => r.last?.state === 'reconnecting');
    f.stop();
    await sleep(300);
    expect(await h.calls(AUTHORIZE)).toBe(1);
    expect((await h.feed()).open_sockets).toBe(0);
  });

  it('a listener that stops the feed from onState leaves no socket behind', async () => {
    const stopper = new FeedRecorder();
    feed = new PortfolioFeed(client, () => auth, {
      onOpen: () => stopper.onOpen(),
      onUpdate: (u) => stopper.onUpdate(u),
      onState: (state, cause, reason) => {
        stopper.onState(state, cause, reason);
        if (state === 'live') feed?.stop();
      },
    }, FAST);
    feed.start();
    await stopper.until((r) => r.last?.state === 'live');
    await sleep(50);
    expect(stopper.calls).toEqual(['connecting', 'live']);
    expect((await eventually(() => h.feed(), (s) => s.open_sockets === 0)).open_sockets).toBe(0);
  });
});
