import { EnvReader, readSecurityConfig } from '@desk/api/core';
import { ORDER_BOOK_READ, streamState, waitForLive } from '../apps/api/test/account/account-harness';
import { limitBuy, OrdersStack, startOrdersStack, waitFor } from '../apps/api/test/orders/orders-harness';
import type { PollArgs, PollResult } from './load/poll-clients';
import { LoadChild } from './load/rpc';
import { loadMeter, loadText, ms, ProcessLoad, stallsText } from './load/stats';
import { coresText, environmentLine, loadAverageText, treeLine, writeResult } from './report';

/**
 * Issue 7 figure: BENCH_POLL_CLIENTS (200) clients each polling GET /api/orders once a second for
 * BENCH_POLL_SECONDS (60) with ONE read-scoped API key, in one run: (a) portfolio stream live, (b) stream down
 * and kept down (every reconnect refused). Per phase: upstream order-book reads per second (the simulator's call
 * counts), client latency, refusals. Meanwhile an order is placed and filled every BENCH_POLL_ACTIVITY_MS
 * (5000; 0 = a quiet account), so the mirror has changes to follow. The api keeps its default inbound limits.
 */
const CLIENTS = Number(process.env['BENCH_POLL_CLIENTS'] ?? 200);
const SECONDS = Number(process.env['BENCH_POLL_SECONDS'] ?? 60);
const ACTIVITY_MS = Number(process.env['BENCH_POLL_ACTIVITY_MS'] ?? 5_000);
/** Unmeasured polling before phase (a): sockets connected and code warmed up for both phases alike. */
const WARMUP_SECONDS = Number(process.env['BENCH_POLL_WARMUP_SECONDS'] ?? 5);

const GOAL = { liveReadsPerSecond: 0.2, downReadsPerSecond: 1, p99Ms: 20 };
/** The most refused upgrades the simulator's control API accepts in one call. */
const REFUSED_UPGRADES = 1000;
const ON_MAIN = { readsPerSecond: '38', p50: '3.7 s', refused: '21 %' };

/** The test harness raises the inbound limits for other tests; a blank value means unset, i.e. the api's default. */
const API_DEFAULT_LIMITS: Record<string, string> = {
  DESK_RATE_LIMIT_PER_SECOND: '',
  DESK_RATE_LIMIT_PER_MINUTE: '',
  DESK_READ_RATE_LIMIT_PER_SECOND: '',
  DESK_READ_RATE_LIMIT_PER_MINUTE: '',
  // The api's default level (info: one line per request) unless BENCH_POLL_LOG_LEVEL says otherwise.
  LOG_LEVEL: process.env['BENCH_POLL_LOG_LEVEL'] ?? '',
  // Keep the api's log after the run (for analysis) instead of the harness's temp file.
  ...(process.env['BENCH_POLL_LOG_FILE'] ? { LOG_FILE: process.env['BENCH_POLL_LOG_FILE'] } : {}),
};

interface Phase {
  name: string;
  poll: PollResult;
  upstream: Record<string, number>;
  /** Wall time between the two readings of the simulator's call counts. */
  upstreamWindowMs: number;
  server: ProcessLoad;
  fills: number;
  streamAtEnd: string | null;
  /** Heap used by the jest process (api + simulator + harness) at the end of the phase. */
  heapUsedMb: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Places a resting 1-unit buy and fills it through the simulator's control API, every ACTIVITY_MS. */
function startActivity(s: OrdersStack): { stop(): Promise<number> } {
  let stopped = false;
  let fills = 0;
  const loop = (async () => {
    while (ACTIVITY_MS > 0 && !stopped) {
      const started = Date.now();
      const placed = await s.place(limitBuy({ quantity: 1, price: 1000 }));
      if (placed.status !== 201) throw new Error(`activity: place failed ${placed.status} ${placed.text}`);
      const id = placed.body.orderIds[0] as string;
      await waitFor(`${id} open`, async () => (await s.sim.orders()).find((o) => o.order_id === id)?.status === 'open');
      await s.sim.call('POST', 'fill', { order_id: id, quantity: 1 });
      fills++;
      while (!stopped && Date.now() - started < ACTIVITY_MS) await sleep(50);
    }
  })();
  return { stop: async () => ((stopped = true), await loop, fills) };
}

function difference(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, n] of Object.entries(after)) if (n - (before[route] ?? 0) > 0) out[route] = n - (before[route] ?? 0);
  return out;
}

