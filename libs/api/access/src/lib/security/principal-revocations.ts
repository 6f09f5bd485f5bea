import { Injectable } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * Tells long-lived responses (the event stream) the moment a session signs out or an API key is revoked, so
 * nothing more reaches a client whose credentials ended. Carries only the non-secret principal id.
 */
@Injectable()
export class PrincipalRevocations {
  private readonly listeners = new Set<(revoked: Pick<Principal, 'kind' | 'id'>) => void>();

  subscribe(listener: (revoked: Pick<Principal, 'kind' | 'id'>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(revoked: Pick<Principal, 'kind' | 'id'>): void {
    for (const listener of [...this.listeners]) listener(revoked);
  }
}
