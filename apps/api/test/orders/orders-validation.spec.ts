import fc from 'fast-check';
import { limitBuy, OrdersStack, startOrdersStack, waitFor } from './orders-harness';

/** 300 per endpoint in the suite; ORDERS_FUZZ_RUNS=1000 gives the SECURITY.md figure. */
const FUZZ_RUNS = Number(process.env['ORDERS_FUZZ_RUNS'] ?? 300);

/** Any JSON value, biased towards near-miss order bodies (right keys, wrong values). */
function fuzzedPlaceBody(): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  );
  const near = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
  const orderLike = fc.record(
    {
      instrumentKey: near(fc.constantFrom('NSE_EQ|INE002A01018', 'NSE_EQ|INE062A01020', 'NSE_EQ|', 'RELIANCE')),
      transactionType: near(fc.constantFrom('BUY', 'SELL', 'buy')),
      quantity: near(fc.integer({ min: -2, max: 2_000_000 })),
      orderType: near(fc.constantFrom('MARKET', 'LIMIT', 'SL', 'SL-M', 'STOP')),
      product: near(fc.constantFrom('I', 'D', 'MTF', 'CO')),
      validity: near(fc.constantFrom('DAY', 'IOC', 'GTC')),
      price: near(fc.oneof(fc.double({ min: -10, max: 20_000_000, noNaN: true }), fc.constantFrom(0, 1300, 1300.03))),
      triggerPrice: near(fc.double({ min: -10, max: 20_000, noNaN: true })),
      disclosedQuantity: near(fc.integer({ min: -1, max: 10 })),
      tag: near(fc.string({ maxLength: 25 })),
      isAmo: near(fc.boolean()),
      trigger_price: fc.integer(),
    },
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 8, arbitrary: orderLike }, { weight: 1, arbitrary: fc.jsonValue() });
}

/**
 * A 400 for a fuzzed place body says VALIDATION_FAILED; for an object body it names at least one field, each once.
 * Non-object JSON is refused by the api's strict body parser, before the orders module, without field details.
 */
function isGoodRefusal(body: unknown, answer: { code?: unknown; details?: unknown }): boolean {
  if (answer.code !== 'VALIDATION_FAILED') return false;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (!isObject) return true;
  const fields = Array.isArray(answer.details) ? answer.details.map((d: { field: string }) => d.field) : [];
  return fields.length > 0 && new Set(fields).size === fields.length;
}