function pollArgs(s: OrdersStack, apiKey: string, seconds: number): PollArgs {
  return {
    url: `http://127.0.0.1:${s.stack.api.port}/api/orders`,
    apiKey,
    clients: CLIENTS,
    durationMs: seconds * 1000,
    periodMs: 1000,
    spreadMs: 1000,
    slowMs: GOAL.p99Ms,
  };
}

async function runPhase(s: OrdersStack, child: LoadChild, apiKey: string, name: string): Promise<Phase> {
  const activity = startActivity(s);
  const before = await s.sim.counts();
  const from = Date.now();
  const server = loadMeter({ watchStalls: true });
  const poll = await child.call<PollResult>('poll', pollArgs(s, apiKey, SECONDS));
  const serverLoad = server.stop();
  const upstream = difference(before, await s.sim.counts());
  const upstreamWindowMs = Date.now() - from;
  const fills = await activity.stop();
  const heapUsedMb = process.memoryUsage().heapUsed / 1_048_576;
  return { name, poll, upstream, upstreamWindowMs, server: serverLoad, fills, streamAtEnd: await streamState(s.browser), heapUsedMb };
}

const reads = (p: Phase): number => p.upstream[ORDER_BOOK_READ] ?? 0;
const readsPerSecond = (p: Phase): number => reads(p) / (p.upstreamWindowMs / 1000);
/**
 * The goal is a spacing (at most one read per second): a window of T seconds can hold T + 1 reads spaced one
 * second apart (one at its very start), so the verdict counts the intervals between reads, not the reads.
 */
const withinBudget = (p: Phase, perSecond: number): boolean => Math.max(0, reads(p) - 1) / (p.upstreamWindowMs / 1000) <= perSecond;
const refused = (p: Phase): number => p.poll.requests - p.poll.ok;
const noAnswer = (p: Phase): number => Object.values(p.poll.errors).reduce((a, b) => a + b, 0);
const slow = (p: Phase): string => {
  const perSecond = p.poll.slowPerSecond;
  return `${perSecond.reduce((a, b) => a + b, 0)} in ${perSecond.filter((n) => n > 0).length} s, most ${Math.max(...perSecond)}`;
};
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
const pct = (n: number, of: number): string => `${((n / Math.max(1, of)) * 100).toFixed(2)} %`;

