import { limitBuy, OrdersStack, startOrdersStack } from './orders-harness';

/**
 * Issue 9 f: Upstox may answer GET /v2/order/history?tag= for a tag with no orders with an error instead of an
 * empty list. Either answer, an order whose place call had an unknown outcome is resolved (from the order book
 * when history refuses), so the start-up barrier, which waits for exactly these resolutions, is released.
 */
describe('reconciliation when history-by-tag answers an error or an empty list (real api + simulator)', () => {
  let s: OrdersStack;

  beforeAll(async () => {
    s = await startOrdersStack();
  }, 60_000);
  afterAll(() => s?.close());

  for (const mode of ['error', 'empty-list'] as const) {
    it(`resolves both unknown outcomes when a tag with no orders gets ${mode === 'error' ? 'an error' : 'an empty list'}`, async () => {
      await s.sim.call('POST', 'order-history', { empty_tag: mode });
      const historyCalls = await s.sim.calls('GET /v2/order/history');

      // The request never reached the broker: not placed.
      await s.sim.call('POST', 'faults', { route: 'POST /v3/order/place', kind: 'reset-before' });
      const lost = await s.place(limitBuy({ price: 1001, tag: `f-lost-${mode}` }));
      // The broker recorded the order but the answer was lost: placed, found by its tag.
      await s.sim.call('POST', 'faults', { route: 'POST /v3/order/place', kind: 'reset-after' });
      const recorded = await s.place(limitBuy({ price: 1002, tag: `f-kept-${mode}` }));
      // Reconciliation finishes within ORDER_OUTCOME_WAIT_MS, so each answer is already the final one (not 202 unknown).
      expect([lost.status, lost.body.details?.intentStatus, recorded.status]).toEqual([502, 'NOT_PLACED', 201]);

      const [notPlaced, placed] = await Promise.all([s.settle(lost.body.details.intentId), s.settle(recorded.body.intentId)]);
      expect(notPlaced).toMatchObject({ status: 'NOT_PLACED', orderIds: [] });
      const atBroker = (await s.sim.call('GET', 'orders')).body.orders.filter((o: { tag: string }) => o.tag === placed.brokerTag);
      expect(placed).toMatchObject({ status: 'SUBMITTED', orderIds: atBroker.map((o: { order_id: string }) => o.order_id) });
      expect(atBroker).toHaveLength(1);
      // History by tag was asked (and, in error mode, refused) before the order book answered.
      expect(await s.sim.calls('GET /v2/order/history')).toBeGreaterThan(historyCalls);

      // Nothing is held: a new order goes through.
      expect((await s.place(limitBuy({ price: 1003, tag: `f-next-${mode}` }))).status).toBe(201);
    }, 40_000);
  }
});
