import type { AccountStreamState } from '@desk/contracts';
import type { PortfolioFeedListener, PortfolioFeedReason } from '../lib/portfolio-feed/portfolio-feed';
import type { PortfolioUpdate } from '../lib/portfolio-feed/portfolio-message';

export interface RecordedState {
  state: AccountStreamState;
  cause: string | null;
  reason: PortfolioFeedReason | null;
}

/** A PortfolioFeedListener that records every callback, in order, for assertions. */
export class FeedRecorder implements PortfolioFeedListener {
  readonly states: RecordedState[] = [];
  readonly updates: PortfolioUpdate[] = [];
  /** Every callback in order: 'open', 'update', or the state name. */
  readonly calls: string[] = [];
  opens = 0;

  onOpen(): void {
    this.opens++;
    this.calls.push('open');
  }

  onUpdate(update: PortfolioUpdate): void {
    this.updates.push(update);
    this.calls.push('update');
  }

  onState(state: AccountStreamState, cause: string | null, reason?: PortfolioFeedReason | null): void {
    this.states.push({ state, cause, reason: reason ?? null });
    this.calls.push(state);
  }

  get stateNames(): AccountStreamState[] {
    return this.states.map((s) => s.state);
  }

  get last(): RecordedState | undefined {
    return this.states[this.states.length - 1];
  }

  /** Resolves once `check` holds (polled every 5 ms); rejects after `timeoutMs` with what was recorded. */
  async until(check: (r: FeedRecorder) => boolean, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) throw new Error(`feed did not get there in ${timeoutMs} ms; calls: ${this.calls.join(' ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
