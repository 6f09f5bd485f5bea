import { FAULTS, FaultRun, prng, runFault } from './fault-runs';
import { limitBuy, OrdersStack, startOrdersStack } from './orders-harness';

const RANDOM_RUNS = 40;

/** Ambiguous broker faults on the place call: 0 duplicates, 0 automatic re-placements, every intent resolved. */
describe('orders under broker faults (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({
      env: { UPSTOX_TIMEOUT_MS: '800', ORDER_RECONCILE_DELAYS_MS: '150,400,900', ORDER_OUTCOME_WAIT_MS: '3000' },
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it.each(FAULTS.map((f, i) => [f.name, i] as const))('%s: one call, the journal matches the broker', async (_name, i) => {
    const run = await runFault(s, FAULTS[i], 1000 + i);
    expect(run.problem).toBeUndefined();
    expect(run).toMatchObject({ ok: true, placeCalls: 1, final: FAULTS[i].recorded ? 'SUBMITTED' : 'NOT_PLACED' });
  }, 30_000);

  it('answers 201 with the order id when reconciliation finds a reset-after order quickly', async () => {
    await s.sim.fault('POST /v3/order/place', 'reset-after', { count: 1 });
    const res = await s.place(limitBuy({ price: 1011 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'placed', orderIds: [expect.any(String)] });
  });

  it('answers a clear "not placed" error when the broker never recorded it', async () => {
    await s.sim.fault('POST /v3/order/place', 'reset-before', { count: 1 });
    const res = await s.place(limitBuy({ price: 1012 }));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringContaining('not placed'), nextStep: expect.any(String) });
  });

  it(`${RANDOM_RUNS} randomized fault runs: 0 duplicates, 0 re-placements, every intent resolved`, async () => {
    const random = prng(424242);
    const runs: FaultRun[] = [];
    for (let n = 0; n < RANDOM_RUNS; n++) {
      // One run in five has no fault at all, so the api is also checked between faults.
      const pick = Math.floor(random() * (FAULTS.length + 2));
      if (pick >= FAULTS.length) {
        const res = await s.place(limitBuy({ price: 1100 + n }));
        runs.push({ fault: 'none', response: res.status, final: 'SUBMITTED', atBroker: 1, placeCalls: 1, ok: res.status === 201 });
        continue;
      }
      runs.push(await runFault(s, FAULTS[pick], n));
    }
    const failed = runs.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    expect(runs.reduce((n, r) => n + Math.max(0, r.atBroker - 1), 0)).toBe(0);
    const intents = await s.browser.api('GET', '/api/order-intents');
    const unresolved = (intents.body as { status: string }[]).filter((i) => i.status === 'PENDING_SUBMIT' || i.status === 'UNKNOWN');
    expect(unresolved).toEqual([]);
  }, 240_000);
});
