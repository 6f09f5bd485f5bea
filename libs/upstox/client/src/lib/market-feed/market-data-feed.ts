import { AccountStreamState } from '@desk/contracts';
import { WebSocket } from 'ws';
import type { UpstoxAuth, UpstoxClient } from '../upstox-client';
import { FeedReason, FeedSocket, FeedSocketOptions } from '../feed-socket/feed-socket';
import { MarketFeedMessage, MarketFeedMode, parseMarketFeedFrame } from './market-feed-message';
import { encodeFeedRequest, MarketFeedLimits, MarketSubscriptions, UPSTOX_MARKET_FEED_LIMITS } from './market-subscriptions';

/** The same states as the portfolio stream: connecting, live, reconnecting, down. */
export type MarketFeedState = AccountStreamState;

/** Why the feed changed state, for code (see FeedReason). */
export type MarketFeedReason = FeedReason;

export interface MarketDataFeedListener {
  /** Decoded frames: quotes (initial_feed / live_feed) and market_info. Frames we cannot read are skipped. */
  onMessage(message: MarketFeedMessage): void;
  /** Every change of state or cause; `reason` classifies the cause (null when live or connecting). */
  onState(state: MarketFeedState, cause: string | null, reason: MarketFeedReason | null): void;
}

export interface MarketDataFeedOptions extends FeedSocketOptions {
  /** Subscription changes within this window (default 20 ms) go out together, as few frames as possible. */
  batchMs?: number;
  /** Default: Upstox's limits (ltpc 5000 alone / 2000 combined, full 2000 / 1500). */
  limits?: MarketFeedLimits;
}

/**
 * Upstox's market data feed v3 (CONTRACT §9.2) for one connection: the wanted subscriptions and decoded frames.
 * Subscriptions are kept across sockets and re-sent on every new one; subscribe/unsubscribe/changeMode may be
 * called at any time (before start, while reconnecting). The socket's lifecycle (authorize anew per connect,
 * keep-alive, stall detection, capped jittered backoff, down on a refused token) is FeedSocket's, shared with the
 * portfolio stream.
 */
export class MarketDataFeed {
  private readonly subs: MarketSubscriptions;
  private readonly batchMs: number;
  private readonly socket: FeedSocket;
  /** The socket open now, told everything up to the last flush; null between sockets. */
  private ws: WebSocket | null = null;
  private batchTimer: NodeJS.Timeout | null = null;

  constructor(client: UpstoxClient, auth: () => UpstoxAuth, listener: MarketDataFeedListener, options: MarketDataFeedOptions = {}) {
    this.subs = new MarketSubscriptions(options.limits ?? UPSTOX_MARKET_FEED_LIMITS);
    this.batchMs = options.batchMs ?? 20;
    this.socket = new FeedSocket(
      auth,
      {
        name: 'market feed',
        authorize: (a) => client.authorizeMarketDataFeed(a),
        opened: (ws) => {
          this.ws = ws;
          this.subs.resetSent();
          this.flush(); // the whole wanted set, at once, on every new socket
        },
        frame: (data) => {
          const message = parseMarketFeedFrame(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer));
          if (message) this.socket.guard(() => listener.onMessage(message));
        },
        closed: () => {
          this.ws = null;
          if (this.batchTimer) clearTimeout(this.batchTimer);
          this.batchTimer = null;
        },
        state: (state, cause, reason) => listener.onState(state, cause, reason),
      },
      options,
      'MarketDataFeed',
    );
  }

  /** The last state reported (null before start()). */
  get state(): MarketFeedState | null {
    return this.socket.state;
  }

  /** The wanted subscriptions, key -> mode (what every new socket is told). */
  get subscriptions(): ReadonlyMap<string, MarketFeedMode> {
    return this.subs.snapshot();
  }

  /** Wants `keys` in `mode` (default ltpc). Throws MarketFeedLimitError (nothing changed) past Upstox's limit. */
  subscribe(keys: string[], mode: MarketFeedMode = 'ltpc'): void {
    this.subs.want(keys, mode);
    this.scheduleFlush();
  }

  unsubscribe(keys: string[]): void {
    this.subs.drop(keys);
    this.scheduleFlush();
  }

  /** Moves already-subscribed keys to `mode`. Throws MarketFeedLimitError (nothing changed) past the limit. */
  changeMode(keys: string[], mode: MarketFeedMode): void {
    this.subs.changeMode(keys, mode);
    this.scheduleFlush();
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  private scheduleFlush(): void {
    if (!this.ws || this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      this.flush();
    }, this.batchMs);
  }

  /** Sends what the socket has not been told yet (nothing between sockets: the next socket gets everything). */
  private flush(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (const r of this.subs.plan()) ws.send(encodeFeedRequest(r.method, r.keys, r.mode), { binary: true });
  }
}
