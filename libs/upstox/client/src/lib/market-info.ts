/**
 * Upstox's market information APIs (issue 9 item 2). Wire shapes from Upstox's docs (get-market-holidays,
 * get-market-timings, get-market-status) and the official SDKs' HolidayData / ExchangeTimingData models:
 * - GET /v2/market/holidays: `data` = [{date 'YYYY-MM-DD', description, holiday_type (TRADING_HOLIDAY,
 *   SETTLEMENT_HOLIDAY, SPECIAL_TIMING), closed_exchanges: string[], open_exchanges: [{exchange, start_time, end_time}]}]
 * - GET /v2/market/timings/{date}: `data` = [{exchange, start_time, end_time}], times in epoch milliseconds.
 * - GET /v2/market/status/{exchange}: `data` = {exchange, status (NORMAL_OPEN, NORMAL_CLOSE, PRE_OPEN_START, ...),
 *   last_updated (epoch ms)}.
 * [uncertain] Upstox's docs show holidays and timings called without an access token; the client sends its token
 * anyway (harmless if ignored). Whether timings for a weekend date is an empty list or an error is not documented:
 * both are read as "no session".
 */

/** One exchange's session on a date; epoch milliseconds. */
export interface ExchangeTiming {
  exchange: string;
  startsAt: number;
  endsAt: number;
}

export interface MarketHoliday {
  /** IST calendar date `YYYY-MM-DD`. */
  date: string;
  description: string;
  holidayType: string;
  closedExchanges: string[];
  /** Exchanges that trade that day anyway (e.g. MCX's evening session, a special session), with their times. */
  openExchanges: ExchangeTiming[];
}

export interface ExchangeStatus {
  exchange: string;
  /** Upstox's status string, as in the market feed's market_info (NORMAL_OPEN, NORMAL_CLOSE, ...). */
  status: string;
  /** When the status last changed, epoch ms; null when Upstox did not say. */
  lastUpdated: number | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

export function isTimingRow(v: unknown): boolean {
  const r = v as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && typeof r['exchange'] === 'string' && num(r['start_time']) !== null && num(r['end_time']) !== null;
}

export function mapTiming(v: unknown): ExchangeTiming {
  const r = v as Record<string, unknown>;
  return { exchange: str(r['exchange']), startsAt: num(r['start_time']) as number, endsAt: num(r['end_time']) as number };
}

export function isHolidayRow(v: unknown): boolean {
  const r = v as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && typeof r['date'] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(r['date'] as string);
}

export function mapHoliday(v: unknown): MarketHoliday {
  const r = v as Record<string, unknown>;
  const closed = Array.isArray(r['closed_exchanges']) ? (r['closed_exchanges'] as unknown[]).filter((e): e is string => typeof e === 'string') : [];
  const open = Array.isArray(r['open_exchanges']) ? (r['open_exchanges'] as unknown[]).filter(isTimingRow).map(mapTiming) : [];
  return { date: str(r['date']).slice(0, 10), description: str(r['description']), holidayType: str(r['holiday_type']), closedExchanges: closed, openExchanges: open };
}

export function isStatusData(v: unknown): boolean {
  const r = v as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && typeof r['status'] === 'string';
}

export function mapExchangeStatus(v: unknown, asked: string): ExchangeStatus {
  const r = v as Record<string, unknown>;
  return { exchange: str(r['exchange']) || asked, status: str(r['status']), lastUpdated: num(r['last_updated']) };
}
