import { ERROR_TITLES, OrderIntentView, notPlacedMessage } from '@desk/contracts';
import type { PlaceOutcome } from '../orders-store';

/** How often the dialog re-reads an unknown outcome, and for how long before it stops and says so. */
export const INTENT_CHECK_EVERY_MS = 2_000;
export const FOLLOW_INTENT_FOR_MS = 120_000;

/**
 * The settled outcome an intent's journal row shows, or null while the api is still finding out. After an unknown
 * outcome the api's reconciler moves the intent to SUBMITTED (Upstox has it) or NOT_PLACED (Upstox has no order with
 * its tag after the settle window); nothing else is final.
 */
export function settledOutcome(intent: OrderIntentView): PlaceOutcome | null {
  if (intent.status === 'SUBMITTED' && intent.orderIds.length > 0) {
    return { kind: 'placed', response: { intentId: intent.intentId, outcome: 'placed', orderIds: intent.orderIds, latencyMs: null } };
  }
  if (intent.status === 'NOT_PLACED') {
    return {
      kind: 'rejected',
      error: {
        code: 'ORDER_REJECTED',
        title: ERROR_TITLES.orderRejected,
        message: notPlacedMessage(intent.errorMessage),
        nextStep: 'You can place it again: Back to edit keeps what you typed.',
        requestId: `reconciled-${intent.intentId}`,
      },
    };
  }
  return null;
}

/**
 * Follows one unknown outcome to its end: re-reads the intent (a journal read, no Upstox call) until it settles,
 * or until FOLLOW_INTENT_FOR_MS has passed. A read with no answer is tried again at the next check.
 */
export class IntentFollower {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by stop() and follow(): a read still in flight for an earlier follow is then ignored. */
  private generation = 0;

  constructor(private readonly read: (intentId: string) => Promise<OrderIntentView>) {}

  follow(intentId: string, onSettled: (outcome: PlaceOutcome) => void, onGaveUp: () => void, now: () => number = Date.now): void {
    this.stop();
    const generation = this.generation;
    const deadline = now() + FOLLOW_INTENT_FOR_MS;
    const check = async (): Promise<void> => {
      let outcome: PlaceOutcome | null = null;
      try {
        outcome = settledOutcome(await this.read(intentId));
      } catch {
        // No answer this time (the api restarting, a dropped connection): the next check tries again.
      }
      if (generation !== this.generation) return;
      if (outcome) onSettled(outcome);
      else if (now() >= deadline) onGaveUp();
      else this.timer = setTimeout(() => void check(), INTENT_CHECK_EVERY_MS);
    };
    this.timer = setTimeout(() => void check(), INTENT_CHECK_EVERY_MS);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
  }
}
