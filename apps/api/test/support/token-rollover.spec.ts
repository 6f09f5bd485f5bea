import { msUntilPastTokenRollover } from './token-rollover';

const ist = (time: string): number => Date.parse(`2026-12-02T${time}+05:30`);

describe('msUntilPastTokenRollover', () => {
  it('waits until just past 03:30 IST when a test file starts less than 3 minutes before it', () => {
    expect(msUntilPastTokenRollover(ist('03:29:35'))).toBe(25_000 + 2_000);
    expect(msUntilPastTokenRollover(ist('03:27:00'))).toBe(180_000 + 2_000);
  });

  it('does not wait at any other time of day', () => {
    for (const time of ['03:26:59', '03:30:00', '03:30:01', '12:00:00', '23:59:59', '00:00:00']) {
      expect(msUntilPastTokenRollover(ist(time))).toBe(0);
    }
  });
});
