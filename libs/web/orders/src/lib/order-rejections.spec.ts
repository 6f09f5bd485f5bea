import { order } from '../testing/orders-fixtures';
import { MAX_REJECTIONS_KEPT, keepRejections, newRejections } from './order-rejections';

describe('order rejections the dashboard tells about', () => {
  const open = order({ orderId: 'A', status: 'open' });
  const rejected = (orderId: string) => order({ orderId, status: 'rejected', statusMessage: 'RMS' });

  it('a rejection is news when the order was known in another state, or is new to a book already read', () => {
    const known = new Map([[open.orderId, open]]);
    const lookup = (id: string) => known.get(id);
    expect(newRejections([rejected('A'), rejected('B'), order({ orderId: 'C', status: 'complete' })], lookup, true).map((o) => o.orderId)).toEqual(['A', 'B']);
    // The first read after connecting: the day's old rejections are history, except a change to a known order.
    expect(newRejections([rejected('A'), rejected('B')], lookup, false).map((o) => o.orderId)).toEqual(['A']);
    // Already known as rejected: told once.
    expect(newRejections([rejected('A')], () => rejected('A'), true)).toEqual([]);
  });

  it('keeps the newest first, each order once, at most MAX_REJECTIONS_KEPT', () => {
    const kept = keepRejections([rejected('A'), rejected('B')], [rejected('B'), rejected('C')]);
    expect(kept.map((o) => o.orderId)).toEqual(['B', 'C', 'A']);
    const many = Array.from({ length: MAX_REJECTIONS_KEPT + 5 }, (_, i) => rejected(`R${i}`));
    expect(keepRejections(kept, many)).toHaveLength(MAX_REJECTIONS_KEPT);
    expect(keepRejections(kept, [])).toBe(kept);
  });
});
