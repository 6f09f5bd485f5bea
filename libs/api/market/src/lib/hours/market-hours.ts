import type { MarketHoursView, MarketSegmentPhase } from '@desk/contracts';
import type { ExchangeTiming, MarketHoliday } from '@desk/upstox/client';

const DAY_MS = 24 * 3600_000;
const IST_OFFSET_MS = 330 * 60_000;
/** Days looked ahead for the next session (a long holiday run plus weekends is under a week). */
const LOOK_AHEAD_DAYS = 14;
/** NSE/BSE's regular session, used when Upstox's timings cannot be read (the sandbox serves none). */
const REGULAR = { open: 9 * 60 + 15, close: 15 * 60 + 30 };

export interface Session {
  start: number;
  end: number;
}

/** What the hours are computed from; `timingsOn` answers null when the day's timings could not be read. */
export interface HoursCalendar {
  holidays: readonly MarketHoliday[] | null;
  timingsOn(date: string): Promise<readonly ExchangeTiming[] | null>;
}

export interface LivePhase {
  phase: MarketSegmentPhase;
  source: 'feed' | 'upstox-status';
}

/** `YYYY-MM-DD` of the IST day containing `ms`. */
export function istDate(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 10);
}

function istMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - IST_OFFSET_MS;
}

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/**
 * The exchange's session on an IST date, or null when it does not trade. A holiday that closes the exchange wins
 * (unless it lists a special session for it); a weekend trades only with such a special session; any other day
 * takes Upstox's timings for the date, or the regular 09:15-15:30 when they cannot be read (`fallback` is then set).
 */
export async function sessionOn(exchange: string, date: string, calendar: HoursCalendar): Promise<{ session: Session | null; fallback: boolean; holiday: string | null }> {
  const holiday = calendar.holidays?.find((h) => h.date === date) ?? null;
  const special = holiday?.openExchanges.find((t) => t.exchange === exchange);
  if (special) return { session: { start: special.startsAt, end: special.endsAt }, fallback: false, holiday: null };
  if (holiday?.closedExchanges.includes(exchange)) return { session: null, fallback: false, holiday: holiday.description };
  const day = weekday(date);
  if (day === 0 || day === 6) return { session: null, fallback: false, holiday: null };
  const timings = await calendar.timingsOn(date);
  if (timings === null) {
    const midnight = istMidnight(date);
    return { session: { start: midnight + REGULAR.open * 60_000, end: midnight + REGULAR.close * 60_000 }, fallback: true, holiday: null };
  }
  const t = timings.find((x) => x.exchange === exchange);
  return { session: t ? { start: t.startsAt, end: t.endsAt } : null, fallback: false, holiday: null };
}

/**
 * Open now, closes at, next open. The live phase (feed, else Upstox's status) decides "open now" when known, the
 * sessions otherwise; a session of a whole day (the simulator without market rules) has no closing time.
 */
export async function computeMarketHours(exchange: string, now: number, live: LivePhase | null, calendar: HoursCalendar): Promise<MarketHoursView> {
  const today = istDate(now);
  const todays = await sessionOn(exchange, today, calendar);
  const current = todays.session && todays.session.start <= now && now < todays.session.end ? todays.session : null;
  let next: Session | null = null;
  let fallback = todays.fallback;
  for (let i = 0; i < LOOK_AHEAD_DAYS && !next; i++) {
    const date = istDate(istMidnight(today) + i * DAY_MS + 12 * 3600_000);
    const day = i === 0 ? todays : await sessionOn(exchange, date, calendar);
    fallback ||= day.fallback;
    if (day.session && day.session.start > now) next = day.session;
  }
  const open = live ? live.phase === 'open' : current !== null;
  const wholeDay = current !== null && current.end - current.start >= DAY_MS - 60_000;
  const closesAt = open && current && !wholeDay ? new Date(current.end).toISOString() : null;
  return {
    exchange,
    open,
    phase: live?.phase ?? null,
    source: live?.source ?? (fallback ? 'regular-hours' : 'timings'),
    closesAt,
    nextOpenAt: open || !next ? null : new Date(next.start).toISOString(),
    holiday: todays.holiday,
    asOf: new Date(now).toISOString(),
  };
}
