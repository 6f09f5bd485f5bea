export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_FEED_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * Full-jitter exponential backoff: a uniformly random wait in [0, min(maxMs, initialMs x 2^attempt)).
 * The jitter spreads reconnects of many desks after an Upstox outage; the cap keeps a long outage at one
 * attempt per `maxMs / 2` on average (120 per 30 minutes at 30 s), inside Upstox's 2,000 reads per 30 minutes. `attempt` counts from 0.
 */
export function backoffDelayMs(attempt: number, backoff: BackoffOptions, random: () => number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
