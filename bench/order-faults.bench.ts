import { FAULTS, FaultRun, prng, runFault } from '../apps/api/test/orders/fault-runs';
import { limitBuy, OrdersStack, startOrdersStack } from '../apps/api/test/orders/orders-harness';
import { environmentLine, writeResult } from './report';

/**
 * SECURITY.md figure: "Ambiguous broker faults (timeout, reset after accept, 5xx after accept),
 * 500 randomized runs -> 0 duplicates, 0 automatic re-placements, every intent resolved".
 * Real api + real simulator over HTTP. Runs: BENCH_FAULT_RUNS (500), seed: BENCH_SEED (20261128).
 */
const RUNS = Number(process.env['BENCH_FAULT_RUNS'] ?? 500);
const SEED = Number(process.env['BENCH_SEED'] ?? 20261128);

describe('order fault benchmark', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({
      env: {
        UPSTOX_TIMEOUT_MS: '800',
        ORDER_RECONCILE_DELAYS_MS: '150,400,900',
        ORDER_OUTCOME_WAIT_MS: '3000',
        DESK_RATE_LIMIT_PER_SECOND: '100000',
        DESK_RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it(`${RUNS} randomized runs`, async () => {
    const random = prng(SEED);
    const runs: FaultRun[] = [];
    const started = Date.now();
    for (let n = 0; n < RUNS; n++) {
      const pick = Math.floor(random() * (FAULTS.length + 1));
      if (pick === FAULTS.length) {
        const res = await s.place(limitBuy({ price: 900 + (n % 100) }));
        runs.push({ fault: 'none', response: res.status, final: 'SUBMITTED', atBroker: 1, placeCalls: 1, ok: res.status === 201 });
      } else {
        runs.push(await runFault(s, FAULTS[pick], n));
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const intents = (await s.browser.api('GET', '/api/order-intents')).body as { status: string }[];
    const byFault = new Map<string, FaultRun[]>();
    for (const r of runs) byFault.set(r.fault, [...(byFault.get(r.fault) ?? []), r]);
    const duplicates = runs.reduce((n, r) => n + Math.max(0, r.atBroker - 1), 0);
    const rePlacements = runs.reduce((n, r) => n + Math.max(0, r.placeCalls - 1), 0);
    const unresolved = runs.filter((r) => r.final === 'PENDING_SUBMIT' || r.final === 'UNKNOWN').length;
    const failed = runs.filter((r) => !r.ok);
    const lines = [
      '# Order fault benchmark',
      '',
      `${environmentLine()}; ${RUNS} runs, seed ${SEED}, ${seconds.toFixed(1)} s.`,
      'Real api + real simulator over HTTP; one fault per run on `POST /v3/order/place`; UPSTOX_TIMEOUT_MS=800,',
      'ORDER_RECONCILE_DELAYS_MS=150,400,900. A run is correct when the broker got exactly one place call and the',
      "journal's final status matches the broker's truth (SUBMITTED with the same ids when the order exists, else NOT_PLACED).",
      '',
      '| Figure | Value |',
      '|---|---|',
      `| Runs | ${runs.length} |`,
      `| Duplicate orders at the broker | ${duplicates} |`,
      `| Automatic re-placements (extra place calls) | ${rePlacements} |`,
      `| Intents left unresolved | ${unresolved} |`,
      `| Runs with any problem | ${failed.length} |`,
      '',
      '| Fault | Runs | HTTP answers | Final statuses |',
      '|---|---|---|---|',
      ...[...byFault.entries()].map(([fault, rs]) => {
        const count = (f: (r: FaultRun) => string | number) => {
          const m = new Map<string, number>();
          for (const r of rs) m.set(String(f(r)), (m.get(String(f(r))) ?? 0) + 1);
          return [...m.entries()].map(([k, v]) => `${k}: ${v}`).join(', ');
        };
        return `| ${fault} | ${rs.length} | ${count((r) => r.response)} | ${count((r) => r.final)} |`;
      }),
      '',
      `Journal after the runs: ${intents.length} intents (of the last 100 listed), statuses ${[...new Set(intents.map((i) => i.status))].join(', ')}.`,
      ...(failed.length ? ['', '## Problems', ...failed.slice(0, 50).map((r) => `- ${r.fault}: ${r.problem}`)] : []),
    ];
    const file = writeResult('order-faults', lines);
    console.log(`wrote ${file}`);
    expect({ duplicates, rePlacements, unresolved, failed: failed.length }).toEqual({ duplicates: 0, rePlacements: 0, unresolved: 0, failed: 0 });
  });
});