describe('order input validation (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: { DESK_RATE_LIMIT_PER_SECOND: '100000', DESK_RATE_LIMIT_PER_MINUTE: '1000000' } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('answers 400 with one message per field and never calls Upstox', async () => {
    const before = await s.sim.counts();
    const res = await s.place({
      instrumentKey: 'RELIANCE',
      transactionType: 'HOLD',
      quantity: 1.5,
      orderType: 'LIMIT',
      product: 'D',
      validity: 'DAY',
      triggerPrice: 5,
      tag: 'this tag is far too long',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', title: 'Invalid input' });
    expect(res.body.details).toEqual([
      { field: 'instrumentKey', message: 'Choose an instrument (e.g. NSE_EQ|INE002A01018).' },
      { field: 'transactionType', message: 'Side must be BUY or SELL.' },
      { field: 'quantity', message: 'Quantity must be a whole number greater than 0.' },
      { field: 'price', message: 'Price is required and must be greater than 0 for LIMIT orders.' },
      { field: 'triggerPrice', message: 'Trigger price must be empty for LIMIT orders.' },
      { field: 'tag', message: "Tag can have at most 20 letters, digits, '-' or '_'." },
    ]);
    expect(await s.sim.counts()).toEqual(before);
  });

  it('checks the tick size of the instrument and the SL trigger side', async () => {
    const before = await s.sim.placeCalls();
    const tick = await s.place(limitBuy({ price: 1300.03 }));
    expect(tick.body.details).toEqual([{ field: 'price', message: 'Price must be a multiple of the tick size ₹0.05.' }]);
    const sl = await s.place(limitBuy({ orderType: 'SL', price: 1500, triggerPrice: 1510 }));
    expect(sl.body.details).toEqual([{ field: 'triggerPrice', message: 'For an SL buy, the trigger price must not be above the price.' }]);
    const unknownField = await s.place({ ...limitBuy(), trigger_price: 1 });
    expect(unknownField.body.details).toEqual([{ field: 'trigger_price', message: "Unknown field 'trigger_price'." }]);
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it('refuses malformed JSON, wrong content types and bad Idempotency-Keys without calling Upstox', async () => {
    const before = await s.sim.placeCalls();
    const broken = await s.browser.api('POST', '/api/orders', '{"instrumentKey": ', { 'idempotency-key': 'k-broken' });
    expect(broken.status).toBe(400);
    const array = await s.place([limitBuy()]);
    expect(array.status).toBe(400);
    const form = await s.browser.api('POST', '/api/orders', 'quantity=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const badKey = await s.place(limitBuy(), 'bad key with spaces');
    expect(badKey.status).toBe(400);
    expect(badKey.body.details[0].field).toBe('Idempotency-Key');
    expect(await s.sim.placeCalls()).toBe(before);
  });

  it(`survives ${FUZZ_RUNS} fuzzed place bodies: 0 x 5xx, Upstox called only for accepted orders`, async () => {
    const bodies = fc.sample(fuzzedPlaceBody(), { numRuns: FUZZ_RUNS, seed: 20261128 });
    const before = await s.sim.placeCalls();
    const statuses = new Map<number, number>();
    let accepted = 0;
    const badRefusals: unknown[] = [];
    for (const body of bodies) {
      const res = await s.place(body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201 || res.status === 202) accepted++;
      if (res.status === 400 && !isGoodRefusal(body, res.body)) badRefusals.push({ body, answer: res.body });
      expect(res.status).toBeLessThan(500);
    }
    // Every 400 is VALIDATION_FAILED, with at least one detail and one per field for an object body.
    expect(badRefusals).toEqual([]);
    expect(await s.sim.placeCalls()).toBe(before + accepted);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(FUZZ_RUNS / 2);
  }, 120_000);

  it(`survives ${FUZZ_RUNS} fuzzed modify bodies: 0 x 5xx, Upstox called only for accepted changes`, async () => {
    const placed = await s.place(limitBuy({ price: 1000 }));
    const id = placed.body.orderIds[0] as string;
    await waitFor('open', async () => (await s.browser.api('GET', `/api/orders/${id}`)).body.order.status === 'open');
    const junk = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.constant(null), fc.boolean());
    const modify = fc.record(
      {
        orderType: fc.oneof(fc.constantFrom('LIMIT', 'MARKET', 'SL', 'SL-M', 'x'), junk),
        validity: fc.oneof(fc.constantFrom('DAY', 'IOC'), junk),
        quantity: fc.oneof(fc.integer({ min: -1, max: 5 }), junk),
        price: fc.oneof(fc.constantFrom(0, 990, 990.02), junk),
        triggerPrice: fc.oneof(fc.constantFrom(0, 980), junk),
        disclosedQuantity: fc.oneof(fc.integer({ min: -1, max: 3 }), junk),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.sample(fc.oneof({ weight: 9, arbitrary: modify }, { weight: 1, arbitrary: fc.jsonValue() }), {
      numRuns: FUZZ_RUNS,
      seed: 7,
    });
    const before = await s.sim.calls('PUT /v3/order/modify');
    let sent = 0;
    for (const body of bodies) {
      const res = await s.browser.api('PUT', `/api/orders/${id}`, body);
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) sent++;
      // Upstox-side refusals (the order is mid-modify) still count as one call each.
      if (res.status !== 400 && res.status !== 200 && res.body?.upstoxCode) sent++;
    }
    expect(await s.sim.calls('PUT /v3/order/modify')).toBe(before + sent);
  }, 120_000);

  it(`survives ${FUZZ_RUNS} fuzzed kill-switch bodies and instrument queries: 0 x 5xx, 0 Upstox calls`, async () => {
    const before = await s.sim.counts();
    const bodies = fc.sample(fc.oneof(fc.record({ enabled: fc.oneof(fc.boolean(), fc.string(), fc.integer(), fc.constant(null)) }, { requiredKeys: [] }), fc.jsonValue()), {
      numRuns: FUZZ_RUNS,
      seed: 11,
    });
    for (const body of bodies) {
      const res = await s.browser.api('PUT', '/api/orders/kill-switch', body);
      const valid = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && typeof (body as { enabled?: unknown }).enabled === 'boolean';
      expect(res.status).toBe(valid ? 200 : 400);
    }
    expect((await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: false })).body.enabled).toBe(false);
    const queries = fc.sample(fc.string({ maxLength: 80, unit: 'binary' }), { numRuns: FUZZ_RUNS, seed: 12 });
    for (const q of queries) {
      const res = await s.browser.api('GET', `/api/instruments?query=${encodeURIComponent(q)}`);
      expect(res.status).toBeLessThan(500);
      expect(res.status === 200 ? res.body.instruments.length : 0).toBeLessThanOrEqual(20);
    }
    // Queries that match instruments are valid searches: loading the master and quoting the matches'
    // last prices are expected reads. Nothing else may reach Upstox.
    const expectedReads = (route: string) => route.includes('/instruments/') || route.includes('/market-quote/');
    const after = Object.fromEntries(Object.entries(await s.sim.counts()).filter(([route]) => !expectedReads(route)));
    const beforeApi = Object.fromEntries(Object.entries(before).filter(([route]) => !expectedReads(route)));
    expect(after).toEqual(beforeApi);
  }, 120_000);
});
