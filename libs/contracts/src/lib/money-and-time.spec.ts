import { formatRupees, isOnTick, roundToTick } from './money';
import { formatIst, formatIstClock, formatTimeLeft, istWallTimeToIso, msToClearTokenRollover, nextTokenExpiry } from './ist';
import { classifyOrderStatus, canModifyOrCancel } from './order-status';

describe('money', () => {
  it('formats rupees with Indian grouping and two decimals, without float artefacts', () => {
    expect(formatRupees(1234.5)).toBe('₹1,234.50');
    expect(formatRupees(123456.499999999)).toBe('₹1,23,456.50');
    expect(formatRupees(-0.1 - 0.2)).toBe('-₹0.30');
    expect(formatRupees(null)).toBe('—');
  });

  it('checks and rounds to the tick grid in whole paise', () => {
    expect(isOnTick(2450.15, 0.05)).toBe(true);
    expect(isOnTick(2450.12, 0.05)).toBe(false);
    expect(isOnTick(0.1 + 0.2, 0.05)).toBe(true);
    expect(isOnTick(10.005, 0.01)).toBe(false);
    expect(isOnTick(0.1 + 0.2, 0.01)).toBe(true);
    expect(roundToTick(2450.12, 0.05)).toBe(2450.1);
    expect(roundToTick(2450.13, 0.05)).toBe(2450.15);
  });
});

describe('IST time', () => {
  it('expires a token at the next 03:30 IST', () => {
    // 14:00 IST on 28 Nov -> 03:30 IST on 29 Nov (= 22:00 UTC on 28 Nov)
    expect(nextTokenExpiry(new Date('2026-11-28T08:30:00Z')).toISOString()).toBe('2026-11-28T22:00:00.000Z');
    // 02:30 IST on 29 Nov -> 03:30 IST the same day
    expect(nextTokenExpiry(new Date('2026-11-28T21:00:00Z')).toISOString()).toBe('2026-11-28T22:00:00.000Z');
    // exactly 03:30 IST -> the next day
    expect(nextTokenExpiry(new Date('2026-11-28T22:00:00Z')).toISOString()).toBe('2026-11-29T22:00:00.000Z');
  });

  it('turns Upstox IST wall time into ISO with the offset', () => {
    expect(istWallTimeToIso('2023-10-19 13:25:13')).toBe('2023-10-19T13:25:13+05:30');
    expect(istWallTimeToIso('23-Apr-2021 14:22:06')).toBeNull();
  });

  it('formats the time left until expiry', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatTimeLeft('2026-11-28T22:00:00Z', now)).toBe('10h 0m');
    expect(formatTimeLeft('2026-11-28T12:05:30Z', now)).toBe('5m');
    expect(formatTimeLeft('2026-11-28T11:00:00Z', now)).toBe('expired');
  });
});

describe('formatIst', () => {
  it('says the IST day and time of an instant, the hour after midnight as 00', () => {
    expect(formatIst('2026-11-28T08:35:09Z')).toBe('28 Nov, 14:05:09 IST');
    expect(formatIst('2026-11-28T18:30:05Z')).toBe('29 Nov, 00:00:05 IST');
    expect(formatIst(null)).toBe('—');
  });
});

describe('formatIstClock', () => {
  it('says the IST wall-clock time of an instant, midnight as 00', () => {
    expect(formatIstClock(new Date('2026-11-28T08:35:09Z'))).toBe('14:05:09 IST');
    expect(formatIstClock(new Date('2026-11-28T18:30:00Z'))).toBe('00:00:00 IST');
    expect(formatIstClock(new Date('2026-11-28T18:29:59Z'))).toBe('23:59:59 IST');
  });
});

describe('msToClearTokenRollover', () => {
  const ist = (time: string): number => Date.parse(`2026-12-02T${time}+05:30`);
  const threeMinutes = 180_000;

  it('waits until just past 03:30 IST when the rollover falls inside the run', () => {
    expect(msToClearTokenRollover(ist('03:29:35'), threeMinutes)).toBe(25_000 + 2_000);
    expect(msToClearTokenRollover(ist('03:27:00'), threeMinutes)).toBe(180_000 + 2_000);
    expect(msToClearTokenRollover(ist('03:29:00'), 90_000)).toBe(60_000 + 2_000);
  });

  it('does not wait when the run ends before the rollover or starts at or after it', () => {
    for (const time of ['03:26:59', '03:30:00', '03:30:01', '12:00:00', '23:59:59', '00:00:00']) {
      expect(msToClearTokenRollover(ist(time), threeMinutes)).toBe(0);
    }
    expect(msToClearTokenRollover(ist('03:28:00'), 90_000)).toBe(0);
  });
});

describe('order status', () => {
  it('classifies the documented status strings', () => {
    expect(classifyOrderStatus('trigger pending')).toBe('working');
    expect(classifyOrderStatus('open')).toBe('working');
    expect(classifyOrderStatus('complete')).toBe('complete');
    expect(classifyOrderStatus('cancelled after market order')).toBe('cancelled');
    expect(classifyOrderStatus('something new')).toBe('pending');
    expect(canModifyOrCancel('working')).toBe(true);
    expect(canModifyOrCancel('complete')).toBe(false);
  });
});
