import { order } from '../../testing/orders-fixtures';
import { countByStatus, filterOrders, isFiltering, NO_ORDER_FILTER } from './order-filter';

describe('order book filter', () => {
  const book = [
    order({ orderId: '1', tradingSymbol: 'RELIANCE', transactionType: 'BUY', status: 'open', tag: 'scalper' }),
    order({ orderId: '2', tradingSymbol: 'SBIN', transactionType: 'SELL', status: 'complete' }),
    order({ orderId: '3', tradingSymbol: 'INFY', transactionType: 'BUY', status: 'rejected', statusMessage: 'Insufficient funds' }),
    order({ orderId: '4', tradingSymbol: 'RELIANCE', transactionType: 'SELL', status: 'cancelled' }),
  ];
  const ids = (f: Partial<typeof NO_ORDER_FILTER>) => filterOrders(book, { ...NO_ORDER_FILTER, ...f }).map((o) => o.orderId);

  it('shows every order, in the given order, without a filter', () => {
    expect(isFiltering(NO_ORDER_FILTER)).toBe(false);
    expect(ids({})).toEqual(['1', '2', '3', '4']);
  });

  it('filters by status class and side together', () => {
    expect(ids({ status: 'working' })).toEqual(['1']);
    expect(ids({ side: 'SELL' })).toEqual(['2', '4']);
    expect(ids({ status: 'cancelled', side: 'BUY' })).toEqual([]);
  });

  it('searches symbol, order id, tag and status message, case-insensitively, every word', () => {
    expect(ids({ text: 'relia' })).toEqual(['1', '4']);
    expect(ids({ text: 'SCALPER' })).toEqual(['1']);
    expect(ids({ text: 'insufficient' })).toEqual(['3']);
    expect(ids({ text: 'reliance cancelled' })).toEqual(['4']);
    expect(ids({ text: '  ' })).toEqual(['1', '2', '3', '4']);
  });

  it('counts the orders of each status class', () => {
    expect(countByStatus(book)).toEqual({ pending: 0, working: 1, complete: 1, rejected: 1, cancelled: 1 });
  });
});
