import { IST_OFFSET_MS, istParts } from '../../clock';

/** Expiry dates of the full-size file, from the simulator clock at generation (15:30 IST, like the demo list). */
const DAY_MS = 24 * 3600_000;
export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 15:30 IST of an IST calendar date (month 1-12; days may overflow, as in Date.UTC). */
export function istClose(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day, 15, 30) - IST_OFFSET_MS;
}

/** `dd MON yy`, the date part of Upstox's derivative trading symbols ("NIFTY 24000 CE 30 DEC 25"). */
export function expiryLabel(expiryMs: number): string {
  const e = istParts(expiryMs);
  return `${pad2(e.day)} ${MONTHS[e.month - 1]} ${pad2(e.year % 100)}`;
}

/** The next `count` weekly expiries on `weekday` (0 = Sunday), strictly after today (IST). */
export function weeklyExpiries(nowMs: number, weekday: number, count: number): number[] {
  const p = istParts(nowMs);
  const first = ((weekday - p.weekday + 7) % 7) || 7;
  return Array.from({ length: count }, (_, i) => istClose(p.year, p.month, p.day + first + 7 * i));
}

/** Last `weekday` of the month, 15:30 IST. */
function lastWeekdayOfMonth(year: number, month: number, weekday: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return istClose(year, month, lastDay.getUTCDate() - back);
}

/** The next `count` monthly expiries (last `weekday` of each month) more than a day ahead. */
export function monthlyExpiries(nowMs: number, weekday: number, count: number): number[] {
  const p = istParts(nowMs);
  const out: number[] = [];
  for (let add = 0; out.length < count; add++) {
    const y = p.year + Math.floor((p.month - 1 + add) / 12);
    const m = ((p.month - 1 + add) % 12) + 1;
    const expiry = lastWeekdayOfMonth(y, m, weekday);
    if (expiry > nowMs + DAY_MS) out.push(expiry);
  }
  return out;
}

/** Quarterly (Mar/Jun/Sep/Dec) monthly expiries beyond the first `skip` months, `count` of them. */
export function quarterlyExpiries(nowMs: number, weekday: number, after: number, count: number): number[] {
  const out: number[] = [];
  for (const expiry of monthlyExpiries(nowMs, weekday, 24)) {
    if (expiry <= after) continue;
    if (istParts(expiry).month % 3 === 0) out.push(expiry);
    if (out.length === count) break;
  }
  return out;
}

/** A fixed day of each month (MCX contracts), moved back to Friday when it falls on a weekend. */
export function dayOfMonthExpiries(nowMs: number, day: number, count: number): number[] {
  const p = istParts(nowMs);
  const out: number[] = [];
  for (let add = 0; out.length < count; add++) {
    let expiry = istClose(p.year, p.month + add, day);
    const weekday = istParts(expiry).weekday;
    if (weekday === 0) expiry -= 2 * DAY_MS;
    if (weekday === 6) expiry -= DAY_MS;
    if (expiry > nowMs + DAY_MS) out.push(expiry);
  }
  return out;
}

export function isLastOfMonth(expiryMs: number, monthlies: number[]): boolean {
  return monthlies.includes(expiryMs);
}
