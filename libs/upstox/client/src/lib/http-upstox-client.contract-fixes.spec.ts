/**
 * Issue 9 item 7, the contract fixes a-g: the client and the simulator agree, proved over real HTTP
 * (the client here, the simulator's own suite in libs/upstox/simulator/src/test/contract-fixes.spec.ts).
 */
import { eventually, makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxApiError } from './upstox-api-error';
import { errorFromUpstoxResponse } from './upstox-error-map';
import { BrokerPlaceOrder, UpstoxAuth } from './upstox-client';

const RELIANCE = 'NSE_EQ|INE002A01018';

async function caught(p: Promise<unknown>): Promise<UpstoxApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UpstoxApiError) return e;
    throw e;
  }
  throw new Error('expected an UpstoxApiError');
}

interface SimOrderRecord {
  order_id: string;
  tag: string | null;
  status: string;
  quantity: number;
  order_type: string;
  market_protection: number | null;
}

describe('HttpUpstoxClient against the real simulator: contract fixes (issue 9)', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;

  const order = (o: Partial<BrokerPlaceOrder> & { brokerTag: string }): BrokerPlaceOrder => ({
    instrumentKey: RELIANCE, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY', ...o,
  });
  const records = async (): Promise<SimOrderRecord[]> => (await h.control<{ orders: SimOrderRecord[] }>('GET', 'orders')).orders;
  const record = async (id: string): Promise<SimOrderRecord | undefined> => (await records()).find((o) => o.order_id === id);

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  describe('a. market protection', () => {
    it('sends the default (-1) or the chosen value with every MARKET and SL-M place, none with LIMIT', async () => {
      const market = (await client.placeOrder(auth, order({ brokerTag: 'mp-default' }))).orderIds[0];
      const slm = (await client.placeOrder(auth, order({ brokerTag: 'mp-slm', orderType: 'SL-M', triggerPrice: 1500, marketProtection: 4 }))).orderIds[0];
      const limit = (await client.placeOrder(auth, order({ brokerTag: 'mp-limit', orderType: 'LIMIT', price: 1000 }))).orderIds[0];
      expect([(await record(market))?.market_protection, (await record(slm))?.market_protection, (await record(limit))?.market_protection]).toEqual([
        -1, 4, null,
      ]);
    });

    it('sends it with a modify to MARKET (the simulator refuses one without it) and the setting is honoured', async () => {
      const other = makeClient({ marketProtection: 9 });
      try {
        const id = (await other.placeOrder(auth, order({ brokerTag: 'mp-mod', orderType: 'LIMIT', price: 1000 }))).orderIds[0];
        await eventually(() => other.getOrderDetails(auth, id), (o) => o.status === 'open');
        await other.modifyOrder(auth, id, { orderType: 'MARKET', validity: 'DAY', quantity: 1 });
        await eventually(() => other.getOrderDetails(auth, id), (o) => o.status === 'complete');
        expect(await record(id)).toMatchObject({ order_type: 'MARKET', market_protection: 9 });
      } finally {
        other.close();
      }
    });

    it('maps a UDAPI1158 refusal to a field error on marketProtection with the new advice', async () => {
      // A raw MARKET place without the field, as an older client would send it.
      const res = await fetch(`${h.url}/v3/order/place`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${auth.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          quantity: 1, product: 'I', validity: 'DAY', price: 0, instrument_token: RELIANCE, order_type: 'MARKET',
          transaction_type: 'BUY', disclosed_quantity: 0, trigger_price: 0, is_amo: false,
        }),
      });
      const body = (await res.json()) as { errors: { error_code: string; message: string }[] };
      expect([res.status, body.errors[0].error_code, body.errors[0].message]).toEqual([
        400, 'UDAPI1158', 'Market orders are not allowed. Try placing an order with market protection.',
      ]);
      const err = errorFromUpstoxResponse({ method: 'POST', path: '/v3/order/place', write: true }, res.status, body);
      expect([err.code, err.upstoxCode, err.outcome, err.details]).toEqual([
        'VALIDATION_FAILED', 'UDAPI1158', 'rejected', [{ field: 'marketProtection', message: expect.stringMatching(/without market protection/) }],
      ]);
      expect(err.nextStep).toMatch(/market protection/);
      expect(err.nextStep).not.toMatch(/limit order instead/);
    });
  });

  describe('g. statuses of a refused modify and cancel', () => {
    it('reads modify validation pending / not modified / not cancelled with working or pending classes', async () => {
      const id = (await client.placeOrder(auth, order({ brokerTag: 'g-refused', orderType: 'LIMIT', price: 1000 }))).orderIds[0];
      await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open');
      await h.control('POST', 'exchange-refusal', { action: 'modify' });
      await client.modifyOrder(auth, id, { orderType: 'LIMIT', validity: 'DAY', price: 1005, quantity: 1 });
      await eventually(() => client.getOrderHistory(auth, { orderId: id }), (rows) => rows.at(-1)?.status === 'open' && rows.some((r) => r.status === 'not modified'));
      await h.control('POST', 'exchange-refusal', { action: 'cancel' });
      await client.cancelOrder(auth, id);
      const rows = await eventually(() => client.getOrderHistory(auth, { orderId: id }), (r) => r.some((x) => x.status === 'not cancelled') && r.at(-1)?.status === 'open');
      const classes = Object.fromEntries(rows.map((r) => [r.status, r.statusClass]));
      expect(classes).toMatchObject({
        'modify validation pending': 'pending', 'not modified': 'working', 'not cancelled': 'working', open: 'working',
      });
      expect(rows.find((r) => r.status === 'not modified')?.statusMessage).toMatch(/rejected by the exchange/);
      expect(await client.getOrderDetails(auth, id)).toMatchObject({ status: 'open', price: 1000, statusClass: 'working' });
    });
  });

  describe('f. history by a tag with no orders', () => {
    it('reads [] or, when Upstox answers an error, a rejected UpstoxApiError with the 400 (the reconciler then reads the order book)', async () => {
      expect(await client.getOrderHistory(auth, { tag: 'f-none' })).toEqual([]);
      await h.control('POST', 'order-history', { empty_tag: 'error' });
      const err = await caught(client.getOrderHistory(auth, { tag: 'f-none' }));
      expect([err.upstoxCode, err.upstreamStatus, err.outcome]).toEqual(['UDAPI100010', 400, 'rejected']);
      expect(await h.calls('GET /v2/order/history')).toBe(2); // a 400 is not retried
    });
  });

  describe('e. unknown instrument key', () => {
    it('is refused with UDAPI100011 and reported on instrumentKey', async () => {
      const err = await caught(client.placeOrder(auth, order({ brokerTag: 'unknown-key', instrumentKey: 'NSE_EQ|INE000X00000' })));
      expect([err.code, err.upstoxCode, err.outcome, err.details]).toEqual([
        'VALIDATION_FAILED', 'UDAPI100011', 'rejected', [{ field: 'instrumentKey', message: 'Upstox does not know this instrument key.' }],
      ]);
      expect(await records()).toEqual([]);
    });
  });
});
