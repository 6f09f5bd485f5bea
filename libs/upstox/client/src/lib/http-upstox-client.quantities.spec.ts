/**
 * Issue 9 contract fixes b and c, over real HTTP against the simulator: MCX quantities go out as lots (the desk
 * keeps units), and an order above the freeze quantity goes out with `slice: true`. The instrument facts come from
 * the simulator's instrument file read by the client's own parser, as the api gets them.
 */
import { Instrument } from '@desk/contracts';
import { eventually, makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { parseInstrumentFile } from './instrument-file';
import { UpstoxApiError } from './upstox-api-error';
import { BrokerPlaceOrder, OrderInstrumentFacts, UpstoxAuth } from './upstox-client';
import { toModifyOrderBody, toPlaceOrderBody } from './upstox-mappers';

const CRUDEOILM = 'MCX_FO|430000';
const NIFTY_CE = 'NSE_FO|48215';
const DEFAULTS = { marketProtection: -1 };

async function caught(p: Promise<unknown>): Promise<UpstoxApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UpstoxApiError) return e;
    throw e;
  }
  throw new Error('expected an UpstoxApiError');
}

const facts = (i: Instrument): OrderInstrumentFacts => ({ instrumentKey: i.instrumentKey, lotSize: i.lotSize, freezeQuantity: i.freezeQuantity });

describe('HttpUpstoxClient against the real simulator: quantities (issue 9 contract fixes b, c)', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  let instruments: Map<string, Instrument>;

  const limit = (o: Partial<BrokerPlaceOrder> & { brokerTag: string; instrumentKey: string }): BrokerPlaceOrder => ({
    transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', price: 100, product: 'I', validity: 'DAY', ...o,
  });

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
    const file = Buffer.from(await (await fetch(`${h.url}/market-quote/instruments/exchange/complete.json`)).arrayBuffer());
    instruments = new Map(parseInstrumentFile(file).map((i) => [i.instrumentKey, i]));
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  it("the parser keeps the file's freeze_quantity (units); indices have none", () => {
    expect(instruments.get(CRUDEOILM)).toMatchObject({ segment: 'MCX_FO', lotSize: 10, freezeQuantity: 1000, tickSize: 1 });
    expect(instruments.get(NIFTY_CE)).toMatchObject({ lotSize: 75, freezeQuantity: 1800 });
    expect(instruments.get('NSE_INDEX|Nifty 50')?.freezeQuantity).toBeNull();
  });

  describe('b. MCX quantities are lots on the wire', () => {
    it('one lot of 10 units goes out as quantity 1; the order book shows 10 units; a modify to 20 units sends 2', async () => {
      const crude = facts(instruments.get(CRUDEOILM) as Instrument);
      const order = limit({ brokerTag: 'mcx-1', instrumentKey: CRUDEOILM, quantity: 10, price: 5900, instrument: crude });
      expect(toPlaceOrderBody(order, DEFAULTS)).toMatchObject({ quantity: 1, slice: false });
      const [id] = (await client.placeOrder(auth, order)).orderIds;
      const open = await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open');
      expect([open.quantity, open.pendingQuantity]).toEqual([10, 10]);

      const change = { orderType: 'LIMIT' as const, validity: 'DAY' as const, price: 5900, quantity: 20 };
      expect(toModifyOrderBody(id, change, null, DEFAULTS, crude)).toMatchObject({ quantity: 2 });
      await client.modifyOrder(auth, id, change, crude);
      const modified = await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open' && o.quantity !== 10);
      expect(modified.quantity).toBe(20);
    });

    it('refuses, without sending, an MCX order whose lot size is unknown or that is not whole lots', async () => {
      const before = await h.calls('POST /v3/order/place');
      const unknown = await caught(client.placeOrder(auth, limit({ brokerTag: 'mcx-2', instrumentKey: CRUDEOILM, quantity: 10, price: 5900 })));
      expect([unknown.code, unknown.outcome]).toEqual(['VALIDATION_FAILED', 'rejected']);
      expect(unknown.message).toMatch(/lot size is not known/);
      const crude = facts(instruments.get(CRUDEOILM) as Instrument);
      const partial = await caught(client.placeOrder(auth, limit({ brokerTag: 'mcx-3', instrumentKey: CRUDEOILM, quantity: 15, price: 5900, instrument: crude })));
      expect(partial.message).toMatch(/15 is not a multiple of the lot size 10/);
      expect(await h.calls('POST /v3/order/place')).toBe(before);
    });

    it('non-MCX quantities stay units', () => {
      const nifty = facts(instruments.get(NIFTY_CE) as Instrument);
      expect(toPlaceOrderBody(limit({ brokerTag: 'nfo', instrumentKey: NIFTY_CE, quantity: 75, instrument: nifty }), DEFAULTS).quantity).toBe(75);
    });
  });

  describe('c. freeze quantity', () => {
    it('above it the order goes out with slice: true and comes back as several orders; at it, one order, slice false', async () => {
      const nifty = facts(instruments.get(NIFTY_CE) as Instrument);
      const big = limit({ brokerTag: 'frz-big', instrumentKey: NIFTY_CE, quantity: 1875, instrument: nifty });
      expect(toPlaceOrderBody(big, DEFAULTS).slice).toBe(true);
      const ids = (await client.placeOrder(auth, big)).orderIds;
      expect(ids).toHaveLength(2);
      const children = await Promise.all(ids.map((id) => eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'open')));
      expect(children.map((o) => o.quantity)).toEqual([1800, 75]);

      const at = limit({ brokerTag: 'frz-at', instrumentKey: NIFTY_CE, quantity: 1800, instrument: nifty });
      expect(toPlaceOrderBody(at, DEFAULTS).slice).toBe(false);
      expect((await client.placeOrder(auth, at)).orderIds).toHaveLength(1);
    });

    it('without the freeze quantity it goes un-sliced, and the simulator rejects it as the exchange does', async () => {
      const [id] = (await client.placeOrder(auth, limit({ brokerTag: 'frz-none', instrumentKey: NIFTY_CE, quantity: 1875 }))).orderIds;
      const rejected = await eventually(() => client.getOrderDetails(auth, id), (o) => o.status === 'rejected');
      expect(rejected.statusMessage).toMatch(/above the exchange's freeze quantity 1800/);
    });
  });
});
