import { FeedRecorder, sleep } from '../../test/feed-recorder';
import { makeClient, SimHarness } from '../../test/sim-harness';
import { HttpUpstoxClient } from '../http-upstox-client';
import { UpstoxAuth } from '../upstox-client';
import { PortfolioFeed, PortfolioFeedOptions } from './portfolio-feed';

const AUTHORIZE = 'GET /v2/feed/portfolio-stream-feed/authorize';
const FAST: PortfolioFeedOptions = { backoff: { initialMs: 20, maxMs: 80 }, random: () => 1 };

describe('PortfolioFeed against the real simulator: failed attempts and token rejection', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  let feed: PortfolioFeed | null = null;
  let rec: FeedRecorder;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient(); // reads: 3 attempts each
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

  function startFeed(authOf: () => UpstoxAuth = () => auth): PortfolioFeed {
    feed = new PortfolioFeed(client, authOf, rec, FAST);
    feed.start();
    return feed;
  }

  const liveAgain = (r: FeedRecorder) => r.opens === 1 && r.last?.state === 'live';

  it.each([503, 429])('a failed authorize call (%i after the client retries) -> reconnecting, then live', async (status) => {
    await h.fault(AUTHORIZE, 'status', { status, count: 3 });
    startFeed();
    await rec.until(liveAgain);
    expect(rec.stateNames).toEqual(['connecting', 'reconnecting', 'live']);
    expect(rec.states[1]).toMatchObject({ reason: 'authorize-failed', cause: expect.stringMatching(/^Upstox did not authorize the live stream\. \S/) });
    expect(await h.calls(AUTHORIZE)).toBe(4);
  });

  it('a refused socket upgrade (503) -> reconnecting with the status, then live with a fresh URI', async () => {
    await h.feedFault('refuse', { count: 2, status: 503 });
    startFeed();
    await rec.until(liveAgain);
    expect(rec.stateNames).toEqual(['connecting', 'reconnecting', 'live']);
    expect(rec.states[1]).toMatchObject({ reason: 'handshake-failed', cause: 'Upstox refused to open the live stream (HTTP 503).' });
    expect(await h.calls(AUTHORIZE)).toBe(3);
  });

  it('a 401 at the socket upgrade -> down, and no further attempt', async () => {
    await h.feedFault('refuse', { count: 5, status: 401 });
    startFeed();
    await rec.until((r) => r.last?.state === 'down');
    await sleep(200);
    expect(rec.states).toEqual([
      { state: 'connecting', cause: null, reason: null },
      { state: 'down', cause: expect.stringMatching(/HTTP 401/), reason: 'token-rejected' },
    ]);
    expect(await h.calls(AUTHORIZE)).toBe(1);
    expect((await h.feed()).open_sockets).toBe(0);
  });

  it('a revoked token at authorize -> down (UDAPI100050 is not retried), and no further attempt', async () => {
    await h.control('POST', 'revoke', { access_token: auth.accessToken });
    startFeed();
    await rec.until((r) => r.last?.state === 'down');
    await sleep(200);
    expect(rec.stateNames).toEqual(['connecting', 'down']);
    expect(rec.last).toMatchObject({ reason: 'token-rejected', cause: expect.stringMatching(/access token/) });
    expect(rec.last?.cause).not.toContain(auth.accessToken);
    expect(await h.calls(AUTHORIZE)).toBe(1);
  });

  it('a token revoked while live: the socket closes, the re-authorize is refused -> down, nothing left open', async () => {
    startFeed();
    await rec.until(liveAgain);
    await h.control('POST', 'revoke', { access_token: auth.accessToken });
    await rec.until((r) => r.last?.state === 'down');
    await sleep(200);
    expect(rec.stateNames).toEqual(['connecting', 'live', 'reconnecting', 'down']);
    expect(rec.states.map((s) => s.reason)).toEqual([null, null, 'dropped', 'token-rejected']);
    expect(await h.calls(AUTHORIZE)).toBe(2);
    expect((await h.feed()).open_sockets).toBe(0);
  });

  it('auth() throwing (the connection is gone) -> down without any Upstox call', async () => {
    startFeed(() => {
      throw new Error('not connected');
    });
    await rec.until((r) => r.last?.state === 'down');
    expect(rec.states).toEqual([
      { state: 'connecting', cause: null, reason: null },
      { state: 'down', cause: 'The Upstox connection is no longer available.', reason: 'no-connection' },
    ]);
    expect(await h.totalCalls()).toBe(0);
  });

  it('asks auth() again on every attempt (a reconnect uses the current token)', async () => {
    const tokens = [auth, await h.auth()];
    let asked = 0;
    startFeed(() => tokens[Math.min(asked++, 1)]);
    await rec.until(liveAgain);
    await h.control('POST', 'revoke', { access_token: tokens[0].accessToken });
    await rec.until((r) => r.opens === 2 && r.last?.state === 'live');
    expect(asked).toBe(2);
    expect(rec.stateNames).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('the sandbox has no stream: down at once, nothing sent', async () => {
    const sandbox = await h.auth('sandbox');
    startFeed(() => sandbox);
    await rec.until((r) => r.last?.state === 'down');
    expect(rec.last).toMatchObject({ reason: 'not-available' });
    expect(await h.totalCalls()).toBe(0);
  });
});