function report(phases: [Phase, Phase], warmup: PollResult | null, limits: string, loadBefore: string): string[] {
  const [live, down] = phases;
  const cell = (p: Phase, goal: number): string =>
    `${readsPerSecond(p).toFixed(3)}: ${reads(p)} in ${(p.upstreamWindowMs / 1000).toFixed(1)} s (${verdict(withinBudget(p, goal))}${reads(p) > 1 ? `; ${((reads(p) - 1) / (p.upstreamWindowMs / 1000)).toFixed(3)} counting the intervals between reads` : ''})`;
  const p99 = (p: Phase): string => `${ms(p.poll.latency.p99)} (${verdict(p.poll.latency.p99 <= GOAL.p99Ms)})`;
  const refusals = (p: Phase): string =>
    `${refused(p)} = ${pct(refused(p), p.poll.requests)} (${verdict(refused(p) === 0)})${refused(p) ? `: ${JSON.stringify({ ...p.poll.refusedByStatus, ...(noAnswer(p) ? { noAnswer: p.poll.errors } : {}) })}` : ''}`;
  const routes = [...new Set([...Object.keys(live.upstream), ...Object.keys(down.upstream)])].sort();
  const perSecond = (p: Phase, route: string): string => `${p.upstream[route] ?? 0} (${((p.upstream[route] ?? 0) / (p.upstreamWindowMs / 1000)).toFixed(2)}/s)`;
  return [
    '# Account polling benchmark (issue 7)',
    '',
    `${environmentLine()}; ${treeLine()}.`,
    `Machine: ${coresText()}; load average ${loadBefore} before the run, ${loadAverageText()} after it.`,
    '',
    '## Method',
    '',
    `- One stack (real api + real simulator in the jest process, the api test harness), signed in and connected; one API key with the \`read\` scope made through the session (POST /api/keys).`,
    `- A separate load-generator process (bench/load/poll-clients.ts): ${CLIENTS} clients, each \`GET /api/orders\` with that key once a second for ${SECONDS} s, each over its own keep-alive agent with one socket (${CLIENTS} sockets, like ${CLIENTS} separate scripts); client i starts at i/${CLIENTS} of the first second. A client whose answer takes longer than its tick sends the next request at once (no overlap).`,
    warmup
      ? `- Before phase (a), ${WARMUP_SECONDS} s of the same polling, not counted (sockets connected, code warmed up, so phase (a) does not carry the cold start alone): ${warmup.requests} requests, p99 ${ms(warmup.latency.p99)}, max ${ms(warmup.latency.max)}, ${warmup.requests - warmup.ok} not 200.`
      : '- No warm-up: phase (a) includes connecting the sockets and the cold start.',
    `- Phase (a): the portfolio stream live (the mirror answers). Phase (b): stream down and kept down: \`POST /__sim/feed/refuse {count: ${REFUSED_UPGRADES}, status: 503}\` (the simulator's maximum per call: 100000 is refused with 400; and ${REFUSED_UPGRADES} is far more than the api's capped backoff tries in a phase), then \`POST /__sim/feed/drop\`; the phase starts once the api reports the stream not live and \`/api/orders\` answers \`source: snapshot\`.`,
    ACTIVITY_MS > 0
      ? `- In both phases an order is placed (dashboard session) and filled through \`POST /__sim/fill\` every ${ACTIVITY_MS / 1000} s, so the mirror has changes to follow (${live.fills} fills in (a), ${down.fills} in (b)).`
      : '- No orders placed during the phases (a quiet account).',
    `- Upstream reads: the simulator's per-route call counts (\`/__sim/calls\`) read before and after each phase's polling, divided by the time between the two readings (${(live.upstreamWindowMs / 1000).toFixed(1)} s and ${(down.upstreamWindowMs / 1000).toFixed(1)} s). Latency: from sending a request to its last byte, in the generator.`,
    `- Inbound limits: the api's defaults (the harness's raised DESK_RATE_LIMIT_* blanked): ${limits}. Log level: ${API_DEFAULT_LIMITS['LOG_LEVEL'] || "the api's default (info: one line per request)"}, written to LOG_FILE (appended synchronously, as the api does).`,
    '',
    '## Figures',
    '',
    '| Figure | Goal | (a) stream live | (b) stream down | Measured on main (issue 7) |',
    '|---|---|---|---|---|',
    `| Upstream order-book reads per second (\`${ORDER_BOOK_READ}\`) | ≤ ${GOAL.liveReadsPerSecond} live, ≤ ${GOAL.downReadsPerSecond} down | ${cell(live, GOAL.liveReadsPerSecond)} | ${cell(down, GOAL.downReadsPerSecond)} | ${ON_MAIN.readsPerSecond} |`,
    `| Client latency p50 | | ${ms(live.poll.latency.p50)} | ${ms(down.poll.latency.p50)} | ${ON_MAIN.p50} |`,
    `| Client latency p99 | ≤ ${GOAL.p99Ms} ms | ${p99(live)} | ${p99(down)} | |`,
    `| Client latency max | | ${ms(live.poll.latency.max)} | ${ms(down.poll.latency.max)} | |`,
    `| Refused (non-200 or no answer) | 0 | ${refusals(live)} | ${refusals(down)} | ${ON_MAIN.refused} |`,
    `| Requests sent (rate) | | ${live.poll.requests} (${(live.poll.requests / (live.poll.elapsedMs / 1000)).toFixed(1)}/s) | ${down.poll.requests} (${(down.poll.requests / (down.poll.elapsedMs / 1000)).toFixed(1)}/s) | |`,
    `| Answers slower than ${GOAL.p99Ms} ms: how many, in how many of the phase's seconds, most in one second | | ${slow(live)} | ${slow(down)} | |`,
    `| Ticks sent late (previous answer > 1 s) | | ${live.poll.late} | ${down.poll.late} | |`,
    `| Answers by \`source\` | | ${JSON.stringify(live.poll.sources)} | ${JSON.stringify(down.poll.sources)} | |`,
    `| Stream state at the end of the phase | | ${live.streamAtEnd} | ${down.streamAtEnd} | |`,
    '',
    `Answers slower than ${GOAL.p99Ms} ms per second of the phase (by send time; activity every ${ACTIVITY_MS / 1000} s from the start):`,
    '',
    `- (a): ${live.poll.slowPerSecond.join(' ')}`,
    `- (b): ${down.poll.slowPerSecond.join(' ')}`,
    '',
    'Upstream calls per route during each phase (all routes the simulator counted, the orders placed included):',
    '',
    '| Route | (a) stream live | (b) stream down |',
    '|---|---|---|',
    ...routes.map((r) => `| \`${r}\` | ${perSecond(live, r)} | ${perSecond(down, r)} |`),
    '',
    'Who was busy (2 cores shared by everything; the jest process holds the api and the simulator):',
    '',
    `- (a) api + simulator: ${loadText(live.server)}, heap used at the end ${live.heapUsedMb.toFixed(0)} MB; load generator: ${loadText(live.poll.generator)}.`,
    `- (b) api + simulator: ${loadText(down.server)}, heap used at the end ${down.heapUsedMb.toFixed(0)} MB; load generator: ${loadText(down.poll.generator)}.`,
    `- (a) api + simulator: ${stallsText(live.server)}.`,
    `- (b) api + simulator: ${stallsText(down.server)}.`,
  ];
}

