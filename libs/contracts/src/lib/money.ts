/**
 * Rupee arithmetic in whole paise, so that prices never carry floating-point artefacts
 * (₹ 1,234.50, never 1234.4999999).
 */
const EPSILON = 1e-6;

export function toPaise(rupees: number): number {
  return Math.round(rupees * 100);
}

/** True when the value has at most two decimals. */
export function hasAtMostTwoDecimals(rupees: number): boolean {
  return Math.abs(rupees * 100 - Math.round(rupees * 100)) < EPSILON;
}

/** True when `price` is a whole multiple of `tickSize` (both in rupees). */
export function isOnTick(price: number, tickSize: number): boolean {
  if (!hasAtMostTwoDecimals(price)) return false;
  const tick = toPaise(tickSize);
  return tick <= 0 || toPaise(price) % tick === 0;
}

/** Nearest valid price on the tick grid, rounded to whole paise. */
export function roundToTick(price: number, tickSize: number): number {
  const tick = toPaise(tickSize);
  if (tick <= 0) return toPaise(price) / 100;
  return (Math.round(toPaise(price) / tick) * tick) / 100;
}

const RUPEE_FORMAT = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** `₹1,23,456.50`: Indian digit grouping, always two decimals. */
export function formatRupees(rupees: number | null | undefined): string {
  if (rupees === null || rupees === undefined || !Number.isFinite(rupees)) return '—';
  const sign = rupees < 0 ? '-' : '';
  return `${sign}₹${RUPEE_FORMAT.format(Math.abs(toPaise(rupees)) / 100)}`;
}
