/**
 * Armed faults of the portfolio stream (control API `/__sim/feed/...`). Socket-level faults (drop, stall)
 * act on the sockets at once and live in FeedHub; these ones wait for the next upgrade or message.
 */
export class FeedFaults {
  /** The next `remaining` upgrades to the portfolio stream are answered `status` instead. */
  refuse: { remaining: number; status: number } | null = null;
  /** The next `duplicateRemaining` delivered messages are each sent twice. */
  duplicateRemaining = 0;
  /** When armed, the next delivered message is held back and sent after the one that follows it. */
  reorderArmed = false;
  /** Longest time a held message waits for a follower before it goes out alone (late, still out of order). */
  reorderHoldMs = 5000;

  /** Takes one upgrade refusal, if armed: the HTTP status to answer. */
  takeRefusal(): number | null {
    if (!this.refuse) return null;
    const { status } = this.refuse;
    this.refuse.remaining--;
    if (this.refuse.remaining <= 0) this.refuse = null;
    return status;
  }

  /** How many copies of the next delivered message to send (2 while a duplicate fault is armed). */
  takeCopies(): number {
    if (this.duplicateRemaining <= 0) return 1;
    this.duplicateRemaining--;
    return 2;
  }

  clear(): void {
    this.refuse = null;
    this.duplicateRemaining = 0;
    this.reorderArmed = false;
  }
}
