import { LimiterClock, OutboundLimiter, OutboundLimits, DEFAULT_OUTBOUND_LIMITS } from './outbound-limiter';
import { UpstoxApiError } from './upstox-api-error';

/** Virtual time: sleep() parks the caller until the test advances the clock past its wake-up time. */
class FakeClock implements LimiterClock {
  private t = 0;
  private timers: { at: number; wake: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.timers.push({ at: this.t + ms, wake }));
  }
  /** Advances time to each pending wake-up in order until nothing is waiting. */
  async runAll(): Promise<void> {
    await flush();
    while (this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) break;
      this.t = Math.max(this.t, next.at);
      next.wake();
      await flush();
    }
  }
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    await flush();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.wake();
      await flush();
    }
    this.t = until;
  }
}

/** Lets every pending promise callback run (admissions are chained, so it takes several hops). */
async function flush(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

function writesOnly(write: OutboundLimits['write'], writeMaxWaitMs: number): OutboundLimits {
  return { ...DEFAULT_OUTBOUND_LIMITS, write, writeMaxWaitMs };
}

/** Largest number of sends inside any half-open window [t, t + windowMs). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let n = 0;
    for (let j = i; j < sorted.length && sorted[j] < sorted[i] + windowMs; j++) n++;
    best = Math.max(best, n);
  }
  return best;
}

async function burst(limiter: OutboundLimiter, clock: FakeClock, count: number) {
  const sentAt: number[] = [];
  const refused: unknown[] = [];
  const all = Array.from({ length: count }, () =>
    limiter.acquire('write').then(
      (release) => {
        sentAt.push(clock.now());
        release(); // answered at once
      },
      (e: unknown) => refused.push(e),
    ),
  );
  await clock.runAll();
  await Promise.all(all);
  return { sentAt, refused };
}

describe('OutboundLimiter', () => {
  it('lets 20 concurrent writes through at most 8 per 1 s window when they may wait', async () => {
    const clock = new FakeClock();
    const limiter = new OutboundLimiter(writesOnly([{ limit: 8, windowMs: 1_000 }], 60_000), clock);
    const { sentAt, refused } = await burst(limiter, clock, 20);
    expect(refused).toEqual([]);
    expect(sentAt).toHaveLength(20);
    expect(maxInAnyWindow(sentAt, 1_000)).toBe(8);
    expect(sentAt.filter((t) => t === 0)).toHaveLength(8);
    expect(Math.max(...sentAt)).toBe(2_000);
  });

  it('refuses writes that would wait longer than ~1 s with RATE_LIMITED (429), sending none of them', async () => {
    const clock = new FakeClock();
    const limiter = new OutboundLimiter(writesOnly([{ limit: 8, windowMs: 1_000 }], 1_000), clock);
    const { sentAt, refused } = await burst(limiter, clock, 20);
    expect(sentAt).toHaveLength(16);
    expect(maxInAnyWindow(sentAt, 1_000)).toBe(8);
    expect(refused).toHaveLength(4);
    for (const e of refused) {
      expect(e).toBeInstanceOf(UpstoxApiError);
      expect((e as UpstoxApiError).code).toBe('RATE_LIMITED');
      expect((e as UpstoxApiError).httpStatus).toBe(429);
      expect((e as UpstoxApiError).outcome).toBe('rejected');
    }
  });

  it('honours every window at once under a steady flood (per second and per "minute")', async () => {
    const clock = new FakeClock();
    const limits = [{ limit: 3, windowMs: 100 }, { limit: 10, windowMs: 1_000 }];
    const limiter = new OutboundLimiter(writesOnly(limits, 5_000), clock);
    const sentAt: number[] = [];
    const pending: Promise<unknown>[] = [];
    // One write every 7 ms for 2.1 s of virtual time.
    for (let i = 0; i < 300; i++) {
      pending.push(
        limiter.acquire('write').then(
          (release) => {
            sentAt.push(clock.now());
            release();
          },
          () => undefined,
        ),
      );
      await clock.advance(7);
    }
    await clock.runAll();
    await Promise.all(pending);
    expect(sentAt.length).toBeGreaterThan(20);
    expect(maxInAnyWindow(sentAt, 100)).toBeLessThanOrEqual(3);
    expect(maxInAnyWindow(sentAt, 1_000)).toBeLessThanOrEqual(10);
  });

  it('keeps reads and writes in separate budgets', async () => {
    const clock = new FakeClock();
    const limiter = new OutboundLimiter(
      { write: [{ limit: 1, windowMs: 1_000 }], read: [{ limit: 2, windowMs: 1_000 }], writeMaxWaitMs: 0, readMaxWaitMs: 0 },
      clock,
    );
    (await limiter.acquire('write'))();
    (await limiter.acquire('read'))();
    (await limiter.acquire('read'))();
    await expect(limiter.acquire('read')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limiter.acquire('write')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await clock.advance(1_000);
    await expect(limiter.acquire('write')).resolves.toEqual(expect.any(Function));
  });

  it('counts a slow request until a window after it completes, so late arrivals cannot bunch up at Upstox', async () => {
    const clock = new FakeClock();
    const limiter = new OutboundLimiter(writesOnly([{ limit: 8, windowMs: 1_000 }], 5_000), clock);
    // 8 writes granted at t=0 whose connections are slow: they reach Upstox and finish at t=900.
    const slow = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire('write')));
    let ninthSentAt: number | null = null;
    const ninth = limiter.acquire('write').then((release) => {
      ninthSentAt = clock.now();
      release();
    });
    await clock.advance(900);
    expect(ninthSentAt).toBeNull();
    slow.forEach((release) => release());
    await clock.runAll();
    await ninth;
    // Counting from the grant would have sent it at t=1000, 100 ms after the 8 arrivals.
    expect(ninthSentAt).toBe(1_900);
    expect(limiter.usage('write').inFlight).toBe(0);
  });

  it('refuses instead of waiting past the max wait while slow requests hold every slot', async () => {
    const clock = new FakeClock();
    const limiter = new OutboundLimiter(writesOnly([{ limit: 2, windowMs: 1_000 }], 1_000), clock);
    await limiter.acquire('write');
    await limiter.acquire('write');
    const third = limiter.acquire('write');
    const outcome = third.then(
      () => 'sent',
      (e: UpstoxApiError) => e.code,
    );
    await clock.runAll();
    expect(await outcome).toBe('RATE_LIMITED');
  });

  it('uses the documented defaults below Upstox limits', () => {
    expect(DEFAULT_OUTBOUND_LIMITS.write).toEqual([
      { limit: 8, windowMs: 1_000 },
      { limit: 400, windowMs: 60_000 },
      { limit: 1_800, windowMs: 1_800_000 },
    ]);
    expect(DEFAULT_OUTBOUND_LIMITS.read).toEqual([{ limit: 40, windowMs: 1_000 }]);
    expect(DEFAULT_OUTBOUND_LIMITS.writeMaxWaitMs).toBeLessThanOrEqual(1_000);
    expect(() => new OutboundLimiter(writesOnly([{ limit: 0, windowMs: 1_000 }], 0))).toThrow(/positive/);
  });
});
