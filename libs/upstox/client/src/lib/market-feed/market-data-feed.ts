import { Logger } from '@nestjs/common';
import { AccountStreamState } from '@desk/contracts';
import { RawData, WebSocket } from 'ws';
import { UpstoxApiError } from '../upstox-api-error';
import type { UpstoxAuth, UpstoxClient } from '../upstox-client';
import { UPSTOX_USER_AGENT } from '../upstox-transport';
import { backoffDelayMs, BackoffOptions, DEFAULT_FEED_BACKOFF } from '../portfolio-feed/backoff';
import { socketFailureWords } from '../portfolio-feed/portfolio-feed';
import { MarketFeedMessage, MarketFeedMode, parseMarketFeedFrame } from './market-feed-message';
import { encodeFeedRequest, MarketFeedLimits, MarketSubscriptions, UPSTOX_MARKET_FEED_LIMITS } from './market-subscriptions';

/** The same states as the portfolio stream: connecting, live, reconnecting, down. */
export type MarketFeedState = AccountStreamState;

/** Why the feed changed state, for code. `token-rejected`, `no-connection`, `not-available` come with `down`. */
export type MarketFeedReason =
  | 'token-rejected'
  | 'no-connection'
  | 'not-available'
  | 'authorize-failed'
  | 'handshake-failed'
  | 'dropped'
  | 'stalled';

export interface MarketDataFeedListener {
  /** Decoded frames: quotes (initial_feed / live_feed) and market_info. Frames we cannot read are skipped. */
  onMessage(message: MarketFeedMessage): void;
  /** Every change of state or cause; `reason` classifies the cause (null when live or connecting). */
  onState(state: MarketFeedState, cause: string | null, reason: MarketFeedReason | null): void;
}

export interface MarketDataFeedOptions {
  /** Default 10 s: we ping; no frame of any kind within pongTimeoutMs means the socket stalled. */
  pingIntervalMs?: number;
  /** Default 5 s. */
  pongTimeoutMs?: number;
  /** Default 500 ms / 30 s, full jitter, capped. */
  backoff?: BackoffOptions;
  /** A socket that stayed live this long (default 30 s) resets the backoff to its first step. */
  backoffResetAfterMs?: number;
  /** Default 10 s for the opening handshake (redirects included). */
  handshakeTimeoutMs?: number;
  /** Subscription changes within this window (default 20 ms) go out together, as few frames as possible. */
  batchMs?: number;
  /** Default: Upstox's limits (ltpc 5000 alone / 2000 combined, full 2000 / 1500). */
  limits?: MarketFeedLimits;
  /** For tests (the backoff's jitter). */
  random?: () => number;
}

type Phase = 'idle' | 'running' | 'down' | 'stopped';

/**
 * Upstox's market data feed v3 (CONTRACT §9.2) for one connection: one socket, the wanted subscriptions, and
 * decoded frames. Like PortfolioFeed: every (re)connect authorizes anew (single-use URI with a one-time code,
 * never logged); drop / error / failed authorize / stall -> `reconnecting` and a capped, jittered retry; a refused
 * token or a connection that is gone -> `down`. Subscriptions are kept across sockets and re-sent on every new one.
 * subscribe/unsubscribe/changeMode may be called at any time (before start, while reconnecting).
 */
export class MarketDataFeed {
  private readonly logger = new Logger('MarketDataFeed');
  private readonly subs: MarketSubscriptions;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly backoffResetAfterMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly batchMs: number;
  private readonly random: () => number;

  private phase: Phase = 'idle';
  private generation = 0;
  private failures = 0;
  private socket: WebSocket | null = null;
  private live = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private batchTimer: NodeJS.Timeout | null = null;
  private lastState: MarketFeedState | null = null;
  private lastCause: string | null = null;

  constructor(
    private readonly client: UpstoxClient,
    private readonly auth: () => UpstoxAuth,
    private readonly listener: MarketDataFeedListener,
    options: MarketDataFeedOptions = {},
  ) {
    this.subs = new MarketSubscriptions(options.limits ?? UPSTOX_MARKET_FEED_LIMITS);
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
    this.backoff = options.backoff ?? DEFAULT_FEED_BACKOFF;
    this.backoffResetAfterMs = options.backoffResetAfterMs ?? 30_000;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.batchMs = options.batchMs ?? 20;
    this.random = options.random ?? Math.random;
  }

  /** The last state reported (null before start()). */
  get state(): MarketFeedState | null {
    return this.lastState;
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
    if (this.phase !== 'idle') return;
    this.phase = 'running';
    this.report('connecting', null, null);
    if (this.phase === 'running') void this.connect();
  }

  stop(): void {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.teardown();
  }

  private current(gen: number): boolean {
    return this.phase === 'running' && gen === this.generation;
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    let auth: UpstoxAuth;
    try {
      auth = this.auth();
    } catch {
      return this.giveUp('no-connection', 'The Upstox connection is no longer available.');
    }
    let uri: string;
    try {
      uri = await this.client.authorizeMarketDataFeed(auth);
    } catch (error) {
      if (!this.current(gen)) return;
      return this.authorizeFailed(error);
    }
    if (!this.current(gen)) return;
    try {
      this.open(gen, uri);
    } catch {
      this.retryLater('handshake-failed', 'Upstox gave a market-feed address that could not be opened.');
    }
  }

