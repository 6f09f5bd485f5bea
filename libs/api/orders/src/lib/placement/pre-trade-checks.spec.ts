import { GatedOrder, Valuation, valuationOf, valuationReason } from './pre-trade-checks';

const order = (over: Partial<GatedOrder>): GatedOrder => ({
  instrumentKey: 'NSE_EQ|INE002A01018',
  transactionType: 'SELL',
  quantity: 800,
  orderType: 'LIMIT',
  price: 0.05,
  ...over,
});

function valued(o: GatedOrder, last: number): Valuation {
  const v = valuationOf(o, last);
  if (!v) throw new Error('expected a valuation');
  return v;
}

describe('the price an order is valued at', () => {
  it('counts a LIMIT or SL order at the higher of its prices and the last price, on both sides', () => {
    expect(valuationOf(order({}), 1420.5)).toEqual({ price: 1420.5, basis: 'last price', lastPrice: 1420.5 });
    expect(valuationOf(order({ transactionType: 'BUY', price: 1 }), 1420.5)).toMatchObject({ price: 1420.5, basis: 'last price' });
    expect(valuationOf(order({ price: 1500 }), 1420.5)).toMatchObject({ price: 1500, basis: 'limit price' });
    // An SL sell with its limit far below the trigger fills near the trigger.
    expect(valuationOf(order({ orderType: 'SL', price: 0.05, triggerPrice: 1400 }), null)).toMatchObject({ price: 1400, basis: 'trigger price' });
    expect(valuationOf(order({ orderType: 'SL-M', price: undefined, triggerPrice: 1500 }), 1420.5)).toMatchObject({ price: 1500, basis: 'trigger price' });
  });

  it('falls back to the limit price without a last price, and cannot value a MARKET order without one', () => {
    expect(valuationOf(order({}), null)).toMatchObject({ price: 0.05, basis: 'limit price', lastPrice: null });
    expect(valuationOf(order({ orderType: 'MARKET', price: undefined }), null)).toBeNull();
    expect(valuationOf(order({ orderType: 'MARKET', price: undefined }), 0)).toBeNull();
    expect(valuationOf(order({ orderType: 'MARKET', price: undefined }), 99.5)).toMatchObject({ price: 99.5, basis: 'last price' });
  });

  it('says why, in the words the refusal uses', () => {
    const sell = order({});
    expect(valuationReason(sell, valued(sell, 1420.5))).toBe(
      'valued at the last price ₹1,420.50, above your limit price ₹0.05, because a SELL LIMIT below the market fills at the market',
    );
    const buy = order({ transactionType: 'BUY', price: 1 });
    expect(valuationReason(buy, valued(buy, 1420.5))).toContain('the higher of the two');
    const market = order({ orderType: 'MARKET', price: undefined });
    expect(valuationReason(market, valued(market, 1420.5))).toBe('valued at the last price ₹1,420.50');
  });
});
