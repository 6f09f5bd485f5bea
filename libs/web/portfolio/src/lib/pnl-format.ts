import { formatRupees } from '@desk/contracts';

export type PnlTone = 'up' | 'down' | 'flat';

/** A real minus sign (U+2212): reads as minus to screen readers and lines up with the plus. */
const MINUS = '\u2212';

export function pnlTone(value: number | null | undefined): PnlTone {
  if (value === null || value === undefined || !Number.isFinite(value) || Math.round(value * 100) === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/** `+₹1,234.50`, `−₹80.00`, `₹0.00`, `—` when unknown: the sign is in the text, not only in the colour. */
export function formatSignedRupees(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const tone = pnlTone(value);
  const magnitude = formatRupees(Math.abs(value));
  return tone === 'up' ? `+${magnitude}` : tone === 'down' ? `${MINUS}${magnitude}` : magnitude;
}

/** `+1.25%`, `−0.40%`, `0.00%`. */
export function formatSignedPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `${Math.abs(value).toFixed(2)}%`;
  const tone = pnlTone(value);
  return tone === 'up' ? `+${text}` : tone === 'down' ? `${MINUS}${text}` : text;
}

/** Prices that are not set (0 or null) show as a dash. */
export function formatPrice(value: number | null | undefined): string {
  return value ? formatRupees(value) : '—';
}
