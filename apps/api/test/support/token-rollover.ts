import { nextTokenExpiry } from '@desk/contracts';

/** Longer than any api test file runs. */
const GUARD_MS = 3 * 60_000;
const PAST_MS = 2_000;

/**
 * Upstox access tokens die at 03:30 IST: the simulator's too, and the api refuses its connection from then on. A
 * test file that connects and then runs across 03:30 sees its connection die half-way, which is not what it tests
 * (the expiry tests move the simulator's clock on purpose). So a file that starts less than GUARD_MS before 03:30 IST
 * first waits until just after it: how long, in ms (0 at any other time of day).
 */
export function msUntilPastTokenRollover(nowMs: number): number {
  const untilRollover = nextTokenExpiry(new Date(nowMs)).getTime() - nowMs;
  return untilRollover <= GUARD_MS ? untilRollover + PAST_MS : 0;
}
