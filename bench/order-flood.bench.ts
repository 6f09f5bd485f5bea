import { flood, FloodResult, WRITE_LIMIT_PER_SECOND } from '../apps/api/test/orders/flood';
import { OrdersStack, startOrdersStack } from '../apps/api/test/orders/orders-harness';
import { environmentLine, writeResult } from './report';

/**
 * SECURITY.md figure: "Order writes in any 1 s window under a flood -> at most the configured limit,
 * 0 broker 429s". Each round starts a fresh stack (cold start included) and fires BENCH_FLOOD_SIZE (40)
 * writes at once; BENCH_FLOOD_ROUNDS (10) rounds.
 */
const SIZE = Number(process.env['BENCH_FLOOD_SIZE'] ?? 40);
const ROUNDS = Number(process.env['BENCH_FLOOD_ROUNDS'] ?? 10);

describe('order flood benchmark', () => {
  it(`${ROUNDS} rounds of ${SIZE} concurrent writes`, async () => {
    const results: FloodResult[] = [];
    let s: OrdersStack | null = null;
    try {
      s = await startOrdersStack({ env: { DESK_RATE_LIMIT_PER_SECOND: '100000', DESK_RATE_LIMIT_PER_MINUTE: '1000000' } });
      for (let round = 0; round < ROUNDS; round++) {
        results.push(await flood(s, SIZE, `fl${round}`));
        // Let the per-second window drain so rounds do not overlap.
        await new Promise((r) => setTimeout(r, 2_000));
      }
    } finally {
      await s?.close();
    }
    const max = Math.max(...results.map((r) => r.maxPerSecond));
    const broker429 = results.reduce((n, r) => n + r.brokerRateLimited, 0);
    const lines = [
      '# Order flood benchmark',
      '',
      `${environmentLine()}; ${ROUNDS} rounds of ${SIZE} concurrent POST /api/orders (distinct Idempotency-Keys).`,
      `Outbound write limiter: ${WRITE_LIMIT_PER_SECOND}/s (Upstox allows 10/s; the simulator enforces 10/s with a sliding window).`,
      'Orders per second are counted from the time each order reached the simulator (first history entry, 1 s resolution);',
      'the simulator itself refuses (429) any 11th write within a sliding 1 s window, so 0 broker 429s bounds every window at 10.',
      '',
      '| Figure | Value |',
      '|---|---|',
      `| Most orders reaching the broker in one second | ${max} |`,
      `| Broker 429s (UDAPI10005) | ${broker429} |`,
      '',
      '| Round | Placed | Refused locally (429 RATE_LIMITED) | Broker 429s | Place calls | Max per second |',
      '|---|---|---|---|---|---|',
      ...results.map((r, i) => `| ${i + 1} | ${r.placed} | ${r.refusedLocally} | ${r.brokerRateLimited} | ${r.placeCalls} | ${r.maxPerSecond} |`),
    ];
    console.log(`wrote ${writeResult('order-flood', lines)}`);
    expect({ max: max <= WRITE_LIMIT_PER_SECOND, broker429 }).toEqual({ max: true, broker429: 0 });
  });
});
