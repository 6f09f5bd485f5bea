import { randomUUID } from 'node:crypto';
import { DeskError, ERROR_TITLES } from '@desk/contracts';
import type { MarketFeedMode } from './market-feed-message';

/**
 * Upstox's per-connection subscription limits (CONTRACT §9.2, DOCS v3/get-market-data-feed): one mode alone may
 * use `individual` keys; when both modes are in use, each mode is held to its `combined` limit.
 */
export interface MarketFeedLimits {
  ltpc: { individual: number; combined: number };
  full: { individual: number; combined: number };
}

export const UPSTOX_MARKET_FEED_LIMITS: MarketFeedLimits = {
  ltpc: { individual: 5000, combined: 2000 },
  full: { individual: 2000, combined: 1500 },
};

/** A subscribe or mode change that would take a mode past Upstox's limit: refused whole, nothing changed. */
export class MarketFeedLimitError extends DeskError {
  constructor(
    readonly mode: MarketFeedMode,
    readonly limit: number,
    readonly requested: number,
  ) {
    super({
      code: 'VALIDATION_FAILED', title: ERROR_TITLES.requestRefused, httpStatus: 400,
      message: `Upstox streams at most ${limit} instruments in ${mode} mode on one connection; this would need ${requested}.`,
      nextStep: 'Unsubscribe instruments that are no longer shown, or use ltpc mode for some of them.',
      details: { mode, limit, requested },
    });
  }
}

export type FeedMethod = 'sub' | 'unsub' | 'change_mode';

/** One request frame's content (CONTRACT §9.2, the SDK's `buildRequest`). */
export interface FeedRequest {
  guid: string;
  method: FeedMethod;
  data: { mode?: MarketFeedMode; instrumentKeys: string[] };
}

/** A request as Upstox wants it: a BINARY frame holding UTF-8 JSON. `unsub` carries no mode, like the SDK's. */
export function encodeFeedRequest(method: FeedMethod, instrumentKeys: string[], mode?: MarketFeedMode, guid = randomUUID()): Buffer {
  const request: FeedRequest = { guid, method, data: mode === undefined ? { instrumentKeys } : { mode, instrumentKeys } };
  return Buffer.from(JSON.stringify(request), 'utf8');
}

/** Keys per request frame: keeps frames small (Upstox documents no per-frame limit). */
const KEYS_PER_REQUEST = 500;

/**
 * The wanted subscriptions (key -> mode) and what the current socket has been told. `plan()` gives the requests
 * that bring the socket in line (unsub, sub per mode, change_mode per mode); a new socket starts from nothing,
 * so after a reconnect the whole wanted set is sent again.
 */
export class MarketSubscriptions {
  private readonly wanted = new Map<string, MarketFeedMode>();
  private sent = new Map<string, MarketFeedMode>();

  constructor(private readonly limits: MarketFeedLimits = UPSTOX_MARKET_FEED_LIMITS) {}

  get size(): number {
    return this.wanted.size;
  }

  snapshot(): ReadonlyMap<string, MarketFeedMode> {
    return new Map(this.wanted);
  }

  /** Adds keys in `mode` (a key already wanted in another mode moves to `mode`). Throws MarketFeedLimitError. */
  want(keys: string[], mode: MarketFeedMode): void {
    const next = new Map(this.wanted);
    for (const key of keys) next.set(key, mode);
    this.check(next);
    for (const key of keys) this.wanted.set(key, mode);
  }

  /** Changes the mode of keys already wanted (others are ignored). Throws MarketFeedLimitError. */
  changeMode(keys: string[], mode: MarketFeedMode): void {
    this.want(keys.filter((k) => this.wanted.has(k)), mode);
  }

  drop(keys: string[]): void {
    for (const key of keys) this.wanted.delete(key);
  }

  /** A new socket knows nothing yet. */
  resetSent(): void {
    this.sent = new Map();
  }

  /** The requests to send now, and marks them sent. */
  plan(): { method: FeedMethod; mode?: MarketFeedMode; keys: string[] }[] {
    const unsub = [...this.sent.keys()].filter((k) => !this.wanted.has(k));
    const sub: Record<MarketFeedMode, string[]> = { ltpc: [], full: [] };
    const change: Record<MarketFeedMode, string[]> = { ltpc: [], full: [] };
    for (const [key, mode] of this.wanted) {
      const had = this.sent.get(key);
      if (had === undefined) sub[mode].push(key);
      else if (had !== mode) change[mode].push(key);
    }
    const out: { method: FeedMethod; mode?: MarketFeedMode; keys: string[] }[] = [];
    for (const keys of chunks(unsub)) out.push({ method: 'unsub', keys });
    // Unsubscribing and moving to ltpc first frees room in `full` before anything is added there.
    for (const mode of ['ltpc', 'full'] as const) for (const keys of chunks(change[mode])) out.push({ method: 'change_mode', mode, keys });
    for (const mode of ['ltpc', 'full'] as const) for (const keys of chunks(sub[mode])) out.push({ method: 'sub', mode, keys });
    this.sent = new Map(this.wanted);
    return out;
  }

  private check(next: Map<string, MarketFeedMode>): void {
    const counts: Record<MarketFeedMode, number> = { ltpc: 0, full: 0 };
    for (const mode of next.values()) counts[mode]++;
    const combined = counts.ltpc > 0 && counts.full > 0;
    for (const mode of ['ltpc', 'full'] as const) {
      const limit = combined ? this.limits[mode].combined : this.limits[mode].individual;
      if (counts[mode] > limit) throw new MarketFeedLimitError(mode, limit, counts[mode]);
    }
  }
}

function chunks(keys: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_REQUEST) out.push(keys.slice(i, i + KEYS_PER_REQUEST));
  return out;
}
