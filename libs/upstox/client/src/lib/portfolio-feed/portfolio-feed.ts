import { Logger } from '@nestjs/common';
import { AccountStreamState } from '@desk/contracts';
import { RawData, WebSocket } from 'ws';
import { UpstoxApiError } from '../upstox-api-error';
import type { UpstoxAuth, UpstoxClient } from '../upstox-client';
import { UPSTOX_USER_AGENT } from '../upstox-transport';
import { backoffDelayMs, BackoffOptions, DEFAULT_FEED_BACKOFF } from './backoff';
import { parsePortfolioMessage, PortfolioUpdate } from './portfolio-message';

const DEFAULT_PORTFOLIO_UPDATE_TYPES: readonly string[] = ['order', 'position', 'holding', 'gtt_order'];

/**
 * Why the feed changed state, for code (the `cause` is for people). `token-rejected`, `no-connection` and
 * `not-available` come with state `down` (no further attempts); the others with `reconnecting`.
 */
export type PortfolioFeedReason =
  | 'token-rejected'
  | 'no-connection'
  | 'not-available'
  | 'authorize-failed'
  | 'handshake-failed'
  | 'dropped'
  | 'stalled';

export interface PortfolioFeedListener {
  /** The socket is open: updates flow from now on (the caller gap-fills with snapshot reads). */
  onOpen(): void;
  onUpdate(update: PortfolioUpdate): void;
  /**
   * Called on every change of state or cause (connecting -> live / reconnecting / down). A `reconnecting`
   * that only changes its cause is the same outage: keep its start time. `reason` classifies the cause.
   */
  onState(state: AccountStreamState, cause: string | null, reason?: PortfolioFeedReason | null): void;
}

export interface PortfolioFeedOptions {
  /** Default order, position, holding, gtt_order. */
  updateTypes?: string[];
  /** Default 10 s: we ping; no pong (or any other frame) within pongTimeoutMs means the socket stalled. */
  pingIntervalMs?: number;
  /** Default 5 s. */
  pongTimeoutMs?: number;
  /** Default 500 ms / 30 s, full jitter, capped. */
  backoff?: BackoffOptions;
  /** A socket that stayed live this long (default 30 s) resets the backoff to its first step. */
  backoffResetAfterMs?: number;
  /** Default 10 s: the opening handshake (redirects included) must finish within it. */
  handshakeTimeoutMs?: number;
  /** For tests (the backoff's jitter). */
  random?: () => number;
}

type Phase = 'idle' | 'running' | 'down' | 'stopped';

const REDIRECTS = 3;

const SOCKET_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Plain words for a socket error. The error's own message may quote the URI (with its one-time code): never used. */
export function socketFailureWords(error: Error & { code?: unknown }): string {
  if (typeof error.code === 'string') return SOCKET_FAILURES[error.code] ?? `network error ${error.code}`;
  return /timed out/i.test(error.message) ? 'timed out' : 'network error';
}

/**
 * Upstox's portfolio stream (CONTRACT §9.1) for one connection: one socket, its lifecycle and nothing else.
 * Every (re)connect authorizes anew (the URI is single-use, and carries a one-time code: never logged). A drop,
 * an error, a failed authorize or a stall -> `reconnecting` and a new attempt after a capped, jittered wait;
 * a refused token (401) or a connection that is gone -> `down`, and no further attempts. After stop() there
 * are no sockets, no timers and no callbacks. A stopped or down feed stays so: make a new one.
 */
export class PortfolioFeed {
  private readonly logger = new Logger('PortfolioFeed');
  private readonly updateTypes: string[];
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly backoffResetAfterMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly random: () => number;

  private phase: Phase = 'idle';
  /** Bumped by every attempt and every teardown: callbacks of an older attempt see a stale number and do nothing. */
  private generation = 0;
  /** Failed attempts since the last socket that stayed live: the backoff step. */
  private failures = 0;
  private socket: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private lastState: AccountStreamState | null = null;
  private lastCause: string | null = null;

  constructor(
    private readonly client: UpstoxClient,
    private readonly auth: () => UpstoxAuth,
    private readonly listener: PortfolioFeedListener,
    options: PortfolioFeedOptions = {},
  ) {
    this.updateTypes = [...(options.updateTypes ?? DEFAULT_PORTFOLIO_UPDATE_TYPES)];
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
    this.backoff = options.backoff ?? DEFAULT_FEED_BACKOFF;
    this.backoffResetAfterMs = options.backoffResetAfterMs ?? 30_000;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.random = options.random ?? Math.random;
  }

