import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { serve } from './rpc';
import { loadMeter, ProcessLoad, summarize, Summary } from './stats';

/**
 * Load generator (child process): CLIENTS pollers, each GETting one URL once per period with one API key over
 * its own keep-alive agent with one socket (CLIENTS sockets in all, kept across phases), like that many
 * separate scripts. (One shared agent would reuse its most recent sockets first and leave others idle past
 * the server's 5 s keep-alive timeout, so that some requests race the server closing them: ECONNRESET.)
 * Client i starts at i/CLIENTS of the spread, then on its own fixed ticks; a
 * response slower than a period makes the next request go out at once (no overlap per client), counted as late.
 */
export interface PollArgs {
  url: string;
  apiKey: string;
  clients: number;
  durationMs: number;
  periodMs: number;
  spreadMs: number;
  /** Answers slower than this are counted per second of the phase (do slow answers come in bursts?). */
  slowMs: number;
}

export interface PollResult {
  requests: number;
  ok: number;
  /** Every non-200 answer, by status. */
  refusedByStatus: Record<string, number>;
  /** Requests that got no answer (socket error or 30 s timeout), by error code. */
  errors: Record<string, number>;
  /** `source` of the 200 answers (stream / snapshot). */
  sources: Record<string, number>;
  /** Every answered request, sent -> last byte, ms. */
  latency: Summary;
  /** Ticks whose request could not go out on time because the previous answer came later. */
  late: number;
  /** Per second of the phase (by send time): how many answers took longer than slowMs. */
  slowPerSecond: number[];
  elapsedMs: number;
  generator: ProcessLoad;
}

const agents: Agent[] = [];

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const SOURCE = /"source":"([a-z]+)"/;

async function poll(a: PollArgs): Promise<PollResult> {
  while (agents.length < a.clients) agents.push(new Agent({ keepAlive: true, maxSockets: 1 }));
  const headers = { authorization: `Bearer ${a.apiKey}`, accept: 'application/json' };
  const latencies: number[] = [];
  const refusedByStatus: Record<string, number> = {};
  const sources: Record<string, number> = {};
  let requests = 0;
  let ok = 0;
  const errors: Record<string, number> = {};
  let late = 0;
  const slowPerSecond = Array.from({ length: Math.ceil(a.durationMs / 1000) + 1 }, () => 0);
  const meter = loadMeter();
  const t0 = performance.now();
  const end = t0 + a.durationMs;

  async function client(agent: Agent, start: number): Promise<void> {
    let next = start;
    while (next < end) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      requests++;
      try {
        const res = await get(agent, a.url, headers);
        const took = performance.now() - sent;
        latencies.push(took);
        if (took > a.slowMs) slowPerSecond[Math.floor((sent - t0) / 1000)]++;
        if (res.status === 200) {
          ok++;
          const source = SOURCE.exec(res.body)?.[1] ?? 'none';
          sources[source] = (sources[source] ?? 0) + 1;
        } else refusedByStatus[res.status] = (refusedByStatus[res.status] ?? 0) + 1;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        errors[code] = (errors[code] ?? 0) + 1;
      }
      next += a.periodMs;
      const now = performance.now();
      if (now > next) {
        late++;
        next = now;
      }
    }
  }

  await Promise.all(Array.from({ length: a.clients }, (_, i) => client(agents[i], t0 + (i * a.spreadMs) / a.clients)));
  const elapsedMs = performance.now() - t0;
  return { requests, ok, refusedByStatus, errors, sources, latency: summarize(latencies), late, slowPerSecond, elapsedMs, generator: meter.stop() };
}

serve({
  poll: (a: PollArgs) => poll(a),
  close: () => {
    agents.splice(0).forEach((agent) => agent.destroy());
    return true;
  },
});
