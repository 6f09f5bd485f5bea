import { Injectable } from '@nestjs/common';
import { CallbackPage } from '../pages/callback-pages';
import { randomToken } from '@desk/api/core';
import { OUTCOME_TTL_MS } from './transaction-cookie';

/**
 * Hands the result of /callback to the clean /callback/done page (the 303 in between removes the code and state
 * from the address bar, history and Referer). Keyed by a random id in a short-lived cookie of this browser;
 * kept in memory only: after a restart the done page just says to check the dashboard.
 */
@Injectable()
export class OAuthOutcomeStore {
  private readonly outcomes = new Map<string, { page: CallbackPage; expiresAt: number }>();

  put(page: CallbackPage, now: number): string {
    for (const [id, outcome] of this.outcomes) if (outcome.expiresAt <= now) this.outcomes.delete(id);
    const id = randomToken();
    this.outcomes.set(id, { page, expiresAt: now + OUTCOME_TTL_MS });
    return id;
  }

  /** Not consumed on read, so reloading the done page shows the same result until it expires. */
  get(id: string | null, now: number): CallbackPage | null {
    if (id === null) return null;
    const outcome = this.outcomes.get(id);
    return outcome && outcome.expiresAt > now ? outcome.page : null;
  }
}
