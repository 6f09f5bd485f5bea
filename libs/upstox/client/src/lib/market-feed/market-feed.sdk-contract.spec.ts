/**
 * Contract checks against the official upstox-js-sdk (2.31.0): the simulator's frames decode through the SDK's own
 * path (MarketDataFeederV3.decodeProtobuf: protobufjs + the same proto) to what our decoder reads, and our request
 * frames are the SDK's buildRequest frames (guid aside).
 */
import { MarketDataFeederV3 } from 'upstox-js-sdk/dist/feeder/MarketDataFeederV3';
import { WebSocket } from 'ws';
import { makeClient, SimHarness } from '../../test/sim-harness';
import { HttpUpstoxClient } from '../http-upstox-client';
import { parseMarketFeedFrame } from './market-feed-message';
import { encodeFeedRequest } from './market-subscriptions';

const SBIN = 'NSE_EQ|INE062A01020';
const NIFTY = 'NSE_INDEX|Nifty 50';

interface SdkFeeder {
  protobufRoot: unknown;
  decodeProtobuf(buffer: Buffer): { toJSON(): Record<string, unknown> };
  buildRequest(keys: string[], method: string, mode?: string): Buffer;
}

const withoutGuid = (frame: Buffer) => {
  const { guid, ...rest } = JSON.parse(frame.toString('utf8'));
  return { guidIsUuid: /^[0-9a-f-]{36}$/.test(guid), ...rest };
};

describe('market data feed v3 against upstox-js-sdk', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let sdk: SdkFeeder;

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
    sdk = new MarketDataFeederV3([], 'full') as SdkFeeder;
    const until = Date.now() + 3000;
    while (!sdk.protobufRoot && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });

  it('builds the same sub / change_mode / unsub frames as the SDK', () => {
    for (const [method, mode] of [['sub', 'full'], ['sub', 'ltpc'], ['change_mode', 'full'], ['unsub', undefined]] as const) {
      const ours = encodeFeedRequest(method, [SBIN, NIFTY], mode);
      expect(withoutGuid(ours)).toEqual(withoutGuid(sdk.buildRequest([SBIN, NIFTY], method, mode)));
      expect(withoutGuid(ours).guidIsUuid).toBe(true);
    }
  });

  it('decodes the simulator\'s market_info and full initial_feed through the SDK to what our decoder reads', async () => {
    const auth = await h.auth();
    await h.control('POST', 'price', { instrument_key: SBIN, last_price: 815.2 });
    const uri = await client.authorizeMarketDataFeed(auth);
    const ws = new WebSocket(uri);
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(data));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(encodeFeedRequest('sub', [SBIN, NIFTY], 'full'), { binary: true });
    const until = Date.now() + 3000;
    while (frames.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    ws.terminate();
    expect(frames).toHaveLength(2);

    const info = sdk.decodeProtobuf(frames[0]).toJSON();
    expect(info).toMatchObject({ type: 'market_info', marketInfo: { segmentStatus: { NSE_EQ: 'NORMAL_OPEN' } } });
    expect(parseMarketFeedFrame(frames[0])).toMatchObject({ type: 'market_info', segmentStatus: { NSE_EQ: 'NORMAL_OPEN' } });

    const feed = sdk.decodeProtobuf(frames[1]).toJSON() as { type?: string; feeds: Record<string, Record<string, Record<string, Record<string, unknown>>>> };
    // proto3 leaves the zero enum value out: the SDK's JSON has no `type` for initial_feed.
    expect(feed.type ?? 'initial_feed').toBe('initial_feed');
    const market = feed.feeds[SBIN]['fullFeed']['marketFF'] as { ltpc: { ltp: number; cp: number }; marketLevel: { bidAskQuote: unknown[] } };
    expect(market.ltpc).toMatchObject({ ltp: 815.2, cp: 821.45 });
    expect(market.marketLevel.bidAskQuote).toHaveLength(5);
    expect(feed.feeds[NIFTY]['fullFeed']['indexFF']).toBeDefined();

    const ours = parseMarketFeedFrame(frames[1]);
    expect(ours).toMatchObject({ type: 'quotes', initial: true });
    const sbin = ours?.type === 'quotes' ? ours.quotes.find((q) => q.instrumentKey === SBIN) : undefined;
    expect(sbin).toMatchObject({ ltp: 815.2, cp: 821.45 });
    expect(sbin?.depth?.map((d) => d.bidPrice)).toEqual(
      (market.marketLevel.bidAskQuote as { bidP: number }[]).map((q) => q.bidP),
    );
  });
});
