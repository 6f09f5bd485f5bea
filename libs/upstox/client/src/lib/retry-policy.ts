import { UpstoxApiError } from './upstox-api-error';

export interface RetryOptions {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests: [0, 1). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * Reads only. Retry when Upstox was rate limiting (429), failing (5xx) or the network broke
 * (refused, reset). Not on timeouts: a hung Upstox would otherwise triple the wait the user sees.
 * Writes are never retried (see SECURITY.md): callers simply do not use this for them.
 */
export function isRetryableReadError(error: unknown): boolean {
  if (!(error instanceof UpstoxApiError)) return false;
  if (error.code === 'RATE_LIMITED') return false; // our own limiter: retrying would only queue more
  if (error.upstreamStatus !== null) return error.upstreamStatus === 429 || error.upstreamStatus >= 500;
  return error.code === 'UPSTOX_UNREACHABLE';
}

/** "Full jitter" backoff: uniform in [0, min(max, base * 2^retry)). */
export function fullJitterDelay(retry: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withReadRetries<T>(attempt: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY_OPTIONS): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= options.maxAttempts || !isRetryableReadError(error)) throw error;
      await sleep(fullJitterDelay(n - 1, options));
    }
  }
}
