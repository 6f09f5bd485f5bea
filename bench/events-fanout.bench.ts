import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AccountFeed } from '@desk/api/account';
import { EventHub } from '@desk/api/events';
import { waitForLive } from '../apps/api/test/account/account-harness';
import { limitBuy, OrdersStack, startOrdersStack } from '../apps/api/test/orders/orders-harness';
import { LoadChild, NoticeMessage } from './load/rpc';
import type { ArrivalNotice, ConnectArgs, ConnectResult, SseStats } from './load/sse-clients';
import { epochMs, loadMeter, loadText, ms, ProcessLoad, stallsText, summarize, Summary } from './load/stats';
import { coresText, environmentLine, loadAverageText, treeLine, writeResult } from './report';

/**
 * Issue 7 figure: BENCH_FANOUT_CLIENTS (500) GET /api/events clients (one read-scoped API key), each on its own
 * socket in a separate load-generator process. (a) The api process's memory per client: RSS and heap after a
 * full GC, before and after connecting them all. (b) Fan-out latency over BENCH_FANOUT_SAMPLES (30) fills made
 * with POST /__sim/fill on resting orders: from the control call (sent / returned) until the last client has
 * the order's `complete` event.
 */
const CLIENTS = Number(process.env['BENCH_FANOUT_CLIENTS'] ?? 500);
const SAMPLES = Number(process.env['BENCH_FANOUT_SAMPLES'] ?? 30);
/** Quiet time between an order reaching every client as `open` and its fill, so the follow-up reads and events of the placement do not overlap the sample. */
const SETTLE_MS = Number(process.env['BENCH_FANOUT_SETTLE_MS'] ?? 500);
/** Load-generator processes the clients are split over (reading 500 sockets is work too: 2 cores, 2 readers). */
const GENERATORS = Number(process.env['BENCH_FANOUT_GENERATORS'] ?? 2);

const API_DEFAULTS: Record<string, string> = {
  DESK_RATE_LIMIT_PER_SECOND: '',
  DESK_RATE_LIMIT_PER_MINUTE: '',
  DESK_READ_RATE_LIMIT_PER_SECOND: '',
  DESK_READ_RATE_LIMIT_PER_MINUTE: '',
  LOG_LEVEL: '',
};

/** A full garbage collection, so that heap and RSS deltas are live memory, not garbage not yet collected. */
function garbageCollector(): { gc: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return { gc: exposed, how: 'global.gc (node --expose-gc)' };
  setFlagsFromString('--expose-gc');
  return { gc: runInNewContext('gc') as () => void, how: 'global.gc was not exposed, so GC was reached with v8.setFlagsFromString("--expose-gc") + vm.runInNewContext("gc")' };
}

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

async function settledMemory(gc: () => void): Promise<Memory> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

/**
 * Resolves when every generator process reported that all its clients received `key`, with the earliest first
 * arrival and the latest last arrival over all of them.
 */
