import { order } from '../../testing/orders-fixtures';
import { countByStatus, filterOrders, hasSearchText, IdleDeadlineLike, isFiltering, NO_ORDER_FILTER, prepareSearchText } from './order-filter';

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

  describe('search text made in idle time', () => {
    const manyOrders = (n: number) => Array.from({ length: n }, (_, i) => order({ orderId: `p${i}`, tradingSymbol: i % 2 ? 'SBIN' : 'TCS' }));
    /** Idle periods handed out by the test: each callback waits in `queued` until the test runs it. */
    function fakeIdle() {
      const queued: ((deadline: IdleDeadlineLike) => void)[] = [];
      let cancelled = 0;
      const schedule = (work: (deadline: IdleDeadlineLike) => void) => {
        queued.push(work);
        return () => {
          cancelled++;
          queued.splice(queued.indexOf(work), 1);
        };
      };
      return { schedule, queued, cancelled: () => cancelled };
    }
    const over: IdleDeadlineLike = { timeRemaining: () => 0 };

    it('makes a slice per idle period until every order has its text, and searches find the same orders', () => {
      const orders = manyOrders(600);
      const idle = fakeIdle();
      prepareSearchText(orders, idle.schedule);
      expect(orders.some(hasSearchText)).toBe(false);
      idle.queued.shift()?.(over);
      expect(orders.filter(hasSearchText)).toHaveLength(250);
      idle.queued.shift()?.({ timeRemaining: () => 10 }); // a long idle period: everything that is left
      expect(orders.every(hasSearchText)).toBe(true);
      expect(idle.queued).toHaveLength(0);
      expect(filterOrders(orders, { ...NO_ORDER_FILTER, text: 'sbin' })).toHaveLength(300);
    });

    it('stops when cancelled (the book changed again), and prepares nothing without idle callbacks', () => {
      const orders = manyOrders(600);
      const idle = fakeIdle();
      const cancel = prepareSearchText(orders, idle.schedule);
      idle.queued.shift()?.(over);
      cancel();
      expect(idle.cancelled()).toBe(1);
      expect(idle.queued).toHaveLength(0);
      expect(orders.filter(hasSearchText)).toHaveLength(250);

      const others = manyOrders(10);
      prepareSearchText(others, null)();
      expect(others.some(hasSearchText)).toBe(false);
    });
  });
});
