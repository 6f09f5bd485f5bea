import { PlaceOrderRequest } from '@desk/contracts';
import { randomUUID } from 'node:crypto';
import { BrowserAgent, HttpResponse, rawRequest, Stack, startStack, StackOptions } from '../support/stack';

/** Settings that make reconciliation fast enough for tests (the defaults are 1 s, 3 s, 10 s). */
export const FAST_ORDER_ENV: Record<string, string> = {
  ORDER_RECONCILE_DELAYS_MS: '300,1000,3000',
  ORDER_OUTCOME_WAIT_MS: '6000',
  UPSTOX_TIMEOUT_MS: '1500',
};

export const RELIANCE = 'NSE_EQ|INE002A01018';
export const SBIN = 'NSE_EQ|INE062A01020';

export function limitBuy(over: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return {
    instrumentKey: RELIANCE,
    transactionType: 'BUY',
    quantity: 1,
    orderType: 'LIMIT',
    product: 'D',
    validity: 'DAY',
    price: 1300,
    ...over,
  };
}

export interface SimOrder {
  order_id: string;
  tag: string | null;
  status: string;
  order_timestamp?: string;
  [key: string]: unknown;
}

/** Talks to the simulator's control API (/__sim/...). */
export class SimControl {
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const res = await rawRequest({
      method,
      url: `${this.url}/__sim/${path}`,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`sim ${method} ${path}: ${res.status} ${res.text}`);
    return res;
  }

  async mintToken(): Promise<string> {
    return (await this.call('POST', 'tokens', {})).body.access_token as string;
  }

  async calls(route?: string): Promise<number> {
    const counts = (await this.call('GET', 'calls')).body.counts as Record<string, number>;
    return route ? (counts[route] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async counts(): Promise<Record<string, number>> {
    return (await this.call('GET', 'calls')).body.counts as Record<string, number>;
  }

  async placeCalls(): Promise<number> {
    return this.calls('POST /v3/order/place');
  }

  async orders(): Promise<SimOrder[]> {
    return (await this.call('GET', 'orders')).body.orders as SimOrder[];
  }

  async fault(route: string, kind: string, extra: { status?: number; latency_ms?: number; count?: number } = {}): Promise<void> {
    await this.call('POST', 'faults', { route, kind, ...extra });
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  async price(instrumentKey: string, lastPrice: number): Promise<void> {
    await this.call('POST', 'price', { instrument_key: instrumentKey, last_price: lastPrice });
  }
}

export interface OrdersStack {
  stack: Stack;
  sim: SimControl;
  browser: BrowserAgent;
  accessToken: string;
  /** POST /api/orders with a fresh (or the given) Idempotency-Key. */
  place(body: unknown, key?: string | null): Promise<HttpResponse>;
  /** Waits until the intent is no longer PENDING_SUBMIT or UNKNOWN; returns its final view. */
  settle(intentId: string, timeoutMs?: number): Promise<{ status: string; orderIds: string[]; brokerTag: string }>;
  close(): Promise<void>;
}

/** Signs in as the dashboard and connects it to the simulator with a pasted token. */
export async function connect(browser: BrowserAgent, simUrl: string): Promise<string> {
  const sim = new SimControl(simUrl);
  const app = (await sim.call('GET', 'app')).body as { client_id: string; client_secret: string };
  const accessToken = await sim.mintToken();
  const res = await browser.api('POST', '/api/connection/token', {
    apiKey: app.client_id,
    apiSecret: app.client_secret,
    accessToken,
    environment: 'simulator',
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`connect failed: ${res.status} ${res.text}`);
  return accessToken;
}

export function ordersApi(stack: Stack, browser: BrowserAgent): Pick<OrdersStack, 'place' | 'settle'> {
  return {
    place: (body, key) =>
      browser.api('POST', '/api/orders', body, key === null ? {} : { 'idempotency-key': key ?? randomUUID() }),
    settle: async (intentId, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await browser.api('GET', `/api/order-intents/${intentId}`);
        if (res.status !== 200) throw new Error(`intent ${intentId}: ${res.status} ${res.text}`);
        if (res.body.status !== 'PENDING_SUBMIT' && res.body.status !== 'UNKNOWN') return res.body;
        if (Date.now() > deadline) throw new Error(`intent ${intentId} still ${res.body.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export async function startOrdersStack(options: StackOptions = {}): Promise<OrdersStack> {
  const stack = await startStack({ ...options, env: { ...FAST_ORDER_ENV, ...options.env } });
  try {
    const browser = stack.browser();
    await browser.signIn();
    const accessToken = await connect(browser, stack.simUrl);
    // The live stream's first gap fill reads every collection once: let it finish, so that tests which count
    // Upstox calls start from a settled desk.
    await waitFor('the live account mirror', async () => (await browser.api('GET', '/api/orders')).body?.source === 'stream', 15_000);
    return { stack, sim: new SimControl(stack.simUrl), browser, accessToken, ...ordersApi(stack, browser), close: () => stack.close() };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const MODIFY_ROUTE = 'PUT /v3/order/modify';
export const LTP_ROUTE = 'GET /v3/market-quote/ltp';

/** Places an order (a 1-unit LIMIT buy at ₹1,000 unless overridden) and waits until it is working at the simulator. */
export async function workingOrder(s: Pick<OrdersStack, 'place' | 'browser'>, over: Partial<PlaceOrderRequest> = {}): Promise<string> {
  const placed = await s.place(limitBuy({ price: 1000, ...over }));
  if (placed.status !== 201) throw new Error(`place failed: ${placed.status} ${placed.text}`);
  const id = placed.body.orderIds[0] as string;
  await waitFor(
    `${id} working`,
    async () => {
      const order = (await s.browser.api('GET', `/api/orders/${id}`)).body?.order;
      if (['complete', 'rejected', 'cancelled'].includes(order?.statusClass)) {
        throw new Error(`order ${id} is ${order.status}, not working: ${order.statusMessage ?? ''}`);
      }
      return order?.statusClass === 'working';
    },
    20_000,
  );
  return id;
}