function arrivals(children: LoadChild[]): { wait(key: string, timeoutMs?: number): Promise<ArrivalNotice> } {
  const seen = new Map<string, ArrivalNotice[]>();
  const waiting = new Map<string, () => void>();
  for (const child of children) {
    child.onNotice((n: NoticeMessage) => {
      const notice = n as unknown as ArrivalNotice;
      seen.set(notice.key, [...(seen.get(notice.key) ?? []), notice]);
      waiting.get(notice.key)?.();
    });
  }
  const merged = (key: string): ArrivalNotice | null => {
    const all = seen.get(key) ?? [];
    if (all.length < children.length) return null;
    return { key, first: Math.min(...all.map((a) => a.first)), last: Math.max(...all.map((a) => a.last)), count: all.reduce((n, a) => n + a.count, 0) };
  };
  return {
    wait: (key, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const now = merged(key);
        if (now) return resolve(now);
        const timer = setTimeout(() => reject(new Error(`not every client received ${key} within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(key, () => {
          const done = merged(key);
          if (done) {
            clearTimeout(timer);
            waiting.delete(key);
            resolve(done);
          }
        });
      }),
  };
}

/** Sums what the generator processes report. */
function mergeStats(all: SseStats[]): SseStats {
  const worst = (pick: (l: ProcessLoad) => number): number => Math.max(...all.map((a) => pick(a.generator)));
  return {
    open: all.reduce((n, a) => n + a.open, 0),
    ended: all.reduce((n, a) => n + a.ended, 0),
    eventsPerClient: { ...all[0].eventsPerClient, p50: Math.min(...all.map((a) => a.eventsPerClient.p50)), max: Math.max(...all.map((a) => a.eventsPerClient.max)) },
    heartbeatsPerClient: all[0].heartbeatsPerClient,
    generator: {
      cpuPercent: worst((l) => l.cpuPercent),
      eventLoopUtilization: worst((l) => l.eventLoopUtilization),
      loopDelayP99Ms: worst((l) => l.loopDelayP99Ms),
      loopDelayMaxMs: worst((l) => l.loopDelayMaxMs),
      gcPauseTotalMs: worst((l) => l.gcPauseTotalMs),
      gcPauseMaxMs: worst((l) => l.gcPauseMaxMs),
      runQueueWaitPercent: worst((l) => l.runQueueWaitPercent),
    },
  };
}

interface Sample {
  fromReturn: number;
  fromSent: number;
  /** Control call sent -> the api's EventHub had called res.write for every client. */
  apiQueuedFromSent: number;
  /** res.write for every client -> Node had flushed those (corked) writes to the kernel. */
  apiFlush: number;
  /** The api had flushed the event to every socket -> the last client had read it. */
  lastAfterApiFlushed: number;
  firstFromSent: number;
  spread: number;
}

interface Run {
  gcHow: string;
  before: Memory;
  after: Memory;
  connect: ConnectResult;
  hubClients: number;
  samples: Sample[];
  afterSamples: SseStats;
  hubClientsAfter: number;
  server: ProcessLoad;
}

/** Rounded, without a "-0.0" for a change smaller than the last digit. */
const fixed1 = (n: number): string => (Math.abs(n) < 0.05 ? 0 : n).toFixed(1);
const mb = (bytes: number): string => `${fixed1(bytes / 1_048_576)} MB`;
const kb = (bytes: number): string => `${fixed1(bytes / 1024)} KB`;
const row = (name: string, s: Summary): string => `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`;

function report(r: Run, loadBefore: string): string[] {
  const per = (k: keyof Memory): string => `| ${k} | ${mb(r.before[k])} | ${mb(r.after[k])} | ${mb(r.after[k] - r.before[k])} | ${kb((r.after[k] - r.before[k]) / r.connect.connected)} |`;
  const fromReturn = summarize(r.samples.map((s) => s.fromReturn));
  const fromSent = summarize(r.samples.map((s) => s.fromSent));
  const apiPart = summarize(r.samples.map((s) => s.apiQueuedFromSent + s.apiFlush));
  const perClient = (k: keyof Memory): string => kb((r.after[k] - r.before[k]) / r.connect.connected);
  const triple = (x: Summary): string => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}`;
  return [
    '# Event stream fan-out benchmark (issue 7)',
    '',
    `${environmentLine()}; ${treeLine()}.`,
    `Machine: ${coresText()}; load average ${loadBefore} before the run, ${loadAverageText()} after it.`,
    '',
    '## Method',
    '',
    `- One stack (real api + real simulator in the jest process, the api test harness), signed in, connected, stream live; api defaults for inbound limits and log level. One API key with \`read\` (POST /api/keys) for every client.`,
    `- ${GENERATORS} separate load-generator processes (bench/load/sse-clients.ts; reading ${CLIENTS} sockets is work of its own, so it is split) open ${CLIENTS} \`GET /api/events\` streams between them, each on its own socket, together 50 every 250 ms (the read bucket allows 500/s per key); they parse every event and note when each client got each order's status.`,
    `- Memory: \`process.memoryUsage()\` of the jest process (api + simulator; the clients are in the generator processes) after three full GCs, before connecting and 2 s after the last client was greeted; the difference divided by ${r.connect.connected}. ${r.gcHow}.`,
    `- Latency, ${r.samples.length} samples: a resting 1-unit LIMIT buy is placed (dashboard session) and, once all clients had its \`open\` event and ${SETTLE_MS} ms passed, filled with \`POST /__sim/fill\`. Measured until the last client had the order's \`complete\` event: from the moment the control call returned, and from the moment it was sent (the simulator pushes the stream message while handling that call, so the two bracket the upstream message). Clocks: \`performance.timeOrigin + performance.now()\` in both processes (one machine clock).`,
    '- Inside the api process, a listener on the account feed registered after the EventHub\'s notes when the hub has called `res.write` for every client (one synchronous loop), and, with a `process.nextTick` queued behind Node\'s per-response cork/uncork ticks, when those writes reached the kernel. That splits the time into the api\'s part and delivery + reading by the clients.',
    '- The simulator\'s order message carries `order_timestamp` / `exchange_timestamp` only at 1 s resolution ("YYYY-MM-DD HH:MM:SS", simulated IST), too coarse to measure from; not used.',
    '',
    '## Figures',
    '',
    'Issue 7 asks for these two figures without setting a number; the related goal "fill at the simulator → status painted in Chromium" is p95 ≤ 300 ms.',
    '',
    '| Figure | Value |',
    '|---|---|',
    `| api memory per event-stream client (RSS / heap used / external) | ${perClient('rss')} / ${perClient('heapUsed')} / ${perClient('external')} |`,
    `| Upstream message → last of ${r.connect.connected} clients has the \`order\` event, from the control call sent: p50 / p95 / max | ${triple(fromSent)} |`,
    `| of which the api's part (control call sent → the event flushed to all ${r.connect.connected} sockets): p50 / p95 / max | ${triple(apiPart)} |`,
    '',
    '## Memory of the api process per event-stream client',
    '',
    '| Measure | Before | After | Difference | Per client |',
    '|---|---|---|---|---|',
    per('rss'),
    per('heapUsed'),
    per('external'),
    '',
    `Clients connected: ${r.connect.connected} (statuses ${JSON.stringify(r.connect.statuses)}) in ${ms(r.connect.elapsedMs, 0)}; the api's EventHub counted ${r.hubClients}.`,
    '',
    `## Upstream message → last of ${r.connect.connected} clients (\`order\` event \`complete\`)`,
    '',
    'The simulator runs in the api\'s process, so its HTTP answer to the control call is often read only after the api has handled the stream message (hence values near 0 or below for "returned"); "sent" bounds the time from above (it adds the control call\'s own request, about a millisecond).',
    '',
    '| Measured from | p50 | p95 | max |',
    '|---|---|---|---|',
    row('control call returned → last client', fromReturn),
    row('control call sent → last client', summarize(r.samples.map((s) => s.fromSent))),
    row('control call sent → first client', summarize(r.samples.map((s) => s.firstFromSent))),
    row('control call sent → the api had called res.write for all clients', summarize(r.samples.map((s) => s.apiQueuedFromSent))),
    row('res.write for all → Node had flushed all those writes to the kernel', summarize(r.samples.map((s) => s.apiFlush))),
    row('flushed to all sockets → last client had read it', summarize(r.samples.map((s) => s.lastAfterApiFlushed))),
    row('first client → last client', summarize(r.samples.map((s) => s.spread))),
    '',
    `After the samples: ${r.afterSamples.open} streams open, ${r.afterSamples.ended} ended; the api's EventHub counted ${r.hubClientsAfter}; events received per client: p50 ${r.afterSamples.eventsPerClient.p50}, max ${r.afterSamples.eventsPerClient.max}.`,
    '',
    'Who was busy during the samples (2 cores shared by everything; the jest process holds the api and the simulator):',
    '',
    `- api + simulator: ${loadText(r.server)}; ${stallsText(r.server)}.`,
    `- load generator (the busiest of the ${GENERATORS} processes for each figure): ${loadText(r.afterSamples.generator)}.`,
  ];
}

describe('event stream fan-out benchmark', () => {
  it(`${CLIENTS} GET /api/events clients: memory per client and upstream message -> last client over ${SAMPLES} fills`, async () => {
    const loadBefore = loadAverageText();
    const { gc, how } = garbageCollector();
    let s: OrdersStack | null = null;
    const children: LoadChild[] = [];
    let run!: Run;
    try {
      s = await startOrdersStack({ env: API_DEFAULTS });
      await waitForLive(s, 30_000);
      const key = await s.browser.api('POST', '/api/keys', { name: 'bench events', scopes: ['read'] });
      if (key.status !== 201) throw new Error(`API key: ${key.status} ${key.text}`);
      const hub = s.stack.api.app.get(EventHub);
      // Registered after the EventHub's own listener, so it runs once the hub has called res.write for every
      // client. Node corks a response's chunked write and flushes it on the next tick: a tick queued here runs
      // after all 500 of those flushes.
      const queued = new Map<string, number>();
      const flushed = new Map<string, number>();
      s.stack.api.app.get(AccountFeed).subscribe((change) => {
        if (change.type !== 'order') return;
        const key = `${change.data.orderId}|${change.data.status}`;
        queued.set(key, epochMs());
        process.nextTick(() => flushed.set(key, epochMs()));
      });
      for (let i = 0; i < GENERATORS; i++) children.push(await LoadChild.start('sse-clients'));
      const arrived = arrivals(children);
      const before = await settledMemory(gc);
      const args: ConnectArgs = {
        url: `http://127.0.0.1:${s.stack.api.port}/api/events`,
        headers: { authorization: `Bearer ${key.body.key as string}` },
        clients: CLIENTS,
        batchSize: Math.ceil(50 / GENERATORS),
        batchGapMs: 250,
      };
      const share = (i: number): number => Math.floor(CLIENTS / GENERATORS) + (i < CLIENTS % GENERATORS ? 1 : 0);
      const started = epochMs();
      const connects = await Promise.all(children.map((c, i) => c.call<ConnectResult>('connect', { ...args, clients: share(i) })));
      const connect: ConnectResult = {
        connected: connects.reduce((n, c) => n + c.connected, 0),
        statuses: connects.reduce<Record<string, number>>((all, c) => {
          for (const [k, v] of Object.entries(c.statuses)) all[k] = (all[k] ?? 0) + v;
          return all;
        }, {}),
        elapsedMs: epochMs() - started,
      };
      const hubClients = hub.clientCount();
      await new Promise((r) => setTimeout(r, 2_000));
      const after = await settledMemory(gc);
      await Promise.all(children.map((c) => c.call<SseStats>('stats')));
      const server = loadMeter({ watchStalls: true });
      const samples: Sample[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const placed = await s.place(limitBuy({ quantity: 1, price: 1000 }));
        if (placed.status !== 201) throw new Error(`place failed: ${placed.status} ${placed.text}`);
        const orderId = placed.body.orderIds[0] as string;
        await arrived.wait(`${orderId}|open`);
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        const sent = epochMs();
        await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 1 });
        const returned = epochMs();
        const done = await arrived.wait(`${orderId}|complete`);
        const key = `${orderId}|complete`;
        const [wrote, flush] = [queued.get(key) ?? NaN, flushed.get(key) ?? NaN];
        samples.push({
          fromReturn: done.last - returned,
          fromSent: done.last - sent,
          apiQueuedFromSent: wrote - sent,
          apiFlush: flush - wrote,
          lastAfterApiFlushed: done.last - flush,
          firstFromSent: done.first - sent,
          spread: done.last - done.first,
        });
      }
      const serverLoad = server.stop();
      const afterSamples = mergeStats(await Promise.all(children.map((c) => c.call<SseStats>('stats'))));
      run = { gcHow: how, before, after, connect, hubClients, samples, afterSamples, hubClientsAfter: hub.clientCount(), server: serverLoad };
    } finally {
      for (const c of children) await c.close();
      await s?.close();
    }
    console.log(`wrote ${writeResult('events-fanout', report(run, loadBefore))}`);
    expect({ connected: run.connect.connected, dropped: run.afterSamples.ended, samples: run.samples.length }).toEqual({
      connected: CLIENTS,
      dropped: 0,
      samples: SAMPLES,
    });
  });
});
