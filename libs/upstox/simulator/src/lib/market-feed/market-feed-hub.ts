import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { encodeFeedResponse } from './feed-proto';
import { FeedMode, feedFor, FeedSnapshot } from './feed-frames';

/** Path of the authorized URI (the docs' sample is `wss://…/market-data-feeder/v2/upstox-developer-api/feeds?requestId=&code=`). */
export const MARKET_SOCKET_PATH = '/market-data-feeder/v3/upstox-developer-api/feeds';
const GRANT_TTL_MS = 60_000;
const PING_INTERVAL_MS = 30_000;

/** CONTRACT §9.2: keys per connection; one mode alone gets `alone`, both modes in use each get `combined`. */
export const MARKET_FEED_LIMITS: Record<FeedMode, { alone: number; combined: number }> = {
  ltpc: { alone: 5000, combined: 2000 },
  full: { alone: 2000, combined: 1500 },
};

interface Grant {
  userId: string;
  token: string;
  expiresAt: number;
}

interface MarketSocket {
  ws: WebSocket;
  userId: string;
  token: string;
  subs: Map<string, FeedMode>;
}

export interface MarketFeedSource {
  /** The frame data of one instrument now; null for a key the simulator does not know (Upstox sends nothing for it). */
  snapshot(instrumentKey: string): FeedSnapshot | null;
  now(): number;
  /** Segment -> MarketStatus name. */
  segmentStatus(): Record<string, string>;
}

/**
 * The market data feed v3 (CONTRACT §9.2): single-use authorized URIs, one subscription set per socket, protobuf
 * FeedResponse frames: `market_info` on connect (and whenever a segment's status changes), `initial_feed` for the
 * keys of each sub / change_mode, `live_feed` when prices move.
 */
export class MarketFeedHub {
  private readonly grants = new Map<string, Grant>();
  private readonly sockets = new Set<MarketSocket>();
  private lastStatus = '';
  openedTotal = 0;
  /** The next `remaining` upgrades are answered `status` (control API: market-feed/refuse). */
  refuse: { remaining: number; status: number } | null = null;

  constructor(private readonly source: MarketFeedSource) {}

  authorize(userId: string, token: string, httpOrigin: string): string {
    const requestId = randomUUID();
    const code = randomUUID();
    this.grants.set(`${requestId}/${code}`, { userId, token, expiresAt: Date.now() + GRANT_TTL_MS });
    return `${httpOrigin.replace(/^http/, 'ws')}${MARKET_SOCKET_PATH}?requestId=${requestId}&code=${code}`;
  }