  private authorizeFailed(error: unknown): void {
    if (error instanceof UpstoxApiError && (error.upstreamStatus === 401 || error.code === 'TOKEN_INVALID')) {
      return this.giveUp('token-rejected', `Upstox refused the access token for the market feed: ${error.message}`);
    }
    if (error instanceof UpstoxApiError && error.code === 'NOT_AVAILABLE_IN_SANDBOX') return this.giveUp('not-available', error.message);
    const why = error instanceof UpstoxApiError ? ` ${error.message}` : '';
    this.retryLater('authorize-failed', `Upstox did not authorize the market feed.${why}`);
  }

  private open(gen: number, uri: string): void {
    let refusedWith: number | null = null;
    let opened = false;
    let failure: string | null = null;
    const ws = new WebSocket(uri, {
      headers: { 'User-Agent': UPSTOX_USER_AGENT, Accept: '*/*' },
      followRedirects: true,
      maxRedirects: 3,
      handshakeTimeout: this.handshakeTimeoutMs,
    });
    this.socket = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('unexpected-response', (_req, res) => {
      refusedWith = res.statusCode ?? 0;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      if (!this.current(gen)) return;
      opened = true;
      this.becameLive(gen, ws);
    });
    ws.on('message', (data: RawData) => {
      if (!this.current(gen)) return;
      this.sawFrame();
      const message = parseMarketFeedFrame(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer));
      if (message) this.callListener(() => this.listener.onMessage(message));
    });
    const alive = (): void => {
      if (this.current(gen)) this.sawFrame();
    };
    ws.on('ping', alive);
    ws.on('pong', alive);
    ws.on('error', (error: Error & { code?: string }) => {
      failure ??= socketFailureWords(error);
    });
    ws.on('close', (code: number) => {
      if (!this.current(gen)) return;
      if (refusedWith === 401) return this.giveUp('token-rejected', 'Upstox refused the market feed (HTTP 401): the access token is no longer valid.');
      if (refusedWith !== null) return this.retryLater('handshake-failed', `Upstox refused to open the market feed (HTTP ${refusedWith}).`);
      if (!opened) return this.retryLater('handshake-failed', `The market feed could not be opened (${failure ?? 'closed'}).`);
      this.retryLater('dropped', `The market feed was closed (${failure ?? `code ${code}`}).`);
    });
  }

  private becameLive(gen: number, ws: WebSocket): void {
    this.live = true;
    this.subs.resetSent();
    this.flush(); // the whole wanted set, at once, on every new socket
    this.report('live', null, null);
    if (!this.current(gen)) return;
    this.pingTimer = setInterval(() => {
      if (!this.current(gen)) return;
      this.pongTimer ??= setTimeout(() => {
        this.pongTimer = null;
        if (this.current(gen)) this.retryLater('stalled', `The market feed went silent (no answer to a keep-alive ping within ${this.pongTimeoutMs} ms).`);
      }, this.pongTimeoutMs);
      try {
        ws.ping();
      } catch {
        // Closing already: 'close' follows.
      }
    }, this.pingIntervalMs);
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      this.failures = 0;
    }, this.backoffResetAfterMs);
  }

  private sawFrame(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private scheduleFlush(): void {
    if (!this.live || this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      this.flush();
    }, this.batchMs);
  }

  /** Sends what the socket has not been told yet (nothing while not live: the next socket gets everything). */
  private flush(): void {
    const ws = this.socket;
    if (!this.live || !ws || ws.readyState !== WebSocket.OPEN) return;
    for (const r of this.subs.plan()) ws.send(encodeFeedRequest(r.method, r.keys, r.mode), { binary: true });
  }

  private retryLater(reason: MarketFeedReason, cause: string): void {
    this.teardown();
    this.report('reconnecting', cause, reason);
    if (this.phase !== 'running') return;
    const delay = backoffDelayMs(this.failures++, this.backoff, this.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.phase === 'running') void this.connect();
    }, delay);
  }

  private giveUp(reason: MarketFeedReason, cause: string): void {
    if (this.phase !== 'running') return;
    this.phase = 'down';
    this.teardown();
    this.report('down', cause, reason);
  }

  private teardown(): void {
    this.generation++;
    this.live = false;
    for (const timer of [this.retryTimer, this.pongTimer, this.stableTimer, this.batchTimer]) if (timer) clearTimeout(timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = this.pongTimer = this.stableTimer = this.pingTimer = this.batchTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      try {
        socket.terminate();
      } catch {
        // Already closed.
      }
    }
  }

  private report(state: MarketFeedState, cause: string | null, reason: MarketFeedReason | null): void {
    if (state === this.lastState && cause === this.lastCause) return;
    this.lastState = state;
    this.lastCause = cause;
    this.callListener(() => this.listener.onState(state, cause, reason));
  }

  private callListener(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.warn(`market feed listener failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
}
