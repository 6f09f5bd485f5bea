import { order } from '../../testing/orders-fixtures';
import { modifyChanges } from './modify-changes';

describe('modifyChanges', () => {
  it('names only what differs from the order', () => {
    const limit = order({ orderType: 'LIMIT', price: 2490, triggerPrice: 0, quantity: 10, validity: 'DAY' });
    expect(modifyChanges(limit, { orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: 2490 })).toEqual([]);
    expect(modifyChanges(limit, { orderType: 'LIMIT', validity: 'IOC', quantity: 10, price: 2490 })).toEqual(['Validity DAY → IOC']);
  });

  it('gives a price without a "from" when the order had none, and leaves out the price a MARKET change drops', () => {
    const market = order({ orderType: 'MARKET', price: 0, triggerPrice: 0, quantity: 5, validity: 'DAY' });
    expect(modifyChanges(market, { orderType: 'LIMIT', validity: 'DAY', quantity: 5, price: 101.5 })).toEqual([
      'Order type MARKET → LIMIT',
      'Price ₹101.50',
    ]);
    const limit = order({ orderType: 'LIMIT', price: 2490, quantity: 5 });
    expect(modifyChanges(limit, { orderType: 'MARKET', validity: 'DAY', quantity: 5 })).toEqual(['Order type LIMIT → MARKET']);
  });
});
