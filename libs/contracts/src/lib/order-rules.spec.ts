import { validateModifyOrder, validatePlaceOrder } from './order-rules';
import { PlaceOrderRequest } from './orders';

const limitBuy: PlaceOrderRequest = {
  instrumentKey: 'NSE_EQ|INE002A01018',
  transactionType: 'BUY',
  quantity: 10,
  orderType: 'LIMIT',
  product: 'D',
  validity: 'DAY',
  price: 1234.5,
};
const fields = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('validatePlaceOrder', () => {
  it('accepts a valid limit order', () => {
    expect(validatePlaceOrder(limitBuy, { lotSize: 1, tickSize: 0.05 })).toEqual([]);
  });

  it('requires a price for LIMIT and SL, and forbids one for MARKET and SL-M', () => {
    expect(fields(validatePlaceOrder({ ...limitBuy, price: undefined }))).toEqual(['price']);
    expect(fields(validatePlaceOrder({ ...limitBuy, orderType: 'MARKET' }))).toEqual(['price']);
    expect(validatePlaceOrder({ ...limitBuy, orderType: 'MARKET', price: 0 })).toEqual([]);
    expect(fields(validatePlaceOrder({ ...limitBuy, orderType: 'SL-M', price: undefined }))).toEqual(['triggerPrice']);
  });

  it('takes market protection -1 or 0-25 % on MARKET and SL-M only (issue 9 a)', () => {
    const market = { ...limitBuy, orderType: 'MARKET' as const, price: undefined };
    for (const ok of [-1, 0, 2.5, 25]) expect(validatePlaceOrder({ ...market, marketProtection: ok })).toEqual([]);
    for (const bad of [-2, -0.5, 25.01, 1.234, '5']) {
      expect(validatePlaceOrder({ ...market, marketProtection: bad })[0]?.message).toMatch(/^Market protection must be -1 .* from 0 to 25\.$/);
    }
    expect(validatePlaceOrder({ ...limitBuy, marketProtection: 5 })[0]?.message).toBe(
      'Market protection applies only to MARKET and SL-M orders; leave it empty for LIMIT.',
    );
    expect(fields(validateModifyOrder({ orderType: 'LIMIT', validity: 'DAY', price: 10, marketProtection: 3 }))).toEqual(['marketProtection']);
    expect(validateModifyOrder({ orderType: 'SL-M', validity: 'DAY', triggerPrice: 10, marketProtection: -1 })).toEqual([]);
  });

  it('requires the trigger on the right side of the price for SL orders', () => {
    const sl = { ...limitBuy, orderType: 'SL' as const, price: 100, triggerPrice: 101 };
    expect(validatePlaceOrder(sl)[0]?.message).toMatch(/must not be above the price/);
    expect(validatePlaceOrder({ ...sl, triggerPrice: 99.5 })).toEqual([]);
    expect(fields(validatePlaceOrder({ ...sl, transactionType: 'SELL', triggerPrice: 99.5 }))).toEqual(['triggerPrice']);
  });

  it('checks lot size and tick size when the instrument is known', () => {
    const nifty = { lotSize: 75, tickSize: 0.05 };
    expect(validatePlaceOrder({ ...limitBuy, quantity: 80 }, nifty)[0]?.message).toBe(
      'Quantity must be a multiple of the lot size 75.',
    );
    expect(validatePlaceOrder({ ...limitBuy, quantity: 150, price: 100.03 }, nifty)[0]?.message).toBe(
      'Price must be a multiple of the tick size ₹0.05.',
    );
  });

  it('gives one message per invalid field for a hostile body', () => {
    const errors = validatePlaceOrder({
      instrumentKey: 'x',
      transactionType: 'HOLD',
      quantity: -1,
      orderType: 'STOP',
      product: 'CO',
      validity: 'GTC',
      tag: 'a'.repeat(41),
      isAmo: 'yes',
      disclosedQuantity: 1.5,
    } as never);
    expect(fields(errors)).toEqual(
      ['disclosedQuantity', 'instrumentKey', 'isAmo', 'orderType', 'product', 'quantity', 'tag', 'transactionType', 'validity'].sort(),
    );
  });
});

describe('validateModifyOrder', () => {
  it('applies the same price rules as place', () => {
    expect(fields(validateModifyOrder({ orderType: 'LIMIT', validity: 'DAY' }))).toEqual(['price']);
    expect(validateModifyOrder({ orderType: 'LIMIT', validity: 'DAY', price: 10.05, quantity: 5 })).toEqual([]);
  });
});
