import { randomUUID } from 'node:crypto';

export interface Lease {
  id: string;
  /** Who took it (`session:<id>` / `api-key:<id>`): only they may renew or drop it. */
  owner: string;
  instrumentKeys: string[];
  expiresAt: number;
}

/** Leases one owner may hold at once; a client that forgets to drop its leases loses its oldest ones first. */
export const MAX_LEASES_PER_OWNER = 20;

/**
 * Instruments clients want streamed for a while (an open order dialog or chart). A lease ends at `expiresAt` unless
 * renewed, so a closed tab does not keep subscriptions alive. `sweep()` removes what expired.
 */
export class InterestLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Returns the new lease and the owner's lease it replaced, if the owner was at MAX_LEASES_PER_OWNER. */
  create(owner: string, instrumentKeys: string[]): { lease: Lease; evicted: Lease | null } {
    const own = [...this.leases.values()].filter((l) => l.owner === owner);
    const evicted = own.length >= MAX_LEASES_PER_OWNER ? own.reduce((a, b) => (a.expiresAt <= b.expiresAt ? a : b)) : null;
    if (evicted) this.leases.delete(evicted.id);
    const lease: Lease = { id: randomUUID(), owner, instrumentKeys: [...new Set(instrumentKeys)], expiresAt: this.now() + this.ttlMs };
    this.leases.set(lease.id, lease);
    return { lease, evicted };
  }

  /** The owner's live lease, renewed (and given new keys when `instrumentKeys` is set); null when unknown or not theirs. */
  renew(owner: string, id: string, instrumentKeys?: string[]): Lease | null {
    const lease = this.find(owner, id);
    if (!lease) return null;
    lease.expiresAt = this.now() + this.ttlMs;
    if (instrumentKeys) lease.instrumentKeys = [...new Set(instrumentKeys)];
    return lease;
  }

  drop(owner: string, id: string): boolean {
    const lease = this.find(owner, id);
    if (lease) this.leases.delete(id);
    return lease !== null;
  }

  /** Every leased key once, oldest lease first. */
  keys(): string[] {
    const out = new Set<string>();
    for (const lease of this.leases.values()) for (const key of lease.instrumentKeys) out.add(key);
    return [...out];
  }

  /** Removes expired leases; true when any went. */
  sweep(): boolean {
    const now = this.now();
    let removed = false;
    for (const [id, lease] of this.leases) {
      if (lease.expiresAt <= now) {
        this.leases.delete(id);
        removed = true;
      }
    }
    return removed;
  }

  private find(owner: string, id: string): Lease | null {
    const lease = this.leases.get(id);
    return lease && lease.owner === owner && lease.expiresAt > this.now() ? lease : null;
  }
}
