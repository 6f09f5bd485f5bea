import fc from 'fast-check';
import { validatePlaceOrder } from '@desk/contracts';
import { checkModifyOrderBody, checkPlaceOrderBody } from './order-body-validation';

const RELIANCE = 'NSE_EQ|INE002A01018';
const VALID = {
  instrumentKey: 'NSE_EQ|INE002A01018',
  transactionType: 'BUY',
  quantity: 10,
  orderType: 'LIMIT',
  product: 'I',
  validity: 'DAY',
  price: 100.05,
};

function fields(result: ReturnType<typeof checkPlaceOrderBody>): Record<string, string> {
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
}

describe('checkPlaceOrderBody', () => {
  it('accepts a valid order and drops empty optional fields', () => {
    const r = checkPlaceOrderBody({ ...VALID, triggerPrice: 0, tag: '' });
    expect(r).toEqual({ ok: true, value: VALID });
  });

  it('gives one message per field, in the shared rules\' words', () => {
    const r = checkPlaceOrderBody({
      instrumentKey: 'RELIANCE',
      transactionType: 'HOLD',
      quantity: 0,
      orderType: 'MARKET',
      product: 'X',
      validity: 'GTC',
      price: 10,
      triggerPrice: 'x',
      tag: 'bad tag!',
      isAmo: 'yes',
      trigger_price: 5,
    });
    expect(r.ok).toBe(false);
    const f = fields(r);
    expect(f).toEqual({
      instrumentKey: 'Choose an instrument (e.g. NSE_EQ|INE002A01018).',
      transactionType: 'Side must be BUY or SELL.',
      quantity: 'Quantity must be a whole number greater than 0.',
      product: 'Product must be I (intraday), D (delivery) or MTF.',
      validity: 'Validity must be DAY or IOC.',
      price: 'Price must be empty for MARKET orders.',
      triggerPrice: 'Trigger price must be empty for MARKET orders.',
      tag: "Tag can have at most 20 letters, digits, '-' or '_'.",
      isAmo: 'AMO must be true or false.',
      trigger_price: "Unknown field 'trigger_price'.",
    });
    expect(r.ok ? 0 : r.errors.length).toBe(Object.keys(f).length);
  });

  it('applies lot and tick size when the instrument is known', () => {
    const rules = { lotSize: 75, tickSize: 0.05 };
    expect(fields(checkPlaceOrderBody({ ...VALID, quantity: 70, price: 100.03 }, rules))).toEqual({
      quantity: 'Quantity must be a multiple of the lot size 75.',
      price: 'Price must be a multiple of the tick size ₹0.05.',
    });
    expect(checkPlaceOrderBody({ ...VALID, quantity: 150 }, rules).ok).toBe(true);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 5, undefined]) {
      expect(fields(checkPlaceOrderBody(body))).toEqual({ body: 'The request body must be a JSON object.' });
    }
  });

  it('never throws, and whatever it accepts passes the shared rules (fuzzed)', () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer()));
    const field = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, anyValue);
    const body = fc.record(
      {
        instrumentKey: field(fc.constantFrom('NSE_EQ|INE002A01018', 'NSE_FO|43919', 'bad')),
        transactionType: field(fc.constantFrom('BUY', 'SELL')),
        quantity: field(fc.integer({ min: -5, max: 2_000_000 })),
        orderType: field(fc.constantFrom('MARKET', 'LIMIT', 'SL', 'SL-M')),
        product: field(fc.constantFrom('I', 'D', 'MTF')),
        validity: field(fc.constantFrom('DAY', 'IOC')),
        price: field(fc.double({ min: -1, max: 20_000_000, noNaN: true })),
        triggerPrice: field(fc.double({ min: -1, max: 20_000_000, noNaN: true })),
        disclosedQuantity: field(fc.integer({ min: -1, max: 100 })),
        tag: field(fc.string({ maxLength: 25 })),
        isAmo: field(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (b) => {
        const r = checkPlaceOrderBody(b);
        // Accepted: the full validation agrees. Refused: at least one error, one per field.
        const problems = r.ok ? validatePlaceOrder(r.value) : [];
        const names = r.ok ? [] : r.errors.map((e) => e.field);
        expect(problems).toEqual([]);
        expect(new Set(names).size).toBe(names.length);
        expect(r.ok || names.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkModifyOrderBody', () => {
  it('checks the SL trigger against the order side and the tick size', () => {
    const body = { orderType: 'SL', validity: 'DAY', price: 100, triggerPrice: 101 };
    expect(checkModifyOrderBody(body, { order: { instrumentKey: RELIANCE, transactionType: 'BUY' } })).toEqual({
      ok: false,
      errors: [{ field: 'triggerPrice', message: 'For an SL buy, the trigger price must not be above the price.' }],
    });
    expect(checkModifyOrderBody(body, { order: { instrumentKey: RELIANCE, transactionType: 'SELL' } }).ok).toBe(true);
    expect(checkModifyOrderBody({ ...body, transactionType: 'BUY' }).ok).toBe(false);
    expect(checkModifyOrderBody({ orderType: 'LIMIT', validity: 'DAY', price: 10.02 }, { instrument: { lotSize: 1, tickSize: 0.05 } }).ok).toBe(false);
    expect(checkModifyOrderBody({ orderType: 'LIMIT', validity: 'DAY', price: 10.05, extra: 1 }).ok).toBe(false);
  });

  it("accepts the order's own instrument and side, and refuses a change of either", () => {
    const order = { instrumentKey: RELIANCE, transactionType: 'BUY' as const };
    const same = checkModifyOrderBody({ instrumentKey: RELIANCE, transactionType: 'BUY', orderType: 'MARKET', validity: 'DAY' }, { order });
    expect(same).toEqual({ ok: true, value: { instrumentKey: RELIANCE, transactionType: 'BUY', orderType: 'MARKET', validity: 'DAY' } });
    const other = checkModifyOrderBody({ instrumentKey: 'NSE_EQ|INE062A01020', transactionType: 'SELL', orderType: 'MARKET', validity: 'DAY' }, { order });
    expect(other).toEqual({
      ok: false,
      errors: [
        { field: 'instrumentKey', message: `This order is for ${RELIANCE}; a modify cannot change the instrument (place a new order instead).` },
        { field: 'transactionType', message: 'This order is a BUY; a modify cannot change the side (cancel it and place a new order instead).' },
      ],
    });
  });

  it('requires the full new order when the order cannot be read (Upstox sandbox)', () => {
    const partial = checkModifyOrderBody({ orderType: 'LIMIT', validity: 'DAY' }, { fullOrder: true });
    expect(partial.ok ? [] : partial.errors.map((e) => e.field)).toEqual(['instrumentKey', 'transactionType', 'quantity', 'price']);
    const full = { instrumentKey: RELIANCE, transactionType: 'SELL', quantity: 5, orderType: 'SL', validity: 'DAY', price: 100, triggerPrice: 99 };
    expect(checkModifyOrderBody(full, { fullOrder: true }).ok).toBe(false); // an SL sell's trigger must not be below its price
    expect(checkModifyOrderBody({ ...full, triggerPrice: 101 }, { fullOrder: true })).toEqual({ ok: true, value: { ...full, triggerPrice: 101 } });
  });
});
