import type { MarketStatusView, Quote } from '@desk/contracts';
import { BrowserAgent } from '../support/stack';
import { OrdersStack, SimControl, waitFor } from '../orders/orders-harness';
import { SseClient } from '../account/sse-client';

/** The demo user's seeded holdings (simulator): streamed from the start. */
export const INFY = 'NSE_EQ|INE009A01021';
export const HDFCBANK = 'NSE_EQ|INE040A01034';
export const ITC = 'NSE_EQ|INE154A01025';
export const SBIN = 'NSE_EQ|INE062A01020';
export const HOLDING_KEYS = [INFY, HDFCBANK, SBIN, ITC].sort();
/** Not held: streamed only while something needs them. */
export const TCS = 'NSE_EQ|INE467B01029';
export const RELIANCE = 'NSE_EQ|INE002A01018';

/** Market feed settings that notice a drop within a second; leases short enough to watch them expire. */
export const FAST_MARKET_ENV: Record<string, string> = {
  UPSTOX_STREAM_PING_MS: '200',
  UPSTOX_STREAM_PONG_TIMEOUT_MS: '300',
  UPSTOX_STREAM_RECONNECT_MIN_MS: '50',
  UPSTOX_STREAM_RECONNECT_MAX_MS: '400',
  ACCOUNT_FOLLOW_UP_DELAY_MS: '50',
  MARKET_INTEREST_TTL_MS: '1500',
};

export interface SimMarketFeed {
  open_sockets: number;
  opened_total: number;
  sockets: { user_id: string; subscriptions: Record<string, string> }[];
}

export async function simMarketFeed(sim: SimControl): Promise<SimMarketFeed> {
  return (await sim.call('GET', 'market-feed')).body as SimMarketFeed;
}

/** What the simulator's (single) market socket is subscribed to, sorted; null without exactly one socket. */
export async function simSubscriptions(sim: SimControl): Promise<string[] | null> {
  const feed = await simMarketFeed(sim);
  if (feed.sockets.length !== 1) return null;
  return Object.keys(feed.sockets[0].subscriptions).sort();
}

export async function waitForSubscriptions(sim: SimControl, what: string, test: (keys: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
  return waitFor(
    what,
    async () => {
      const keys = await simSubscriptions(sim);
      return keys && test(keys) ? keys : null;
    },
    timeoutMs,
  );
}

export async function marketStatus(browser: BrowserAgent): Promise<MarketStatusView> {
  return (await browser.api('GET', '/api/market/status')).body as MarketStatusView;
}

export async function waitForFeedLive(browser: BrowserAgent, timeoutMs = 10_000): Promise<void> {
  await waitFor('the market data feed to be live', async () => (await marketStatus(browser)).feed?.state === 'live', timeoutMs);
}

export async function quotes(browser: BrowserAgent, keys: string[]): Promise<Quote[]> {
  const res = await browser.api('GET', `/api/market/quotes?instrumentKeys=${encodeURIComponent(keys.join(','))}`);
  if (res.status !== 200) throw new Error(`quotes: ${res.status} ${res.text}`);
  return (res.body as { quotes: Quote[] }).quotes;
}

export async function simLastPrice(s: OrdersStack, key: string): Promise<number> {
  const res = await fetch(`${s.stack.simUrl}/v3/market-quote/ltp?instrument_key=${encodeURIComponent(key)}`, {
    headers: { authorization: `Bearer ${s.accessToken}`, accept: 'application/json' },
  });
  const data = ((await res.json()) as { data: Record<string, { last_price: number; instrument_token: string }> }).data;
  const row = Object.values(data).find((r) => r.instrument_token === key);
  if (!row) throw new Error(`no ltp for ${key}`);
  return row.last_price;
}

/** An event-stream client of the dashboard session (cookie + the header the guard wants). */
export function openEvents(s: OrdersStack, headers: Record<string, string> = {}): Promise<SseClient> {
  const url = `${s.stack.apiUrl}/api/events`;
  return SseClient.open(url, { cookie: s.browser.jar.header(new URL(url), { method: 'GET' }) ?? '', ...headers });
}

export function quoteEvents(client: SseClient): { id: string | null; quotes: Quote[] }[] {
  return client.of('quote').map((e) => ({ id: e.id, quotes: (e.data as { quotes: Quote[] }).quotes }));
}
