import { successBody, UpstoxHttpError } from '../envelope';
import type { Reply } from '../http/request-context';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { allHolidays, holidayOn, istDateOf, SIM_EXCHANGES, timingsOn } from './market-calendar';

/**
 * Upstox's market information APIs (issue 9 item 2; DOCS get-market-holidays, get-market-timings,
 * get-market-status; official SDKs' HolidayData / ExchangeTimingData / MarketStatusData):
 * - GET /v2/market/holidays[/{date}]: `data` = HolidayData[] {date, description, holiday_type, closed_exchanges[],
 *   open_exchanges[{exchange, start_time, end_time}]} (times epoch ms).
 * - GET /v2/market/timings/{date}: `data` = [{exchange, start_time, end_time}] (epoch ms).
 * - GET /v2/market/status/{exchange}: `data` = {exchange, status, last_updated} (status as in market_info).
 * Upstox's docs show holidays and timings without an access token and status with one; the simulator does the same.
 * With market rules off every exchange is open all day and no holiday is listed (the demo trades at any hour).
 * Error codes for a bad date or exchange are not documented: UDAPI100038 (invalid input) is our choice.
 */
function dateParam(raw: string): string {
  const date = decodeURIComponent(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid date, expected yyyy-mm-dd', 'date', date);
  return date;
}

function holidays(core: SimulatorCore, date: string | null): Reply {
  if (!core.marketRules) return { status: 200, body: successBody([]) };
  if (date === null) return { status: 200, body: successBody(allHolidays()) };
  const holiday = holidayOn(dateParam(date));
  return { status: 200, body: successBody(holiday ? [holiday] : []) };
}

function timings(core: SimulatorCore, raw: string): Reply {
  const date = dateParam(raw);
  const list = timingsOn(date, core.marketRules);
  if (list === null) throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid date, expected yyyy-mm-dd', 'date', date);
  return { status: 200, body: successBody(list) };
}

/** NORMAL_OPEN inside the exchange's session of today, NORMAL_CLOSE otherwise (what market_info says too). */
function status(core: SimulatorCore, raw: string): Reply {
  const exchange = decodeURIComponent(raw).toUpperCase();
  if (!SIM_EXCHANGES.includes(exchange)) throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid exchange', 'exchange', exchange);
  const now = core.clock.now();
  const session = timingsOn(istDateOf(now), core.marketRules)?.find((t) => t.exchange === exchange);
  const open = exchange === 'NSE' ? core.marketOpen() : !!session && now >= session.start_time && now < session.end_time;
  // last_updated: when the status last changed; the session boundary that passed last (now when unknown).
  const boundary = session ? (now >= session.end_time ? session.end_time : now >= session.start_time ? session.start_time : null) : null;
  return { status: 200, body: successBody({ exchange, status: open ? 'NORMAL_OPEN' : 'NORMAL_CLOSE', last_updated: boundary ?? now }) };
}

export function marketInfoRoutes(core: SimulatorCore): Route[] {
  const pathValue = (path: string, prefix: string): string => path.replace(/\/+$/, '').slice(prefix.length);
  return [
    { method: 'GET', path: '/v2/market/holidays', auth: 'none', rateGroup: 'standard', handler: () => holidays(core, null) },
    {
      method: 'GET', path: '/v2/market/holidays/{date}', pattern: /^\/v2\/market\/holidays\/[^/]+$/, auth: 'none', rateGroup: 'standard',
      handler: (ctx) => holidays(core, pathValue(ctx.path, '/v2/market/holidays/')),
    },
    {
      method: 'GET', path: '/v2/market/timings/{date}', pattern: /^\/v2\/market\/timings\/[^/]+$/, auth: 'none', rateGroup: 'standard',
      handler: (ctx) => timings(core, pathValue(ctx.path, '/v2/market/timings/')),
    },
    {
      method: 'GET', path: '/v2/market/status/{exchange}', pattern: /^\/v2\/market\/status\/[^/]+$/, auth: 'bearer', rateGroup: 'standard',
      handler: (ctx) => status(core, pathValue(ctx.path, '/v2/market/status/')),
    },
  ];
}
