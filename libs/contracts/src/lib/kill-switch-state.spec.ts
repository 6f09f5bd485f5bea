import { latestKillSwitchState } from './orders';

describe('latestKillSwitchState', () => {
  const on = { enabled: true, updatedAt: '2026-12-01T06:00:01.000Z' };
  const offBefore = { enabled: false, updatedAt: '2026-12-01T06:00:00.000Z' };

  it('keeps the reading changed last, whichever arrives first', () => {
    expect(latestKillSwitchState(on, offBefore)).toBe(on);
    expect(latestKillSwitchState(offBefore, on)).toBe(on);
  });

  it('takes the first reading, and one that was never set gives way to any change', () => {
    expect(latestKillSwitchState(null, offBefore)).toBe(offBefore);
    const neverSet = { enabled: false, updatedAt: null };
    expect(latestKillSwitchState(neverSet, on)).toBe(on);
    expect(latestKillSwitchState(on, neverSet)).toBe(on);
  });
});
