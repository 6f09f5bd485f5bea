import { ClientRequest, IncomingMessage, request } from 'node:http';
import { notify, serve } from './rpc';
import { epochMs, loadMeter, ProcessLoad, summarize, Summary } from './stats';

/**
 * Load generator (child process): many GET /api/events clients, each on its own socket. For every `order`
 * event it records orderId|status per client; when every connected client has one, it tells the parent the
 * first and last arrival (epoch ms, comparable with the parent's clock) as a notice `{key, first, last}`.
 */
export interface ConnectArgs {
  url: string;
  headers: Record<string, string>;
  clients: number;
  batchSize: number;
  batchGapMs: number;
}

export interface ConnectResult {
  connected: number;
  statuses: Record<string, number>;
  elapsedMs: number;
}

export interface SseStats {
  open: number;
  ended: number;
  eventsPerClient: Summary;
  heartbeatsPerClient: Summary;
  generator: ProcessLoad;
}

export interface ArrivalNotice {
  key: string;
  first: number;
  last: number;
  count: number;
}

interface Client {
  req: ClientRequest;
  buffer: string;
  seen: Set<string>;
  events: number;
  heartbeats: number;
  ended: boolean;
}

const clients: Client[] = [];
const arrivals = new Map<string, { count: number; first: number; last: number }>();
let connected = 0;
let meter = loadMeter();
const ORDER = /^event: order$/m;
const DATA = /^data: (.*)$/m;

function onBlock(c: Client, block: string, at: number): void {
  if (block.startsWith(':')) {
    c.heartbeats++;
    return;
  }
  c.events++;
  if (!ORDER.test(block)) return;
  const data = JSON.parse(DATA.exec(block)?.[1] ?? '{}') as { orderId?: string; status?: string };
  const key = `${data.orderId}|${data.status}`;
  if (c.seen.has(key)) return;
  c.seen.add(key);
  const a = arrivals.get(key) ?? { count: 0, first: at, last: at };
  a.count++;
  a.last = at;
  arrivals.set(key, a);
  if (a.count === connected) notify({ key, first: a.first, last: a.last, count: a.count });
}

function open(args: ConnectArgs): Promise<number> {
  return new Promise((resolve) => {
    const req = request(args.url, { agent: false, headers: { accept: 'text/event-stream', ...args.headers } }, (res: IncomingMessage) => {
      const c: Client = { req, buffer: '', seen: new Set(), events: 0, heartbeats: 0, ended: false };
      if (res.statusCode !== 200) {
        res.resume();
        resolve(res.statusCode ?? 0);
        return;
      }
      clients.push(c);
      res.setEncoding('utf8');
      let greeted = false;
      res.on('data', (chunk: string) => {
        const at = epochMs();
        c.buffer += chunk;
        let cut: number;
        while ((cut = c.buffer.indexOf('\n\n')) >= 0) {
          const block = c.buffer.slice(0, cut);
          c.buffer = c.buffer.slice(cut + 2);
          if (!greeted && block.includes(': connected')) {
            greeted = true;
            resolve(200);
          } else onBlock(c, block, at);
        }
      });
      const end = (): void => void (c.ended = true);
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function connect(args: ConnectArgs): Promise<ConnectResult> {
  const started = epochMs();
  const statuses: Record<string, number> = {};
  for (let i = 0; i < args.clients; i += args.batchSize) {
    const batch = await Promise.all(Array.from({ length: Math.min(args.batchSize, args.clients - i) }, () => open(args)));
    for (const s of batch) statuses[s] = (statuses[s] ?? 0) + 1;
    if (i + args.batchSize < args.clients) await new Promise((r) => setTimeout(r, args.batchGapMs));
  }
  connected = clients.length;
  meter = loadMeter();
  return { connected, statuses, elapsedMs: epochMs() - started };
}

function stats(): SseStats {
  const generator = meter.stop();
  meter = loadMeter();
  return {
    open: clients.filter((c) => !c.ended).length,
    ended: clients.filter((c) => c.ended).length,
    eventsPerClient: summarize(clients.map((c) => c.events)),
    heartbeatsPerClient: summarize(clients.map((c) => c.heartbeats)),
    generator,
  };
}

serve({
  connect: (a: ConnectArgs) => connect(a),
  stats: () => stats(),
  close: () => {
    clients.splice(0).forEach((c) => c.req.destroy());
    return true;
  },
});
