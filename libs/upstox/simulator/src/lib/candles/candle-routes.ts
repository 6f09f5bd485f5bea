import { IST_OFFSET_MS } from '../clock';
import { successBody, UpstoxHttpError } from '../envelope';
import type { Reply, RequestContext } from '../http/request-context';
import type { SimInstrument } from '../market/instruments';
import type { Route } from '../router';
import { marketDataOf } from '../market-feed/market-data';
import type { SimulatorCore } from '../simulator-core';
import { aggregate, Bar, MINUTE_MS } from './minute-bars';
import { istDay, istMidnight } from './past-days';
import { candleWindowEnd, candleWindowStart } from './price-history';

/** Units and their interval ranges (Upstox v3 candles; intraday: minutes, hours and days only). */
const UNITS: Record<string, { max: number; intraday: boolean }> = {
  minutes: { max: 300, intraday: true },
  hours: { max: 5, intraday: true },
  days: { max: 1, intraday: true },
  weeks: { max: 1, intraday: false },
  months: { max: 1, intraday: false },
};
/** Upstox caps minute/hour history per request (1 month for minutes, 1 quarter for hours); the simulator uses these. */
const MAX_RANGE_DAYS: Record<string, number> = { minutes: 31, hours: 92 };

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-27T09:15:00+05:30`: Upstox's candle timestamp. */
export function istIso(ms: number): string {
  const d = new Date(ms + IST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+05:30`;
}

const row = (b: Bar): unknown[] => [istIso(b.ts), b.open, b.high, b.low, b.close, b.volume, 0];

/** Upstox answers newest first. */
const candlesReply = (bars: Bar[]): Reply => ({ status: 200, body: successBody({ candles: bars.map(row).reverse() }) });

function instrumentOf(core: SimulatorCore, raw: string): SimInstrument {
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    key = raw;
  }
  const instrument = core.instrument(key);
  if (!instrument) throw UpstoxHttpError.of(400, 'UDAPI100011', 'Invalid instrument key', 'instrument_key', key);
  return instrument;
}

function unitAndInterval(unit: string, rawInterval: string, intraday: boolean): { unit: string; interval: number } {
  const spec = UNITS[unit];
  if (!spec || (intraday && !spec.intraday)) throw UpstoxHttpError.of(400, 'UDAPI1028', 'Invalid unit', 'unit', unit);
  const interval = Number(rawInterval);
  if (!/^\d+$/.test(rawInterval) || interval < 1 || interval > spec.max) throw UpstoxHttpError.of(400, 'UDAPI1028', 'Invalid interval', 'interval', rawInterval);
  return { unit, interval };
}

