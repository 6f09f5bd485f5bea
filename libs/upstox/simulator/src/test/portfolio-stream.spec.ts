/**
 * The portfolio stream's `position` and `holding` messages (CONTRACT §9.1): exact field sets, the order a fill's
 * messages go out in, and agreement with the REST positions and holdings after every fill.
 */
import { FeedClient } from './feed-client';
import { INFY, Loose, RELIANCE, SimHarness } from './harness';

const sorted = (o: object): string[] => Object.keys(o).sort();

/** §6.1 position fields minus pnl and last_price, plus update_type and instrument_key. */
const POSITION_MESSAGE_FIELDS = [
  'update_type', 'exchange', 'multiplier', 'value', 'product', 'instrument_token', 'instrument_key', 'average_price',
  'buy_value', 'overnight_quantity', 'day_buy_value', 'day_buy_price', 'overnight_buy_amount', 'overnight_buy_quantity',
  'day_buy_quantity', 'day_sell_value', 'day_sell_price', 'overnight_sell_amount', 'overnight_sell_quantity',
  'day_sell_quantity', 'quantity', 'unrealised', 'realised', 'sell_value', 'trading_symbol', 'tradingsymbol',
  'close_price', 'buy_price', 'sell_price',
];
/** §9.1 holding fields plus update_type, instrument_token and trading_symbol. */
const HOLDING_MESSAGE_FIELDS = [
  'update_type', 'isin', 'cnc_used_quantity', 'collateral_type', 'collateral_quantity', 'collateral_update_quantity',
  'company_name', 'haircut', 'product', 'quantity', 't1_quantity', 'average_price', 'exchange', 'instrument_token',
  'trading_symbol',
];

async function restPosition(h: SimHarness, instrumentKey: string, product: string): Promise<Loose> {
  const rows: Loose[] = (await h.http('GET', '/v2/portfolio/short-term-positions')).body.data;
  return rows.find((p) => p.instrument_token === instrumentKey && p.product === product);
}

async function restHolding(h: SimHarness, instrumentKey: string): Promise<Loose> {
  const rows: Loose[] = (await h.http('GET', '/v2/portfolio/long-term-holdings')).body.data;
  return rows.find((x) => x.instrument_token === instrumentKey);
}

/** Every message field equals the REST row's, except the stream's own `exchange` (segment) and `instrument_key`. */
function expectMatchesRest(message: Loose, rest: Loose, streamOnly: string[]): void {
  for (const field of Object.keys(message)) {
    if (field === 'update_type' || streamOnly.includes(field)) continue;
    expect([field, message[field]]).toEqual([field, rest[field]]);
  }
}

/**
 * Places an order on `client`'s socket as a marker and waits for its first message: the socket keeps order, so
 * anything published before the marker has arrived by then (lets a test assert that something was NOT sent).
 */
async function flushWithMarker(h: SimHarness, client: FeedClient): Promise<void> {
  const marker = await h.place({ order_type: 'LIMIT', price: 1000, tag: 'marker' });
  await client.waitFor((m) => m.update_type === 'order' && m.order_id === marker);
}

