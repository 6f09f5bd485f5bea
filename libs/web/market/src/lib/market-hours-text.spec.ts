import type { MarketHoursView } from '@desk/contracts';
import { closedMarketAdvice, marketHoursLabel } from './market-hours-text';

const base: MarketHoursView = { exchange: 'NSE', open: false, phase: null, source: 'timings', closesAt: null, nextOpenAt: null, holiday: null, asOf: '2026-12-24T10:30:00.000Z' };

describe('market hours text (issue 9 item 2)', () => {
  it('open: "NSE open until 15:30" in IST, "NSE open" when it does not close today', () => {
    expect(marketHoursLabel({ ...base, open: true, closesAt: '2026-12-24T10:00:00.000Z' })).toBe('NSE open until 15:30');
    expect(marketHoursLabel({ ...base, open: true })).toBe('NSE open');
  });

  it('closed: "NSE closed - opens Mon 09:15" in IST (the weekday of the next open), "NSE closed" when unknown', () => {
    expect(marketHoursLabel({ ...base, nextOpenAt: '2026-12-28T03:45:00.000Z' })).toBe('NSE closed - opens Mon 09:15');
    expect(marketHoursLabel(base)).toBe('NSE closed');
  });

  it('the Place Order dialog: AMO explained and the regular-order refusal said while closed, nothing while open', () => {
    expect(closedMarketAdvice({ ...base, nextOpenAt: '2026-12-28T03:45:00.000Z' })).toEqual({
      amo: 'After-market order: sent to the exchange when it opens at 09:15',
      regularRefused: 'NSE is closed: Upstox refuses regular orders until 09:15 Mon',
    });
    expect(closedMarketAdvice({ ...base, open: true, closesAt: '2026-12-24T10:00:00.000Z' })).toBeNull();
  });
});
