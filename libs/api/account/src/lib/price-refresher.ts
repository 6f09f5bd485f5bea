import type { AccountMirror } from './account-mirror';

/** Upstox's LTP endpoint takes at most 500 instrument keys per call (CONTRACT §7.1). */
const MAX_KEYS_PER_CALL = 500;

/**
 * The portfolio stream carries quantities, never prices: while it is live, the last prices of open positions and
 * holdings are read once every `intervalMs` (one call for all of them) so their P&L moves. The market data feed
 * (a later issue) replaces this. At most one read at a time; none while the stream is not live.
 */
export class PriceRefresher {
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  /** Only the first failure of a run is reported: a price service down for an hour is one log line, not 720. */
  private failing = false;

  constructor(
    private readonly readPrices: (instrumentKeys: string[]) => Promise<Record<string, number>>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(mirror: AccountMirror, isLive: () => boolean): void {
    this.stop();
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.refresh(mirror, isLive), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async refresh(mirror: AccountMirror, isLive: () => boolean): Promise<void> {
    if (this.busy || !isLive()) return;
    const keys = mirror.heldInstrumentKeys().slice(0, MAX_KEYS_PER_CALL);
    if (keys.length === 0) return;
    this.busy = true;
    try {
      mirror.applyLastPrices(await this.readPrices(keys));
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.onError(error);
      this.failing = true;
    } finally {
      this.busy = false;
    }
  }
}