describe('portfolio stream: position and holding messages', () => {
  let h: SimHarness;
  let feed: FeedClient;
  beforeEach(async () => {
    h = await SimHarness.start();
    feed = await FeedClient.open(h, 'order,position,holding');
  });
  afterEach(async () => {
    feed.close();
    await h.close();
  });

  it('a delivery sell of a holding sends order, then position, then holding, with the exact field sets', async () => {
    const id = await h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity: 3, product: 'D' });
    await h.waitForStatus(id, 'complete');
    const complete = await feed.waitFor((m) => m.order_id === id && m.status === 'complete');
    await feed.waitFor((m) => m.update_type === 'holding');

    const [position, holding] = feed.messages.slice(complete + 1, complete + 3);
    expect([position.update_type, holding.update_type]).toEqual(['position', 'holding']);
    expect(feed.ofType('position')).toHaveLength(1);
    expect(feed.ofType('holding')).toHaveLength(1);

    expect(sorted(position)).toEqual([...POSITION_MESSAGE_FIELDS].sort());
    expect(position).not.toHaveProperty('pnl');
    expect(position).not.toHaveProperty('last_price');
    expect(position).toMatchObject({
      exchange: 'NSE_EQ',
      instrument_token: INFY,
      instrument_key: INFY,
      product: 'D',
      quantity: -3,
      day_sell_quantity: 3,
      day_buy_quantity: 0,
      sell_price: 1552.8,
      trading_symbol: 'INFY',
      tradingsymbol: 'INFY',
    });

    expect(sorted(holding)).toEqual([...HOLDING_MESSAGE_FIELDS].sort());
    expect(holding).toEqual({
      update_type: 'holding',
      isin: 'INE009A01021',
      cnc_used_quantity: 3,
      collateral_type: 'WC',
      collateral_quantity: 0,
      collateral_update_quantity: 0,
      company_name: 'INFOSYS LIMITED',
      haircut: 0.2,
      product: 'D',
      quantity: 10,
      t1_quantity: 0,
      average_price: 1482.25,
      exchange: 'NSE',
      instrument_token: INFY,
      trading_symbol: 'INFY',
    });

    const rest = await restPosition(h, INFY, 'D');
    expect(rest.exchange).toBe('NSE'); // REST keeps the short exchange name; the stream gives the segment
    expectMatchesRest(position, rest, ['exchange', 'instrument_key']);
    expectMatchesRest(holding, await restHolding(h, INFY), []);
  });

  it('partial fills: every fill moves the position; the holding follows until cnc_used_quantity is the whole holding', async () => {
    const id = await h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity: 10, product: 'D', order_type: 'LIMIT', price: 1600 });
    await h.waitForStatus(id, 'open');

    const fill = async (quantity: number, positions: number, holdings: number) => {
      expect((await h.control('POST', '/__sim/fill', { order_id: id, quantity })).status).toBe(200);
      await feed.waitFor(() => feed.ofType('position').length === positions);
      await flushWithMarker(h, feed);
      expect(feed.ofType('holding')).toHaveLength(holdings);
    };

    await fill(4, 1, 1);
    expect(feed.ofType('position')[0]).toMatchObject({ quantity: -4, day_sell_quantity: 4, sell_price: 1600, average_price: 1600 });
    expect(feed.ofType('holding')[0]).toMatchObject({ quantity: 10, cnc_used_quantity: 4 });
    expectMatchesRest(feed.ofType('holding')[0], await restHolding(h, INFY), []);

    await fill(6, 2, 2);
    expect(feed.ofType('position')[1]).toMatchObject({ quantity: -10, day_sell_quantity: 10 });
    expect(feed.ofType('holding')[1]).toMatchObject({ quantity: 10, cnc_used_quantity: 10 });
    expectMatchesRest(feed.ofType('position')[1], await restPosition(h, INFY, 'D'), ['exchange', 'instrument_key']);

    // Selling more than is held is rejected (contract fix d): no trade, so no position or holding message.
    const more = await h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity: 1, product: 'D' });
    expect((await h.waitForStatus(more, 'rejected')).status_message).toMatch(/^Insufficient holdings/);
    await flushWithMarker(h, feed);
    expect([feed.ofType('position').length, feed.ofType('holding').length]).toEqual([2, 2]);
    expect((await restHolding(h, INFY)).cnc_used_quantity).toBe(10);
  });

  it('a delivery buy and an intraday sell move positions only; each position is per instrument and product', async () => {
    const buy = await h.place({ instrument_token: RELIANCE, quantity: 2, product: 'D' });
    await h.waitForStatus(buy, 'complete');
    const intradaySell = await h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity: 1, product: 'I' });
    await h.waitForStatus(intradaySell, 'complete');
    await feed.waitFor(() => feed.ofType('position').length === 2);
    await flushWithMarker(h, feed);

    expect(feed.ofType('holding')).toEqual([]);
    const [reliance, infy] = feed.ofType('position');
    expect(reliance).toMatchObject({ instrument_key: RELIANCE, product: 'D', quantity: 2, buy_price: 1420.5, exchange: 'NSE_EQ' });
    expect(infy).toMatchObject({ instrument_key: INFY, product: 'I', quantity: -1, exchange: 'NSE_EQ' });
    expectMatchesRest(reliance, await restPosition(h, RELIANCE, 'D'), ['exchange', 'instrument_key']);
    expectMatchesRest(infy, await restPosition(h, INFY, 'I'), ['exchange', 'instrument_key']);
    expect((await restHolding(h, INFY)).cnc_used_quantity).toBe(0);
  });

  it('each socket gets only the update types it asked for (orders only when update_types is omitted)', async () => {
    const ordersOnly = await FeedClient.open(h, '');
    const portfolioOnly = await FeedClient.open(h, 'position,holding');
    try {
      const id = await h.place({ instrument_token: INFY, transaction_type: 'SELL', quantity: 2, product: 'D' });
      await h.waitForStatus(id, 'complete');
      await portfolioOnly.waitFor((m) => m.update_type === 'holding');
      await flushWithMarker(h, ordersOnly);

      expect(new Set(ordersOnly.messages.map((m) => m.update_type))).toEqual(new Set(['order']));
      expect(portfolioOnly.messages.map((m) => m.update_type)).toEqual(['position', 'holding']);
    } finally {
      ordersOnly.close();
      portfolioOnly.close();
    }
  });
});
