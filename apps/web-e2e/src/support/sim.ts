import { E2E } from './e2e-env';

/** The route the api uses to place orders at Upstox (v3); counted by the simulator. */
export const PLACE_ROUTE = 'POST /v3/order/place';

export interface SimOrder {
  order_id: string;
  status: string;
  order_type: string;
  price: number;
  trigger_price: number;
  quantity: number;
  tag: string | null;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E.simUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The simulator's control API (/__sim/...): the tests' only way to look behind the product and
 * to move the world (prices, clock, revoked tokens). Never used by the product itself.
 */
export const sim = {
  reset: () => call<unknown>('POST', '/__sim/reset', {}),
  app: () => call<{ client_id: string; client_secret: string; redirect_uri: string }>('GET', '/__sim/app'),
  mintToken: () => call<{ access_token: string; expires_at: string }>('POST', '/__sim/tokens', {}),
  clock: () => call<{ now: string }>('GET', '/__sim/clock'),
  advanceClock: (advanceMs: number) => call<{ now: string }>('POST', '/__sim/clock', { advance_ms: advanceMs }),
  setPrice: (instrumentKey: string, lastPrice: number) =>
    call<unknown>('POST', '/__sim/price', { instrument_key: instrumentKey, last_price: lastPrice }),
  /** Arms a fault on an Upstox route (latency, hang, status, reset-before/after, status-after). */
  arm: (fault: { route: string; kind: string; latency_ms?: number; status?: number; count?: number }) =>
    call<unknown>('POST', '/__sim/faults', fault),
  revokeAll: () => call<{ revoked: number }>('POST', '/__sim/revoke', { all: true }),
  calls: async (): Promise<Record<string, number>> => (await call<{ counts: Record<string, number> }>('GET', '/__sim/calls')).counts,
  /** How many place requests reached the simulator (rejected ones included). */
  placeCount: async (): Promise<number> => (await sim.calls())[PLACE_ROUTE] ?? 0,
  orders: async (): Promise<SimOrder[]> => (await call<{ orders: SimOrder[] }>('GET', '/__sim/orders')).orders,
  /** Fills `quantity` more units of an open order now (as the exchange would). */
  fill: (orderId: string, quantity: number) => call<unknown>('POST', '/__sim/fill', { order_id: orderId, quantity }),
  /** The portfolio stream: open sockets, and faults (drop, refuse, stall ...; see the simulator README). */
  feed: () => call<{ open_sockets: number; opened_total: number }>('GET', '/__sim/feed'),
  feedFault: (name: 'drop' | 'refuse' | 'stall' | 'resume', body: Record<string, unknown> = {}) => call<unknown>('POST', `/__sim/feed/${name}`, body),
  clearFeedFaults: () => call<unknown>('DELETE', '/__sim/feed/faults'),
};

/** Milliseconds from the simulator's now until just after the next 03:30 IST (22:00 UTC). */
export function msPastNextTokenExpiry(nowIso: string): number {
  const now = new Date(nowIso);
  const expiry = new Date(now);
  expiry.setUTCHours(22, 0, 0, 0);
  if (expiry.getTime() <= now.getTime()) expiry.setUTCDate(expiry.getUTCDate() + 1);
  return expiry.getTime() - now.getTime() + 60_000;
}

/** Instrument keys of the simulator's seeded instruments used by the tests. */
export const INSTRUMENTS = {
  reliance: { key: 'NSE_EQ|INE002A01018', symbol: 'RELIANCE', lastPrice: 1420.5 },
  tcs: { key: 'NSE_EQ|INE467B01029', symbol: 'TCS' },
  niftyFuture: { key: 'NSE_FO|52910', lotSize: 75 },
} as const;
