/** India Standard Time has no daylight saving: a fixed +05:30 offset. */
export const IST_OFFSET_MINUTES = 330;
export const IST_TIME_ZONE = 'Asia/Kolkata';

/**
 * Upstox reports IST wall time as `YYYY-MM-DD HH:mm:ss`; we publish ISO-8601 with the offset.
 * Returns null for empty or malformed input.
 */
export function istWallTimeToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+05:30`;
}

const IST_FORMAT = new Intl.DateTimeFormat('en-IN', {
  timeZone: IST_TIME_ZONE,
  day: '2-digit',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // Not hour12: false, which writes the hour after midnight as 24 ("29 Nov, 24:00:05").
  hourCycle: 'h23',
});

// One formatter for every call: building one (what toLocaleTimeString with options does each time) costs far more
// than formatting, and these run on every change of a live view.
const IST_CLOCK_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: IST_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `14:05:09 IST` (the wall-clock time of an instant in IST), e.g. when a view was last updated. */
export function formatIstClock(at: Date): string {
  return `${IST_CLOCK_FORMAT.format(at)} IST`;
}

/** `28 Nov, 14:05:09 IST` for display. */
export function formatIst(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${IST_FORMAT.format(date)} IST`;
}

/**
 * The instant an Upstox access token issued at `issuedAt` dies: the next 03:30 IST
 * (a token minted at 02:30 dies at 03:30 the same day).
 */
export function nextTokenExpiry(issuedAt: Date): Date {
  const istMs = issuedAt.getTime() + IST_OFFSET_MINUTES * 60_000;
  const ist = new Date(istMs);
  const expiryIstMs = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 3, 30, 0, 0);
  const expiryIst = expiryIstMs > istMs ? expiryIstMs : expiryIstMs + 24 * 3600_000;
  return new Date(expiryIst - IST_OFFSET_MINUTES * 60_000);
}

/** Past the rollover by this much: the simulator's and the api's clocks read the same second a little apart. */
const ROLLOVER_MARGIN_MS = 2_000;

/**
 * How long a run of up to `runMs` that would start at `nowMs` waits so that no token rollover falls inside it:
 * until just past the next 03:30 IST when that comes before the run would end, else 0. For test runs: a connection
 * made before 03:30 IST dies half-way through, which is not what they test (expiry tests move the simulator's clock).
 */
export function msToClearTokenRollover(nowMs: number, runMs: number): number {
  const untilRollover = nextTokenExpiry(new Date(nowMs)).getTime() - nowMs;
  return untilRollover <= runMs ? untilRollover + ROLLOVER_MARGIN_MS : 0;
}

/** The next instant (after `from`) whose IST wall time is hh:mm, e.g. 05:30 when Upstox's funds come back. */
export function nextIstTime(from: Date, hour: number, minute: number): Date {
  const istMs = from.getTime() + IST_OFFSET_MINUTES * 60_000;
  const ist = new Date(istMs);
  const sameDay = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), hour, minute, 0, 0);
  return new Date((sameDay > istMs ? sameDay : sameDay + 24 * 3600_000) - IST_OFFSET_MINUTES * 60_000);
}

/** `5h 12m` until `iso`, or `expired`. */
export function formatTimeLeft(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - now.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}
