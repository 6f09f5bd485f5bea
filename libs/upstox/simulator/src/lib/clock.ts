/** The simulator's clock: real time plus an adjustable offset, and IST helpers. */
export const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 24 * 3600_000;

export class SimClock {
  constructor(private offsetMs = 0) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  set(instantMs: number): number {
    this.offsetMs = instantMs - Date.now();
    return this.now();
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  reset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}

export interface IstParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  minutesOfDay: number;
}

export function istParts(instantMs: number): IstParts {
  const d = new Date(instantMs + IST_OFFSET_MS);
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    minutesOfDay: hour * 60 + minute,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Upstox's order timestamp format: `YYYY-MM-DD HH:mm:ss` in IST. */
export function istTimestamp(instantMs: number): string {
  const p = istParts(instantMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `YYMMDD` of the IST date: the first six digits of an Upstox order id. */
export function istYymmdd(instantMs: number): string {
  const p = istParts(instantMs);
  return `${pad(p.year % 100)}${pad(p.month)}${pad(p.day)}`;
}

/** Milliseconds since IST midnight. */
export function istMsOfDay(instantMs: number): number {
  return (((instantMs + IST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Epoch ms of `hh:mm` IST on the IST calendar day containing `instantMs`. */
export function istTimeOnSameDay(instantMs: number, hour: number, minute: number): number {
  return instantMs - istMsOfDay(instantMs) + (hour * 60 + minute) * 60_000;
}

/** CONTRACT §2.2: a token dies at the next 03:30 IST (one minted at 02:30 dies at 03:30 the same day). */
export function nextTokenExpiry(issuedAtMs: number): number {
  const sameDay = istTimeOnSameDay(issuedAtMs, 3, 30);
  return sameDay > issuedAtMs ? sameDay : sameDay + DAY_MS;
}

/** 00:00-05:30 IST: order and funds APIs are in their daily maintenance window (CONTRACT §8). */
export function inServiceWindow(instantMs: number): boolean {
  return istParts(instantMs).minutesOfDay < 5 * 60 + 30;
}

/** NSE/BSE normal session 09:15-15:30 IST, Monday to Friday (exchange holidays are not modelled). */
export function inMarketHours(instantMs: number): boolean {
  const p = istParts(instantMs);
  if (p.weekday === 0 || p.weekday === 6) return false;
  return p.minutesOfDay >= 9 * 60 + 15 && p.minutesOfDay < 15 * 60 + 30;
}
