import { PlaceOrderRequest } from '@desk/contracts';
import { FAR_FROM_LAST_PRICE, priceWarnings } from './price-warnings';

const order = (overrides: Partial<PlaceOrderRequest>): Pick<PlaceOrderRequest, 'transactionType' | 'orderType' | 'price' | 'triggerPrice'> => ({
  transactionType: 'BUY',
  orderType: 'LIMIT',
  ...overrides,
});
const messages = (request: ReturnType<typeof order>, lastPrice: number | null) => priceWarnings(request, lastPrice).map((w) => `${w.field}: ${w.message}`);

describe('priceWarnings', () => {
  it('says nothing about a limit within 10 % of the last price, or when no last price is known', () => {
    expect(FAR_FROM_LAST_PRICE).toBe(0.1);
    expect(messages(order({ price: 1100 }), 1000)).toEqual([]);
    expect(messages(order({ price: 900 }), 1000)).toEqual([]);
    expect(messages(order({ transactionType: 'SELL', price: 1100 }), 1000)).toEqual([]);
    expect(messages(order({ price: 245 }), null)).toEqual([]);
    expect(messages(order({ orderType: 'MARKET' }), 1000)).toEqual([]);
  });

  it('calls a BUY limit far above the market a trade at once, and one far below a long wait', () => {
    expect(messages(order({ price: 1200 }), 1000)).toEqual([
      'price: Your limit price ₹1,200.00 is 20.00 % above the last price (₹1,000.00). A BUY limit above the market trades at once, at any price up to ₹1,200.00. Check it is the price you meant.',
    ]);
    // A slipped digit: ₹245 for ₹2,450.
    expect(messages(order({ price: 245 }), 2450.5)).toEqual([
      'price: Your limit price ₹245.00 is 90.00 % below the last price (₹2,450.50). The order waits until the price falls that far. Check it is the price you meant.',
    ]);
  });

  it('calls a SELL limit far below the market a trade at once, and one far above a long wait', () => {
    expect(messages(order({ transactionType: 'SELL', price: 850 }), 1000)).toEqual([
      'price: Your limit price ₹850.00 is 15.00 % below the last price (₹1,000.00). A SELL limit below the market trades at once, at any price down to ₹850.00. Check it is the price you meant.',
    ]);
    expect(messages(order({ transactionType: 'SELL', price: 1500 }), 1000)).toEqual([
      'price: Your limit price ₹1,500.00 is 50.00 % above the last price (₹1,000.00). The order waits until the price rises that far. Check it is the price you meant.',
    ]);
  });

  it('warns of a stop-loss trigger the price has already crossed, for SL and SL-M, on either side', () => {
    expect(messages(order({ orderType: 'SL', price: 990, triggerPrice: 995 }), 1000)).toEqual([
      'triggerPrice: A BUY stop-loss triggers when the price rises to its trigger. This trigger ₹995.00 is at or below the last price ₹1,000.00, so it triggers as soon as it reaches the exchange (or the exchange refuses it). Check the trigger, or use a LIMIT order to trade now.',
    ]);
    expect(messages(order({ transactionType: 'SELL', orderType: 'SL-M', triggerPrice: 1000 }), 1000)).toEqual([
      'triggerPrice: A SELL stop-loss triggers when the price falls to its trigger. This trigger ₹1,000.00 is at or above the last price ₹1,000.00, so it triggers as soon as it reaches the exchange (or the exchange refuses it). Check the trigger, or use a LIMIT order to trade now.',
    ]);
    // Not crossed yet: a buy stop above the market, a sell stop below it.
    expect(messages(order({ orderType: 'SL', price: 1010, triggerPrice: 1005 }), 1000)).toEqual([]);
    expect(messages(order({ transactionType: 'SELL', orderType: 'SL-M', triggerPrice: 950 }), 1000)).toEqual([]);
  });
});
