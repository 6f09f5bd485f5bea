import { IST_OFFSET_MS, istParts } from '../clock';

/**
 * The simulator's exchange calendar (issue 9 item 2): the regular sessions and a small holiday list, served by
 * GET /v2/market/holidays, /v2/market/timings/{date} and /v2/market/status/{exchange} and followed by the order
 * engine while market rules are on. The list is modelled on NSE's published 2026 holidays but is NOT authoritative:
 * it exists so tests can put the clock on a holiday (2026-12-25 is a Friday: closed Friday to Sunday).
 */

/** Regular session per exchange, IST minutes from midnight (Upstox's timings list these exchanges). */
const SESSIONS: Record<string, { open: number; close: number }> = {
  NSE: { open: 9 * 60 + 15, close: 15 * 60 + 30 },
  BSE: { open: 9 * 60 + 15, close: 15 * 60 + 30 },
  NFO: { open: 9 * 60 + 15, close: 15 * 60 + 30 },
  BFO: { open: 9 * 60 + 15, close: 15 * 60 + 30 },
  CDS: { open: 9 * 60, close: 17 * 60 },
  BCD: { open: 9 * 60, close: 17 * 60 },
  MCX: { open: 9 * 60, close: 23 * 60 + 30 },
};
export const SIM_EXCHANGES = Object.keys(SESSIONS);

/** On an equity trading holiday MCX usually keeps its evening session (17:00 on). */
const HOLIDAY_CLOSED = ['NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD'];
const MCX_EVENING = { exchange: 'MCX', open: 17 * 60, close: 23 * 60 + 30 };

export const SIM_HOLIDAYS: ReadonlyArray<{ date: string; description: string }> = [
  { date: '2026-01-26', description: 'Republic Day' },
  { date: '2026-10-02', description: 'Mahatma Gandhi Jayanti' },
  { date: '2026-11-24', description: 'Guru Nanak Jayanti' },
  { date: '2026-12-25', description: 'Christmas' },
  { date: '2027-01-26', description: 'Republic Day' },
];

export interface SimExchangeTiming {
  exchange: string;
  start_time: number;
  end_time: number;
}

/** Upstox's HolidayData (DOCS get-market-holidays; official SDKs' HolidayData / ExchangeTimingData). */
export interface SimHoliday {
  date: string;
  description: string;
  holiday_type: 'TRADING_HOLIDAY' | 'SETTLEMENT_HOLIDAY' | 'SPECIAL_TIMING';
  closed_exchanges: string[];
  open_exchanges: SimExchangeTiming[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the IST calendar day containing `instantMs`. */
export function istDateOf(instantMs: number): string {
  const p = istParts(instantMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** IST midnight of a `YYYY-MM-DD` date, or null when it is not one. */
export function istMidnightOf(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`) - IST_OFFSET_MS;
  return Number.isNaN(ms) || istDateOf(ms) !== date ? null : ms;
}

const at = (midnight: number, minutes: number): number => midnight + minutes * 60_000;

export function holidayOn(date: string): SimHoliday | null {
  const h = SIM_HOLIDAYS.find((x) => x.date === date);
  const midnight = istMidnightOf(date);
  if (!h || midnight === null) return null;
  return {
    date: h.date,
    description: h.description,
    holiday_type: 'TRADING_HOLIDAY',
    closed_exchanges: [...HOLIDAY_CLOSED],
    open_exchanges: [{ exchange: MCX_EVENING.exchange, start_time: at(midnight, MCX_EVENING.open), end_time: at(midnight, MCX_EVENING.close) }],
  };
}

export function allHolidays(): SimHoliday[] {
  return SIM_HOLIDAYS.map((h) => holidayOn(h.date)).filter((h): h is SimHoliday => h !== null);
}

/**
 * The sessions of one IST date. With market rules off everything is open all day (the demo trades at any hour):
 * each exchange's session is then 00:00 to the next midnight. Weekends have none (Upstox's answer for a day
 * without trading is taken to be an empty list [uncertain]); a holiday keeps only its open exchanges.
 */
export function timingsOn(date: string, marketRules: boolean): SimExchangeTiming[] | null {
  const midnight = istMidnightOf(date);
  if (midnight === null) return null;
  if (!marketRules) return SIM_EXCHANGES.map((exchange) => ({ exchange, start_time: midnight, end_time: at(midnight, 24 * 60) }));
  const holiday = holidayOn(date);
  if (holiday) return holiday.open_exchanges;
  const weekday = istParts(midnight).weekday;
  if (weekday === 0 || weekday === 6) return [];
  return Object.entries(SESSIONS).map(([exchange, s]) => ({ exchange, start_time: at(midnight, s.open), end_time: at(midnight, s.close) }));
}

/** NSE/BSE normal session 09:15-15:30 IST on a weekday that is not a holiday. */
export function inNseSession(instantMs: number): boolean {
  const session = timingsOn(istDateOf(instantMs), true)?.find((t) => t.exchange === 'NSE');
  return !!session && instantMs >= session.start_time && instantMs < session.end_time;
}
