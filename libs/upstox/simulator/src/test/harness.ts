import { RunningSimulator, SimulatorOptions, startSimulator } from '../index';

/**
 * JSON as parsed from a response or from the untyped official SDK. Tests read it by path and assert values,
 * so a loose type is the honest one here (the single escape hatch of this test suite).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** Test helpers: real HTTP against a simulator on an ephemeral port. */
export interface HttpResult<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

export const RELIANCE = 'NSE_EQ|INE002A01018';
export const INFY = 'NSE_EQ|INE009A01021';
export const ITC_KEY = 'NSE_EQ|INE154A01025';
export const SBIN = 'NSE_EQ|INE062A01020';
export const NIFTY_FUT = 'NSE_FO|52910';
export const NIFTY_CE = 'NSE_FO|48215';

export class SimHarness {
  token = '';

  constructor(readonly sim: RunningSimulator) {}

  static async start(options: SimulatorOptions = {}): Promise<SimHarness> {
    const sim = await startSimulator({ stepDelayMs: 2, ...options });
    const harness = new SimHarness(sim);
    harness.token = (await harness.control('POST', '/__sim/tokens', {})).body.access_token;
    return harness;
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  async http<T = Loose>(
    method: string,
    path: string,
    opts: { body?: unknown; token?: string | null; headers?: Record<string, string>; form?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? this.token : opts.token;
    if (token) headers['Authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(this.sim.url + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // HTML or binary: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  control<T = Loose>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.http<T>(method, path, { body, token: null });
  }

  setPrice(instrumentKey: string, lastPrice: number): Promise<HttpResult> {
    return this.control('POST', '/__sim/price', { instrument_key: instrumentKey, last_price: lastPrice });
  }

  async place(overrides: Record<string, unknown> = {}, version: 'v2' | 'v3' = 'v3'): Promise<string> {
    const res = await this.http('POST', `/${version}/order/place`, { body: orderBody(overrides) });
    if (res.status !== 200) throw new Error(`place failed: ${res.status} ${JSON.stringify(res.body)}`);
    return version === 'v3' ? res.body.data.order_ids[0] : res.body.data.order_id;
  }

  async details(orderId: string): Promise<Loose> {
    const res = await this.http('GET', `/v2/order/details?order_id=${orderId}`);
    if (res.status !== 200) throw new Error(`details failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async statuses(orderId: string): Promise<string[]> {
    const res = await this.http('GET', `/v2/order/history?order_id=${orderId}`);
    return res.body.data.map((e: { status: string }) => e.status);
  }

  /** Polls order details until `predicate` holds (lifecycle steps run on real-time timers). */
  async waitForOrder(orderId: string, predicate: (o: Loose) => boolean, timeoutMs = 3000): Promise<Loose> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const order = await this.details(orderId);
      if (predicate(order)) return order;
      if (Date.now() > deadline) throw new Error(`order ${orderId} stuck at ${JSON.stringify(order.status)}`);
      await sleep(5);
    }
  }

  waitForStatus(orderId: string, status: string, timeoutMs?: number): Promise<Loose> {
    return this.waitForOrder(orderId, (o) => o.status === status, timeoutMs);
  }

  /** Waits until the order has stopped moving (no queued lifecycle step changes it for a while). */
  async settle(orderId: string): Promise<Loose> {
    let last = '';
    for (let stable = 0; stable < 5; ) {
      await sleep(10);
      const order = await this.details(orderId);
      const now = `${order.status}/${order.filled_quantity}/${order.order_request_id}`;
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    return this.details(orderId);
  }
}

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    quantity: 1,
    product: 'D',
    validity: 'DAY',
    price: 0,
    tag: 'test',
    instrument_token: RELIANCE,
    order_type: 'MARKET',
    transaction_type: 'BUY',
    disclosed_quantity: 0,
    trigger_price: 0,
    is_amo: false,
    // Upstox refuses MARKET / SL-M without it (UDAPI1158); -1 = automatic. Pass `market_protection: undefined` to omit it.
    market_protection: -1,
    ...overrides,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An IST wall time as an ISO instant, for /__sim/clock. */
export const ist = (wall: string): string => `${wall}+05:30`;
