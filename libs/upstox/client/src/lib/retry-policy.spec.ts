import { fullJitterDelay, isRetryableReadError, RetryOptions, withReadRetries } from './retry-policy';
import { errorFromNetworkFailure, errorFromUpstoxResponse, outboundRateLimitedError } from './upstox-error-map';

const ctx = { method: 'GET', path: '/v2/user/profile', write: false };
const body = (code: string) => ({ status: 'error', errors: [{ error_code: code, message: 'x' }] });

describe('read retry policy', () => {
  it('retries only 429, 5xx and broken connections', () => {
    expect(isRetryableReadError(errorFromUpstoxResponse(ctx, 429, body('UDAPI10005')))).toBe(true);
    expect(isRetryableReadError(errorFromUpstoxResponse(ctx, 500, body('UDAPI100500')))).toBe(true);
    expect(isRetryableReadError(errorFromUpstoxResponse(ctx, 503, undefined))).toBe(true);
    expect(isRetryableReadError(errorFromNetworkFailure(ctx, 'refused', 'ECONNREFUSED'))).toBe(true);
    expect(isRetryableReadError(errorFromNetworkFailure(ctx, 'reset', 'ECONNRESET'))).toBe(true);
    expect(isRetryableReadError(errorFromNetworkFailure(ctx, 'timeout', 'ECONNABORTED'))).toBe(false);
    expect(isRetryableReadError(errorFromUpstoxResponse(ctx, 401, body('UDAPI100050')))).toBe(false);
    expect(isRetryableReadError(errorFromUpstoxResponse(ctx, 400, body('UDAPI100036')))).toBe(false);
    expect(isRetryableReadError(outboundRateLimitedError('read'))).toBe(false);
    expect(isRetryableReadError(new Error('plain'))).toBe(false);
  });

  it('draws full-jitter delays below min(cap, base * 2^n)', () => {
    const opts: RetryOptions = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 300 };
    expect(fullJitterDelay(0, { ...opts, random: () => 0.999 })).toBe(99);
    expect(fullJitterDelay(1, { ...opts, random: () => 0.5 })).toBe(100);
    expect(fullJitterDelay(5, { ...opts, random: () => 0.999 })).toBe(299);
    expect(fullJitterDelay(3, { ...opts, random: () => 0 })).toBe(0);
  });

  it('makes at most 3 attempts, sleeping a jittered delay between them', async () => {
    const sleeps: number[] = [];
    const opts: RetryOptions = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) };
    let calls = 0;
    const failing = async () => {
      calls++;
      throw errorFromUpstoxResponse(ctx, 500, body('UDAPI100500'));
    };
    await expect(withReadRetries(failing, opts)).rejects.toMatchObject({ code: 'UPSTOX_UNAVAILABLE' });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('returns the first success and does not retry a non-retryable error', async () => {
    const opts: RetryOptions = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined };
    let calls = 0;
    await expect(
      withReadRetries(async () => {
        calls++;
        if (calls === 1) throw errorFromNetworkFailure(ctx, 'reset', 'ECONNRESET');
        return 'ok';
      }, opts),
    ).resolves.toBe('ok');
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      withReadRetries(async () => {
        calls++;
        throw errorFromUpstoxResponse(ctx, 401, body('UDAPI100050'));
      }, opts),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(calls).toBe(1);
  });
});
