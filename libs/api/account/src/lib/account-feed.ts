import { Injectable } from '@nestjs/common';
import type { AccountChange } from './account-change';

/** The mirror's changes, for the event stream (and anything else that follows the account). */
@Injectable()
export class AccountFeed {
  private readonly listeners = new Set<(change: AccountChange) => void>();

  subscribe(listener: (change: AccountChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: AccountChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
