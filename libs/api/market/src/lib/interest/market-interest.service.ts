import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DeskError, ERROR_TITLES, INSTRUMENT_KEY_PATTERN, MarketInterestView } from '@desk/contracts';
import { Clock, validationFailed } from '@desk/api/core';
import type { Principal } from '@desk/api/access';
import { MARKET_CONFIG, MarketConfig } from '../market.config';
import { MarketState } from '../market-state.service';
import { InterestLeases, Lease, MAX_LEASES_PER_OWNER } from './interest-leases';

/** Instruments per lease (an order dialog needs one; a watch panel a few). */
export const MAX_KEYS_PER_LEASE = 20;

const ownerOf = (p: Principal): string => `${p.kind}:${p.id}`;

function leaseNotFound(id: string): DeskError {
  return new DeskError({
    code: 'NOT_FOUND',
    title: ERROR_TITLES.requestRefused,
    httpStatus: 404,
    message: `There is no live interest lease ${id} of yours: it expired (a lease lives about a minute without a renewal) or was dropped.`,
    nextStep: 'Take a new lease with POST /api/market/interest.',
  });
}

/** Reads `{instrumentKeys: string[]}` (1..20 valid keys, nothing else); `required: false` allows an empty body (renewal). */
export function readInterestBody(body: unknown, required: boolean): string[] | undefined {
  if (!required && (body === undefined || body === null || (typeof body === 'object' && Object.keys(body as object).length === 0))) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationFailed([{ field: 'body', message: 'Send {"instrumentKeys": ["NSE_EQ|INE002A01018"]}.' }]);
  const extra = Object.keys(body).filter((k) => k !== 'instrumentKeys');
  if (extra.length > 0) throw validationFailed(extra.map((f) => ({ field: f, message: `Unknown field '${f}'.` })));
  const keys = (body as { instrumentKeys?: unknown }).instrumentKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS_PER_LEASE) {
    throw validationFailed([{ field: 'instrumentKeys', message: `Give 1 to ${MAX_KEYS_PER_LEASE} instrument keys.` }]);
  }
  const bad = keys.filter((k) => typeof k !== 'string' || !INSTRUMENT_KEY_PATTERN.test(k));
  if (bad.length > 0) throw validationFailed([{ field: 'instrumentKeys', message: 'Each instrument key looks like NSE_EQ|INE002A01018.' }]);
  return keys as string[];
}

/**
 * Interest leases per principal: a client keeps instruments streamed while it shows them (POST, then PUT every
 * < TTL, DELETE when done). Expired leases are swept every second; any change tells the feed to re-plan.
 */
@Injectable()
export class MarketInterestService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MarketInterest');
  private readonly leases: InterestLeases;
  private readonly listeners = new Set<() => void>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly state: MarketState,
    private readonly clock: Clock,
    @Inject(MARKET_CONFIG) private readonly config: MarketConfig,
  ) {
    this.leases = new InterestLeases(config.interestTtlMs, () => clock.now().getTime());
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      if (this.leases.sweep()) this.changed();
    }, Math.min(1_000, Math.max(100, Math.floor(this.config.interestTtlMs / 4))));
    this.sweeper.unref?.();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Called after every change of the leased set. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  keys(): string[] {
    return this.leases.keys();
  }

  create(principal: Principal, instrumentKeys: string[]): MarketInterestView {
    const { lease, evicted } = this.leases.create(ownerOf(principal), instrumentKeys);
    if (evicted) this.logger.warn(`interest lease ${evicted.id} of ${principal.kind} dropped: more than ${MAX_LEASES_PER_OWNER} leases held at once`);
    this.changed();
    return this.view(lease);
  }

  renew(principal: Principal, id: string, instrumentKeys?: string[]): MarketInterestView {
    const lease = this.leases.renew(ownerOf(principal), id, instrumentKeys);
    if (!lease) throw leaseNotFound(id);
    if (instrumentKeys) this.changed();
    return this.view(lease);
  }

  drop(principal: Principal, id: string): void {
    if (!this.leases.drop(ownerOf(principal), id)) throw leaseNotFound(id);
    this.changed();
  }

  private view(lease: Lease): MarketInterestView {
    return {
      id: lease.id,
      instrumentKeys: lease.instrumentKeys,
      expiresAt: new Date(lease.expiresAt).toISOString(),
      quotes: this.state.quotes(lease.instrumentKeys),
    };
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