  /** The last state reported (null before start()). */
  get state(): AccountStreamState | null {
    return this.lastState;
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
      uri = await this.client.authorizePortfolioFeed(auth, this.updateTypes);
    } catch (error) {
      if (!this.current(gen)) return;
      return this.authorizeFailed(error);
    }
    if (!this.current(gen)) return;
    try {
      this.open(gen, uri);
    } catch {
      // e.g. a URI the ws library refuses; its message could carry the URI, so it is not repeated.
      this.retryLater('handshake-failed', 'Upstox gave a live-stream address that could not be opened.');
    }
  }

  private authorizeFailed(error: unknown): void {
    if (error instanceof UpstoxApiError && (error.upstreamStatus === 401 || error.code === 'TOKEN_INVALID')) {
      return this.giveUp('token-rejected', `Upstox refused the access token for the live stream: ${error.message}`);
    }
    if (error instanceof UpstoxApiError && error.code === 'NOT_AVAILABLE_IN_SANDBOX') {
      return this.giveUp('not-available', error.message);
    }
    const why = error instanceof UpstoxApiError ? ` ${error.message}` : '';
    this.retryLater('authorize-failed', `Upstox did not authorize the live stream.${why}`);
  }

  private open(gen: number, uri: string): void {
    let refusedWith: number | null = null;
    let opened = false;
    let failure: string | null = null;
    const ws = new WebSocket(uri, {
      headers: { 'User-Agent': UPSTOX_USER_AGENT, Accept: '*/*' },
      followRedirects: true,
      maxRedirects: REDIRECTS,
      handshakeTimeout: this.handshakeTimeoutMs,
    });
    this.socket = ws;
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
      this.deliver(data);
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
      if (refusedWith === 401) {
        return this.giveUp('token-rejected', 'Upstox refused the live stream (HTTP 401): the access token is no longer valid.');
      }
      if (refusedWith !== null) return this.retryLater('handshake-failed', `Upstox refused to open the live stream (HTTP ${refusedWith}).`);
      if (!opened) return this.retryLater('handshake-failed', `The live stream could not be opened (${failure ?? 'closed'}).`);
      this.retryLater('dropped', `The live stream was closed (${failure ?? `code ${code}`}).`);
    });
  }

  private becameLive(gen: number, ws: WebSocket): void {
    this.report('live', null, null);
    if (!this.current(gen)) return;
    this.callListener(() => this.listener.onOpen());
    if (!this.current(gen)) return;
    this.pingTimer = setInterval(() => {
      if (!this.current(gen)) return;
      this.pongTimer ??= setTimeout(() => {
        this.pongTimer = null;
        if (this.current(gen)) this.retryLater('stalled', `The live stream went silent (no answer to a keep-alive ping within ${this.pongTimeoutMs} ms).`);
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

  /** Any frame from Upstox proves the socket alive. */
  private sawFrame(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private deliver(data: RawData): void {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    const update = parsePortfolioMessage(text);
    if (update) this.callListener(() => this.listener.onUpdate(update));
  }

  private retryLater(reason: PortfolioFeedReason, cause: string): void {
    this.teardown();
    this.report('reconnecting', cause, reason);
    if (this.phase !== 'running') return;
    const delay = backoffDelayMs(this.failures++, this.backoff, this.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.phase === 'running') void this.connect();
    }, delay);
  }

  private giveUp(reason: PortfolioFeedReason, cause: string): void {
    if (this.phase !== 'running') return;
    this.phase = 'down';
    this.teardown();
    this.report('down', cause, reason);
  }

  /** Closes the socket and cancels every timer; callbacks of the closed attempt are ignored from now on. */
  private teardown(): void {
    this.generation++;
    for (const timer of [this.retryTimer, this.pongTimer, this.stableTimer]) if (timer) clearTimeout(timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = this.pongTimer = this.stableTimer = this.pingTimer = null;
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

  private report(state: AccountStreamState, cause: string | null, reason: PortfolioFeedReason | null): void {
    if (state === this.lastState && cause === this.lastCause) return;
    this.lastState = state;
    this.lastCause = cause;
    this.callListener(() => this.listener.onState(state, cause, reason));
  }

  /** A listener that throws must not break the feed (nor be able to leave a socket behind). */
  private callListener(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.warn(`portfolio feed listener failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
}