describe('account polling benchmark', () => {
  it(`${CLIENTS} clients polling GET /api/orders once a second for ${SECONDS} s, stream live then down`, async () => {
    const loadBefore = loadAverageText();
    let s: OrdersStack | null = null;
    let child: LoadChild | null = null;
    let phases!: [Phase, Phase];
    let limits!: string;
    let warmup: PollResult | null = null;
    try {
      s = await startOrdersStack({ env: API_DEFAULT_LIMITS });
      const security = readSecurityConfig(new EnvReader(s.stack.env)) as unknown as Record<string, number | undefined>;
      limits =
        `strict ${security['rateLimitPerSecond']}/s and ${security['rateLimitPerMinute']}/min per caller` +
        (security['readRateLimitPerSecond'] !== undefined
          ? `; reads from memory (DESK_READ_RATE_LIMIT_*) ${security['readRateLimitPerSecond']}/s and ${security['readRateLimitPerMinute']}/min per caller`
          : '; no separate read bucket in this tree (every route spends the strict bucket)');
      await waitForLive(s, 30_000);
      const key = await s.browser.api('POST', '/api/keys', { name: 'bench polling', scopes: ['read'] });
      if (key.status !== 201) throw new Error(`API key: ${key.status} ${key.text}`);
      child = await LoadChild.start('poll-clients');
      if (WARMUP_SECONDS > 0) warmup = await child.call<PollResult>('poll', pollArgs(s, key.body.key as string, WARMUP_SECONDS));
      const live = await runPhase(s, child, key.body.key as string, 'stream live');
      await s.sim.call('POST', 'feed/refuse', { count: REFUSED_UPGRADES, status: 503 });
      await s.sim.call('POST', 'feed/drop', {});
      const browser = s.browser;
      await waitFor('the stream to be down', async () => (await streamState(browser)) !== 'live', 30_000);
      await waitFor('snapshot reads', async () => (await browser.api('GET', '/api/orders')).body.source === 'snapshot', 30_000);
      const down = await runPhase(s, child, key.body.key as string, 'stream down');
      phases = [live, down];
    } finally {
      await child?.close();
      await s?.close();
    }
    console.log(`wrote ${writeResult('account-polling', report(phases, warmup, limits, loadBefore))}`);
    const [live, down] = phases;
    expect({
      liveReads: withinBudget(live, GOAL.liveReadsPerSecond),
      downReads: withinBudget(down, GOAL.downReadsPerSecond),
      liveP99: live.poll.latency.p99 <= GOAL.p99Ms,
      downP99: down.poll.latency.p99 <= GOAL.p99Ms,
      refused: [refused(live), refused(down)],
    }).toEqual({ liveReads: true, downReads: true, liveP99: true, downP99: true, refused: [0, 0] });
  });
});
