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
