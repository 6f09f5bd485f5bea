import { IST_TIME_ZONE, MarketHoursView } from '@desk/contracts';

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: IST_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: IST_TIME_ZONE, weekday: 'short' });

/** `09:15` IST. */
export function istClock(iso: string): string {
  return TIME.format(new Date(iso));
}

/** `Mon 09:15` IST. */
export function istDayAndClock(iso: string): string {
  return `${WEEKDAY.format(new Date(iso))} ${istClock(iso)}`;
}

/** The top bar's words (issue 9 item 2): "NSE open until 15:30", "NSE closed - opens Mon 09:15". */
export function marketHoursLabel(h: MarketHoursView): string {
  if (h.open) return h.closesAt ? `${h.exchange} open until ${istClock(h.closesAt)}` : `${h.exchange} open`;
  return h.nextOpenAt ? `${h.exchange} closed - opens ${istDayAndClock(h.nextOpenAt)}` : `${h.exchange} closed`;
}

/** What the Place Order dialog says while the exchange is closed; null while it is open. */
export function closedMarketAdvice(h: MarketHoursView): { amo: string; regularRefused: string } | null {
  if (h.open) return null;
  const at = h.nextOpenAt ? istClock(h.nextOpenAt) : null;
  return {
    amo: at ? `After-market order: sent to the exchange when it opens at ${at}` : 'After-market order: sent to the exchange when it next opens',
    regularRefused: h.nextOpenAt
      ? `${h.exchange} is closed: Upstox refuses regular orders until ${at} ${istDayAndClock(h.nextOpenAt).split(' ')[0]}`
      : `${h.exchange} is closed: Upstox refuses regular orders until it opens`,
  };
}
