/** One upstream read: its value or its error, and when it was started. */
export interface Snapshot<T> {
  value: T;
  /** When the read was sent (epoch ms): the answer describes the account at least as of then. */
  at: number;
}

interface Outcome<T> {
  at: number;
  value?: T;
  error?: unknown;
}

/**
 * Guards one kind of upstream read (the order book, trades, ...): concurrent callers share one call, and
 * reads start at most once per `minIntervalMs` whatever the number of callers; inside that window the last
 * outcome is answered again (an error too, so a failing Upstox is not hammered). This is what bounds the
 * Upstox read budget while the live stream is down.
 */
export class SnapshotGate<T> {
  private inFlight: { at: number; promise: Promise<Snapshot<T>> } | null = null;
  private last: Outcome<T> | null = null;
  private generation = 0;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly minIntervalMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * A snapshot taken no earlier than `notBefore` (e.g. after the stream reopened). Without it, any recent
   * snapshot inside the throttle window will do.
   */
  read(notBefore = 0): Promise<Snapshot<T>> {
    if (this.inFlight && this.inFlight.at >= notBefore) return this.inFlight.promise;
    const last = this.last;
    if (last && last.at >= notBefore && this.now() - last.at < this.minIntervalMs) {
      return 'error' in last ? Promise.reject(last.error) : Promise.resolve({ value: last.value as T, at: last.at });
    }
    return this.start();
  }

  /** The last successful value, however old, or null. */
  lastValue(): Snapshot<T> | null {
    const last = this.last;
    return last && !('error' in last) ? { value: last.value as T, at: last.at } : null;
  }

  /** Forget everything (another connection): an in-flight read still completes but is not remembered. */
  reset(): void {
    this.generation++;
    this.inFlight = null;
    this.last = null;
  }

  private start(): Promise<Snapshot<T>> {
    const at = this.now();
    const generation = this.generation;
    const promise = this.fetch().then(
      (value) => {
        this.settle(generation, { at, value });
        return { value, at };
      },
      (error: unknown) => {
        this.settle(generation, { at, error });
        throw error;
      },
    );
    this.inFlight = { at, promise };
    return promise;
  }

  private settle(generation: number, outcome: Outcome<T>): void {
    if (generation !== this.generation) return;
    if (this.inFlight && this.inFlight.at === outcome.at) this.inFlight = null;
    if (!this.last || this.last.at <= outcome.at) this.last = outcome;
  }
}
