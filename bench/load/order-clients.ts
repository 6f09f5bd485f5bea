import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { serve } from './rpc';

/**
 * Load generator (child process) for the order-path benchmark: the same order write sent to the desk
 * (`/api/...` with an API key) and straight to the simulator (`/v3/order/...` with the Upstox token), one after
 * the other, alternating which goes first, over one keep-alive socket each. Returns every latency (sent -> last
 * byte, ms) so the parent can compare the two sides measured in the same moments.
 */
export type WriteKind = 'place' | 'modify' | 'cancel' | 'floor';

export interface PairArgs {
  kind: WriteKind;
  apiUrl: string;
  simUrl: string;
  apiKey: string;
  accessToken: string;
  /** One pair per entry: for modify/cancel the desk's and the direct call's working order ids. */
  orders: { desk?: string; direct?: string }[];
  gapMs: number;
  instrumentKey: string;
  price: number;
}

export interface PairResult {
  desk: number[];
  direct: number[];
  /** For each desk sample: whether the desk's call went first in its pair (else it followed the direct call at once). */
  deskFirst: boolean[];
  /** The same for each direct sample. */
  directFirst: boolean[];
  /** Answers that were not the expected success, with status and a short body. */
  failures: string[];
  /** Order ids the writes created (place only), desk and direct, so the parent can modify and cancel them. */
  created: { desk?: string; direct?: string }[];
}

const deskAgent = new Agent({ keepAlive: true, maxSockets: 1 });
const directAgent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(
  agent: Agent,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; text: string; ms: number }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: payload ? { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function deskCall(a: PairArgs, i: number) {
  const headers = { authorization: `Bearer ${a.apiKey}`, accept: 'application/json' };
  const id = a.orders[i]?.desk;
  // The floor: a request that does nothing, through the same HTTP pipeline (request log, Host check, headers, Nest).
  if (a.kind === 'floor') return send(deskAgent, 'GET', `${a.apiUrl}/api/health`, { accept: 'application/json' });
  if (a.kind === 'place') {
    const body = { instrumentKey: a.instrumentKey, transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', product: 'D', validity: 'DAY', price: a.price };
    return send(deskAgent, 'POST', `${a.apiUrl}/api/orders`, { ...headers, 'idempotency-key': randomUUID() }, body);
  }
  if (a.kind === 'modify') {
    const body = { quantity: 1, orderType: 'LIMIT', validity: 'DAY', price: a.price - 1 - (i % 5) };
    return send(deskAgent, 'PUT', `${a.apiUrl}/api/orders/${id}`, headers, body);
  }
  return send(deskAgent, 'DELETE', `${a.apiUrl}/api/orders/${id}`, headers);
}

function directCall(a: PairArgs, i: number) {
  const headers = { authorization: `Bearer ${a.accessToken}`, accept: 'application/json' };
  const id = a.orders[i]?.direct;
  if (a.kind === 'floor') return send(directAgent, 'GET', `${a.simUrl}/__sim/app`, { accept: 'application/json' });
  if (a.kind === 'place') {
    const body = {
      quantity: 1,
      product: 'D',
      validity: 'DAY',
      price: a.price,
      tag: `bench${i}`,
      instrument_token: a.instrumentKey,
      order_type: 'LIMIT',
      transaction_type: 'BUY',
      disclosed_quantity: 0,
      trigger_price: 0,
      is_amo: false,
      slice: false,
    };
    return send(directAgent, 'POST', `${a.simUrl}/v3/order/place`, headers, body);
  }
  if (a.kind === 'modify') {
    const body = { order_id: id, quantity: 1, validity: 'DAY', price: a.price - 1 - (i % 5), order_type: 'LIMIT', trigger_price: 0 };
    return send(directAgent, 'PUT', `${a.simUrl}/v3/order/modify`, headers, body);
  }
  return send(directAgent, 'DELETE', `${a.simUrl}/v3/order/cancel?order_id=${encodeURIComponent(id ?? '')}`, headers);
}

function createdId(side: 'desk' | 'direct', text: string): string | undefined {
  try {
    const body = JSON.parse(text);
    return side === 'desk' ? body.orderIds?.[0] : body.data?.order_ids?.[0];
  } catch {
    return undefined;
  }
}

async function pairs(a: PairArgs): Promise<PairResult> {
  const result: PairResult = { desk: [], direct: [], deskFirst: [], directFirst: [], failures: [], created: [] };
  for (let i = 0; i < a.orders.length; i++) {
    const created: { desk?: string; direct?: string } = {};
    const sides: ('desk' | 'direct')[] = i % 2 === 0 ? ['desk', 'direct'] : ['direct', 'desk'];
    for (const side of sides) {
      const res = await (side === 'desk' ? deskCall(a, i) : directCall(a, i));
      const ok = res.status >= 200 && res.status < 300;
      if (!ok) result.failures.push(`${side} ${a.kind} #${i}: ${res.status} ${res.text.slice(0, 160)}`);
      else {
        result[side].push(res.ms);
        result[side === 'desk' ? 'deskFirst' : 'directFirst'].push(sides[0] === side);
        if (a.kind === 'place') created[side] = createdId(side, res.text);
      }
    }
    result.created.push(created);
    await sleep(a.gapMs);
  }
  return result;
}

serve({ pairs });