  takeGrant(requestId: string | null, code: string | null): Grant | null {
    const key = `${requestId}/${code}`;
    const grant = this.grants.get(key);
    this.grants.delete(key);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  takeRefusal(): number | null {
    if (!this.refuse) return null;
    const { status } = this.refuse;
    if (--this.refuse.remaining <= 0) this.refuse = null;
    return status;
  }

  attach(ws: WebSocket, grant: Grant): void {
    const socket: MarketSocket = { ws, userId: grant.userId, token: grant.token, subs: new Map() };
    this.sockets.add(socket);
    this.openedTotal++;
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ping.unref();
    ws.on('close', () => {
      clearInterval(ping);
      this.sockets.delete(socket);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => this.onRequest(socket, data, isBinary));
    this.send(socket, this.marketInfo());
  }

  /** A `live_feed` to every socket subscribed to one of `keys`, in each socket's mode. */
  publish(keys: Iterable<string>): void {
    const moved = new Set(keys);
    const snapshots = new Map<string, FeedSnapshot | null>();
    for (const socket of this.sockets) {
      const feeds: Record<string, unknown> = {};
      for (const [key, mode] of socket.subs) {
        if (!moved.has(key)) continue;
        if (!snapshots.has(key)) snapshots.set(key, this.source.snapshot(key));
        const s = snapshots.get(key);
        if (s) feeds[key] = feedFor(s, mode);
      }
      if (Object.keys(feeds).length) this.send(socket, { type: 'live_feed', feeds, currentTs: this.source.now() });
    }
  }

  /** Sends `market_info` to every socket when a segment's status changed (market hours, market rules, clock). */
  refreshMarketStatus(): void {
    const status = JSON.stringify(this.source.segmentStatus());
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    for (const socket of this.sockets) this.send(socket, this.marketInfo());
  }

  /** Cuts every socket without a close frame (a network drop). */
  drop(): number {
    const open = this.openSockets().length;
    for (const s of this.sockets) s.ws.terminate();
    this.sockets.clear();
    return open;
  }

  /** Closes (1008) the sockets whose token is no longer live, like the portfolio stream. */
  closeDeadTokens(isLive: (token: string) => boolean): number {
    let closed = 0;
    for (const s of this.openSockets()) {
      if (isLive(s.token)) continue;
      closed++;
      s.ws.close(1008, 'Access token expired or revoked');
      setTimeout(() => s.ws.terminate(), 1000).unref();
    }
    return closed;
  }

  state(): Record<string, unknown> {
    const open = this.openSockets();
    return {
      open_sockets: open.length,
      opened_total: this.openedTotal,
      sockets: open.map((s) => ({ user_id: s.userId, subscriptions: Object.fromEntries(s.subs) })),
      refuse_upgrades: this.refuse ? { ...this.refuse } : null,
    };
  }

  closeAll(): void {
    this.grants.clear();
    this.refuse = null;
    for (const s of this.sockets) s.ws.terminate();
    this.sockets.clear();
    this.openedTotal = 0;
    this.lastStatus = '';
  }

  private openSockets(): MarketSocket[] {
    return [...this.sockets].filter((s) => s.ws.readyState === s.ws.OPEN);
  }

  private marketInfo(): Record<string, unknown> {
    const segmentStatus = this.source.segmentStatus();
    this.lastStatus = JSON.stringify(segmentStatus);
    return { type: 'market_info', currentTs: this.source.now(), marketInfo: { segmentStatus } };
  }

  /**
   * `{guid, method, data: {mode, instrumentKeys}}` as UTF-8 JSON in a binary frame (what the SDK sends). Text frames
   * and unreadable requests are ignored (Upstox documents no error reply). Modes other than ltpc / full
   * (option_greeks, full_d30) are not simulated: such requests are ignored too.
   */
  private onRequest(socket: MarketSocket, data: RawData, isBinary: boolean): void {
    if (!isBinary) return;
    let request: { method?: unknown; data?: { mode?: unknown; instrumentKeys?: unknown } };
    try {
      request = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8'));
    } catch {
      return;
    }
    const keys = Array.isArray(request?.data?.instrumentKeys) ? request.data.instrumentKeys.filter((k): k is string => typeof k === 'string') : [];
    const mode = request?.data?.mode ?? 'ltpc';
    if (!keys.length) return;
    if (request.method === 'unsub') {
      for (const key of keys) socket.subs.delete(key);
      return;
    }
    if ((request.method !== 'sub' && request.method !== 'change_mode') || (mode !== 'ltpc' && mode !== 'full')) return;
    const next = new Map(socket.subs);
    // change_mode applies to keys already subscribed; sub (also how the SDK's changeMode asks) adds or moves.
    for (const key of keys) if (request.method === 'sub' || next.has(key)) next.set(key, mode);
    const over = overLimit(next);
    if (over) {
      // Upstox does not document what happens past the limit; the simulator refuses loudly: the request is not
      // applied and the socket is closed with 1008 and the limit in the reason (a client must never get here).
      socket.ws.close(1008, over);
      return;
    }
    socket.subs = next;
    const feeds: Record<string, unknown> = {};
    for (const key of keys) {
      const s = next.has(key) ? this.source.snapshot(key) : null;
      if (s) feeds[key] = feedFor(s, next.get(key) as FeedMode);
    }
    if (Object.keys(feeds).length) this.send(socket, { type: 'initial_feed', feeds, currentTs: this.source.now() });
  }

  private send(socket: MarketSocket, message: Record<string, unknown>): void {
    if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(encodeFeedResponse(message), { binary: true });
  }
}

/** The reason to close with when `subs` breaks a limit; null when it fits. */
function overLimit(subs: Map<string, FeedMode>): string | null {
  const counts: Record<FeedMode, number> = { ltpc: 0, full: 0 };
  for (const mode of subs.values()) counts[mode]++;
  const combined = counts.ltpc > 0 && counts.full > 0;
  for (const mode of ['ltpc', 'full'] as const) {
    const limit = combined ? MARKET_FEED_LIMITS[mode].combined : MARKET_FEED_LIMITS[mode].alone;
    if (counts[mode] > limit) return `Subscription limit exceeded: ${mode} allows ${limit} keys`;
  }
  return null;
}
