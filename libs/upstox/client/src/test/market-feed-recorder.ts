import type { MarketDataFeedListener, MarketFeedReason, MarketFeedState } from '../lib/market-feed/market-data-feed';
import type { MarketFeedMessage, MarketQuote } from '../lib/market-feed/market-feed-message';

/** A MarketDataFeedListener that records every callback for assertions. */
export class MarketFeedRecorder implements MarketDataFeedListener {
  readonly messages: MarketFeedMessage[] = [];
  readonly states: { state: MarketFeedState; cause: string | null; reason: MarketFeedReason | null }[] = [];

  onMessage(message: MarketFeedMessage): void {
    this.messages.push(message);
  }

  onState(state: MarketFeedState, cause: string | null, reason: MarketFeedReason | null): void {
    this.states.push({ state, cause, reason });
  }

  get lives(): number {
    return this.states.filter((s) => s.state === 'live').length;
  }

  /** Every quote received so far, optionally only for one key, oldest first. */
  quotes(key?: string, filter: (m: MarketFeedMessage & { type: 'quotes' }) => boolean = () => true): MarketQuote[] {
    return this.messages.flatMap((m) => (m.type === 'quotes' && filter(m) ? m.quotes.filter((q) => key === undefined || q.instrumentKey === key) : []));
  }

  clear(): void {
    this.messages.length = 0;
  }

  async until(check: (r: MarketFeedRecorder) => boolean, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) {
        throw new Error(`market feed did not get there in ${timeoutMs} ms; states: ${this.states.map((s) => s.state).join(' ')}; messages: ${this.messages.length}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
