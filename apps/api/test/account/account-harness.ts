import { BrowserAgent } from '../support/stack';
import { limitBuy, OrdersStack, RELIANCE, SimControl, waitFor } from '../orders/orders-harness';

export const ORDER_BOOK_READ = 'GET /v2/order/retrieve-all';

/** Stream settings that notice a stall and reconnect within a second (defaults: 10 s ping, 5 s pong, 0.5-30 s backoff). */
export const FAST_STREAM_ENV: Record<string, string> = {
  UPSTOX_STREAM_PING_MS: '200',
  UPSTOX_STREAM_PONG_TIMEOUT_MS: '300',
  UPSTOX_STREAM_RECONNECT_MIN_MS: '50',
  UPSTOX_STREAM_RECONNECT_MAX_MS: '400',
  ACCOUNT_FOLLOW_UP_DELAY_MS: '50',
  ACCOUNT_PRICE_REFRESH_MS: '200',
};

export interface FeedState {
  open_sockets: number;
  stalled_sockets: number;
  opened_total: number;
}

export async function feedState(sim: SimControl): Promise<FeedState> {
  return (await sim.call('GET', 'feed')).body as FeedState;
}

export async function streamState(browser: BrowserAgent): Promise<string | null> {
  const status = (await browser.api('GET', '/api/connection')).body as { stream: { state: string } | null };
  return status.stream?.state ?? null;
}

export async function waitForLive(s: OrdersStack, timeoutMs = 10_000): Promise<void> {
  await waitFor('the portfolio stream to be live', async () => (await streamState(s.browser)) === 'live', timeoutMs);
  // Live and gap-filled: the order book is then answered from the mirror.
  await waitFor('the mirror to be in sync', async () => (await s.browser.api('GET', '/api/orders')).body.source === 'stream', timeoutMs);
}

/** The simulator's truth for the demo user: every order's status and filled quantity. */
export async function simOrderStates(sim: SimControl): Promise<Record<string, string>> {
  const orders = await sim.orders();
  return Object.fromEntries(orders.map((o) => [o.order_id, `${o.status}/${o['filled_quantity']}`]));
}

export async function deskOrderStates(browser: BrowserAgent): Promise<Record<string, string>> {
  const view = (await browser.api('GET', '/api/orders')).body as { orders: { orderId: string; status: string; filledQuantity: number }[] };
  return Object.fromEntries(view.orders.map((o) => [o.orderId, `${o.status}/${o.filledQuantity}`]));
}

export async function simPositions(s: OrdersStack): Promise<Record<string, number>> {
  const res = await fetch(`${s.stack.simUrl}/v2/portfolio/short-term-positions`, { headers: { authorization: `Bearer ${s.accessToken}`, accept: 'application/json' } });
  const rows = ((await res.json()) as { data: { instrument_token: string; product: string; quantity: number }[] }).data;
  return Object.fromEntries(rows.map((r) => [`${r.instrument_token}|${r.product}`, r.quantity]));
}

export async function deskPositions(browser: BrowserAgent): Promise<Record<string, number>> {
  const view = (await browser.api('GET', '/api/positions')).body as { positions: { instrumentKey: string; product: string; quantity: number }[] };
  return Object.fromEntries(view.positions.map((p) => [`${p.instrumentKey}|${p.product}`, p.quantity]));
}

/** Places a resting LIMIT buy far below the market and waits until it is open at the simulator. */
export async function restingBuy(s: OrdersStack, instrumentKey = RELIANCE, quantity = 10): Promise<string> {
  const res = await s.place(limitBuy({ instrumentKey, quantity, price: instrumentKey === RELIANCE ? 1000 : 500 }));
  if (res.status !== 201) throw new Error(`place failed: ${res.status} ${res.text}`);
  const orderId = res.body.orderIds[0] as string;
  await waitFor(`order ${orderId} open`, async () => (await s.sim.orders()).find((o) => o.order_id === orderId)?.status === 'open');
  return orderId;
}
