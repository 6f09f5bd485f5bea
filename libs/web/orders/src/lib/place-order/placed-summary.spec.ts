import { order } from '../../testing/orders-fixtures';
import { placedSummary } from './placed-summary';

describe('placedSummary', () => {
  const A = '251128000000801';
  const B = '251128000000802';

  it('says "Order placed" while the list has not brought the order yet, or has it working or done', () => {
    expect(placedSummary([A], [])).toEqual({ tone: 'ok', allRejected: false, title: 'Order placed', lines: [{ orderId: A, order: null, nextStep: null }] });
    expect(placedSummary([A], [order({ orderId: A, status: 'complete' })]).tone).toBe('ok');
  });

  it('names a rejection after acceptance, and the next step the desk knows for its reason', () => {
    const rejected = order({ orderId: A, status: 'rejected', statusMessage: 'Sell authorisation via TPIN is pending' });
    const summary = placedSummary([A], [order({ orderId: B }), rejected]);
    expect(summary.tone).toBe('rejected');
    expect(summary.title).toBe('Upstox rejected the order after accepting it');
    expect(summary.allRejected).toBe(true);
    expect(summary.lines).toEqual([{ orderId: A, order: rejected, nextStep: expect.stringContaining('CDSL TPIN') }]);
  });

  it('counts the rejected parts of an order Upstox split at the freeze quantity', () => {
    const summary = placedSummary([A, B], [order({ orderId: A, status: 'open' }), order({ orderId: B, status: 'rejected', statusMessage: 'RMS' })]);
    expect(summary.title).toBe('Upstox rejected 1 of the 2 orders after accepting them');
    // The other part is working: not "all rejected", so the dialog offers no Back to edit.
    expect(summary.allRejected).toBe(false);
    expect(summary.lines.map((line) => line.nextStep)).toEqual([null, null]);
  });
});
