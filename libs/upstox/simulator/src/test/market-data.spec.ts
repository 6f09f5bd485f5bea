/**
 * The simulator's market data: the v3 feed socket's own rules (limits, market status, binary requests) seen from a
 * raw ws client, and candles that are deterministic for a seed. Decoding uses protobufjs with the SDK's proto.
 */
import * as path from 'node:path';
import { loadSync } from 'protobufjs';
import { WebSocket } from 'ws';
import { SBIN, SimHarness } from './harness';

const FeedResponse = loadSync(path.join(path.dirname(require.resolve('upstox-js-sdk/package.json')), 'dist/feeder/proto/MarketDataFeedV3.proto')).lookupType(
  'com.upstox.marketdatafeederv3udapi.rpc.proto.FeedResponse',
);
const decode = (b: Buffer) => FeedResponse.toObject(FeedResponse.decode(b), { enums: String, longs: Number }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const request = (method: string, mode: string | undefined, instrumentKeys: string[]) =>
  Buffer.from(JSON.stringify({ guid: 'g-1', method, data: mode ? { mode, instrumentKeys } : { instrumentKeys } }));

async function openFeed(h: SimHarness): Promise<{ ws: WebSocket; frames: Record<string, any>[]; closed: Promise<{ code: number; reason: string }> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { body } = await h.http('GET', '/v3/feed/market-data-feed/authorize');
  const ws = new WebSocket(body.data.authorized_redirect_uri);
  const frames: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  ws.on('message', (data: Buffer) => frames.push(decode(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, frames, closed };
}

const until = async (check: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('simulator market data feed and candles', () => {
  let h: SimHarness;

  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.control('POST', '/__sim/reset', {});
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
  });

  it('closes the socket with 1008 when a request goes past the full-mode limit, and applies nothing of it', async () => {
    const { ws, frames, closed } = await openFeed(h);
    ws.send(request('sub', 'full', [SBIN]), { binary: true });
    await until(() => frames.length === 2);
    ws.send(request('sub', 'full', Array.from({ length: 2000 }, (_, i) => `NSE_EQ|X${i}`)), { binary: true });
    expect(await closed).toEqual({ code: 1008, reason: 'Subscription limit exceeded: full allows 2000 keys' });
    expect(frames).toHaveLength(2);
  });

  it('ignores text-frame requests (Upstox wants binary) and sends NORMAL_CLOSE outside market hours with market rules on', async () => {
    await h.control('POST', '/__sim/market-rules', { enabled: true });
    await h.control('POST', '/__sim/clock', { set: '2026-11-28T20:00:00+05:30' }); // a Saturday evening
    h.token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const { ws, frames } = await openFeed(h);
    await until(() => frames.length === 1);
    expect(frames[0]).toMatchObject({ type: 'market_info', marketInfo: { segmentStatus: { NSE_EQ: 'NORMAL_CLOSE', NSE_INDEX: 'NORMAL_CLOSE' } } });
    ws.send(request('sub', 'ltpc', [SBIN]).toString('utf8'));
    ws.send(request('sub', 'ltpc', [SBIN]), { binary: true });
    await until(() => frames.length === 2);
    // Before the session (market rules on) there is no candle of the day: an ltpc frame needs none.
    expect(frames[1]['feeds'][SBIN].ltpc.ltp).toBe(821.45);
    ws.terminate();
    const { body } = await h.http('GET', `/v3/historical-candle/intraday/${encodeURIComponent(SBIN)}/minutes/1`);
    expect(body).toEqual({ status: 'success', data: { candles: [] } });
  });

  it('gives the same candles for the same seed and clock, in Upstox\'s array-of-arrays shape, newest first', async () => {
    const other = await SimHarness.start();
    try {
      const at = '2026-11-27T10:00:30+05:30';
      const read = async (s: SimHarness) => {
        await s.control('POST', '/__sim/clock', { set: at });
        s.token = (await s.control('POST', '/__sim/tokens', {})).body.access_token;
        return (await s.http('GET', `/v3/historical-candle/intraday/${encodeURIComponent(SBIN)}/minutes/5`)).body.data.candles;
      };
      const mine = await read(h);
      expect(mine[0][0]).toBe('2026-11-27T10:00:00+05:30');
      expect(mine[mine.length - 1][0]).toBe('2026-11-27T09:15:00+05:30');
      expect(mine[0]).toHaveLength(7);
      expect(mine[0][4]).toBe(821.45);
      expect(await read(other)).toEqual(mine);
      const bad = await h.http('GET', `/v3/historical-candle/intraday/${encodeURIComponent(SBIN)}/weeks/1`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ error_code: 'UDAPI1028', property_path: 'unit' });
    } finally {
      await other.close();
    }
  });
});
