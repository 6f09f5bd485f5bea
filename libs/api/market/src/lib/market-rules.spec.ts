import type { MarketQuote } from '@desk/upstox/client';
import { withLiveCandle } from './candles/candles.service';
import { planSubscriptions } from './feed/subscription-plan';
import { InterestLeases, MAX_LEASES_PER_OWNER } from './interest/interest-leases';
import { QuoteBook } from './quotes/quote-book';
import { marketPhaseOf } from './status/market-phase';

const tick = (instrumentKey: string, ltp: number, cp = 100, ltt = 1_700_000_000_000): MarketQuote => ({ instrumentKey, ltp, ltt, ltq: 1, cp });

describe('market phase of every Upstox segment status', () => {
  it('maps pre-open (both ends), open, closing and both closes', () => {
    expect(marketPhaseOf('PRE_OPEN_START')).toBe('pre-open');
    expect(marketPhaseOf('PRE_OPEN_END')).toBe('pre-open');
    expect(marketPhaseOf('NORMAL_OPEN')).toBe('open');
    expect(marketPhaseOf('CLOSING_START')).toBe('closing');
    expect(marketPhaseOf('NORMAL_CLOSE')).toBe('closed');
    expect(marketPhaseOf('CLOSING_END')).toBe('closed');
  });
});

describe('planSubscriptions', () => {
  const needs = { position: ['P'], 'working order': ['O', 'P'], holding: ['H1', 'H2'], interest: ['I', 'H1'] };
  it('lists each key once, most important first', () => {
    expect(planSubscriptions(needs, 10)).toEqual({ wanted: ['P', 'O', 'H1', 'H2', 'I'], leftOut: [] });
  });
  it('past the capacity leaves out the least important, with why each was needed', () => {
    expect(planSubscriptions(needs, 3)).toEqual({
      wanted: ['P', 'O', 'H1'],
      leftOut: [
        { instrumentKey: 'H2', need: 'holding' },
        { instrumentKey: 'I', need: 'interest' },
      ],
    });
  });
});

describe('QuoteBook', () => {
  it('keeps the newest quote, the change from the close, and each changed instrument once', () => {
    const book = new QuoteBook();
    book.apply([tick('A', 101), tick('B', 50, 0)]);
    book.apply([tick('A', 102.456)]);
    const changed = book.takeChanged();
    expect(changed).toEqual([
      { instrumentKey: 'A', lastPrice: 102.46, closePrice: 100, change: 2.46, changePercent: 2.46, tradedAt: new Date(1_700_000_000_000).toISOString() },
      { instrumentKey: 'B', lastPrice: 50, closePrice: null, change: null, changePercent: null, tradedAt: new Date(1_700_000_000_000).toISOString() },
    ]);
    expect(book.takeChanged()).toEqual([]);
    // A repeated price is not a change; a tick without a close keeps the known close; no trade (0) is ignored.
    expect(book.apply([tick('A', 102.46)])).toEqual([]);
    expect(book.apply([tick('A', 103, 0, 1_700_000_001_000)])[0].closePrice).toBe(100);
    expect(book.apply([tick('C', 0)])).toEqual([]);
    book.forget(['A']);
    expect(book.pick(['A', 'B']).map((q) => q.instrumentKey)).toEqual(['B']);
  });
});

describe('withLiveCandle', () => {
  const candle = { time: 1_700_000_040, open: 10, high: 11, low: 9, close: 10, volume: 5 };
  const quote = (price: number, at: number) => ({ instrumentKey: 'A', lastPrice: price, closePrice: 10, change: 0, changePercent: 0, tradedAt: new Date(at * 1000).toISOString() });
  it('moves the last candle for a trade inside it, starts a new one after it, ignores an older one', () => {
    expect(withLiveCandle([candle], quote(12, 1_700_000_050), '1minute')).toEqual([{ ...candle, close: 12, high: 12 }]);
    expect(withLiveCandle([candle], quote(8, 1_700_000_105), '1minute')).toEqual([candle, { time: 1_700_000_100, open: 8, high: 8, low: 8, close: 8, volume: 0 }]);
    expect(withLiveCandle([candle], quote(8, 1_700_000_000), '1minute')).toEqual([candle]);
    expect(withLiveCandle([], quote(8, 1_700_000_000), '1minute')).toEqual([]);
  });
});

describe('InterestLeases', () => {
  it('expire without renewal, belong to their owner, and an owner holds at most MAX_LEASES_PER_OWNER', () => {
    let now = 0;
    const leases = new InterestLeases(1000, () => now);
    const { lease } = leases.create('session:a', ['X', 'X', 'Y']);
    expect(lease.instrumentKeys).toEqual(['X', 'Y']);
    expect(leases.renew('session:b', lease.id)).toBeNull();
    now = 900;
    expect(leases.renew('session:a', lease.id, ['Z'])?.expiresAt).toBe(1900);
    expect(leases.keys()).toEqual(['Z']);
    now = 1900;
    expect(leases.sweep()).toBe(true);
    expect(leases.keys()).toEqual([]);
    for (let i = 0; i < MAX_LEASES_PER_OWNER; i++) leases.create('api-key:k', [`K${i}`]);
    expect(leases.create('api-key:k', ['new']).evicted?.instrumentKeys).toEqual(['K0']);
    expect(leases.drop('session:a', 'nope')).toBe(false);
  });
});