function dayOf(date: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00+05:30`) : NaN;
  if (Number.isNaN(ms)) throw UpstoxHttpError.of(400, 'UDAPI100038', `Invalid ${name}, expected yyyy-mm-dd`, name, date);
  return istDay(ms);
}

/** Minute bars -> the unit's candles; minutes and hours align to the session open, days to midnight IST. */
function shape(bars: Bar[], unit: string, interval: number, alignMs: number): Bar[] {
  if (unit === 'minutes') return interval === 1 ? bars : aggregate(bars, interval, alignMs);
  if (unit === 'hours') return aggregate(bars, interval * 60, alignMs);
  return aggregate(bars, 24 * 60, alignMs - (alignMs % MINUTE_MS)).map((b) => ({ ...b, ts: istMidnight(istDay(b.ts)) }));
}

/** Today's candles by the simulator clock, from the same price path the feed and the LTP quote show. */
function intraday(core: SimulatorCore, ctx: RequestContext, m: RegExpExecArray): Reply {
  const instrument = instrumentOf(core, m[1]);
  const { unit, interval } = unitAndInterval(m[2], m[3], true);
  const now = core.clock.now();
  const start = candleWindowStart(now, core.marketRules);
  if (start === null) return candlesReply([]);
  const bars = marketDataOf(core).history.minuteBars(instrument, start, candleWindowEnd(now, core.marketRules), core.prices.ltp(instrument.record.instrument_key));
  return candlesReply(shape(bars, unit, interval, start));
}

function weekStart(day: number): number {
  const weekday = new Date(day * 86_400_000).getUTCDay();
  return day - ((weekday + 6) % 7);
}

/** Past sessions (today excluded: the intraday API serves it), `to_date` and `from_date` both included. */
function historical(core: SimulatorCore, ctx: RequestContext, m: RegExpExecArray): Reply {
  const instrument = instrumentOf(core, m[1]);
  const { unit, interval } = unitAndInterval(m[2], m[3], false);
  const today = istDay(core.clock.now());
  const toDay = Math.min(dayOf(m[4], 'to_date'), today - 1);
  const fromDay = m[5] ? dayOf(m[5], 'from_date') : toDay - (MAX_RANGE_DAYS[unit] ?? 365) + 1;
  if (fromDay > dayOf(m[4], 'to_date')) throw UpstoxHttpError.of(400, 'UDAPI100038', 'from_date must not be after to_date', 'from_date', m[5]);
  if (MAX_RANGE_DAYS[unit] && toDay - fromDay + 1 > MAX_RANGE_DAYS[unit]) {
    throw UpstoxHttpError.of(400, 'UDAPI100038', `A ${unit} request covers at most ${MAX_RANGE_DAYS[unit]} days`, 'from_date', m[5] ?? null);
  }
  if (unit === 'minutes' || unit === 'hours') {
    const bars: Bar[] = [];
    for (let day = fromDay; day <= toDay; day++) {
      const dayBars = marketDataOf(core).pastDays.minuteBars(instrument, day, today);
      if (dayBars.length) bars.push(...shape(dayBars, unit, interval, dayBars[0].ts));
    }
    return candlesReply(bars);
  }
  const daily = marketDataOf(core).pastDays.dailyBars(instrument, fromDay, toDay, today);
  if (unit === 'days') return candlesReply(daily);
  const periodOf = (b: Bar): number => {
    const day = istDay(b.ts);
    if (unit === 'weeks') return istMidnight(weekStart(day));
    const d = new Date(day * 86_400_000);
    return istMidnight(Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000));
  };
  const out: Bar[] = [];
  for (const b of daily) {
    const ts = periodOf(b);
    const last = out[out.length - 1];
    if (last && last.ts === ts) Object.assign(last, { high: Math.max(last.high, b.high), low: Math.min(last.low, b.low), close: b.close, volume: last.volume + b.volume });
    else out.push({ ...b, ts });
  }
  return candlesReply(out);
}

const KEY = '([^/]+)';
const INTRADAY = new RegExp(`^/v3/historical-candle/intraday/${KEY}/([a-z]+)/(\\w+)$`);
const HISTORICAL = new RegExp(`^/v3/historical-candle/${KEY}/([a-z]+)/(\\w+)/([\\w-]+)(?:/([\\w-]+))?$`);

/** GET /v3/historical-candle/intraday/{key}/{unit}/{interval} and /v3/historical-candle/{key}/{unit}/{interval}/{to}[/{from}]. */
export function candleRoutes(core: SimulatorCore): Route[] {
  const route = (path: string, pattern: RegExp, handler: (core: SimulatorCore, ctx: RequestContext, m: RegExpExecArray) => Reply): Route => ({
    method: 'GET',
    path,
    pattern,
    auth: 'bearer',
    rateGroup: 'standard',
    handler: (ctx) => handler(core, ctx, pattern.exec(ctx.path) as RegExpExecArray),
  });
  return [
    route('/v3/historical-candle/intraday/{instrument_key}/{unit}/{interval}', INTRADAY, intraday),
    route('/v3/historical-candle/{instrument_key}/{unit}/{interval}/{to_date}/{from_date}', HISTORICAL, historical),
  ];
}
