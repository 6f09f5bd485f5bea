import { Logger } from '@nestjs/common';
import { AccountStreamState } from '@desk/contracts';
import { RawData, WebSocket } from 'ws';
import { UpstoxApiError } from '../upstox-api-error';
import type { UpstoxAuth } from '../upstox-client';
import { UPSTOX_USER_AGENT } from '../upstox-transport';
import { backoffDelayMs, BackoffOptions, DEFAULT_FEED_BACKOFF } from './backoff';

/**
 * Why a feed changed state, for code (the `cause` is for people). `token-rejected`, `no-connection` and
 * `not-available` come with state `down` (no further attempts); the others with `reconnecting`.
 */
export type FeedReason =
  | 'token-rejected'
  | 'no-connection'
  | 'not-available'
  | 'authorize-failed'
  | 'handshake-failed'
  | 'dropped'
  | 'stalled';

/** Timing of one Upstox feed socket; every field has a default. */
export interface FeedSocketOptions {
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

/** What one kind of feed (portfolio stream, market data feed) adds to the shared socket lifecycle. */
export interface FeedSocketHooks {
  /** For people and logs: "live stream", "market feed". */
  name: string;
  /** Asks Upstox for a fresh single-use socket URI (it carries a one-time code: never logged). */
  authorize(auth: UpstoxAuth): Promise<string>;
  /** The socket opened; runs before `live` is reported (e.g. sends the subscriptions). */
  opened?(ws: WebSocket): void;
  /** After `live` was reported (e.g. the caller gap-fills with snapshot reads). */
  live?(): void;
  frame(data: RawData): void;
  /** The socket is gone (drop, retry, stop): forget what belonged to it. */
  closed?(): void;
  state(state: AccountStreamState, cause: string | null, reason: FeedReason | null): void;
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
 * One Upstox feed socket and its lifecycle, shared by the portfolio stream and the market data feed. Every
 * (re)connect authorizes anew (the URI is single-use). A drop, an error, a failed authorize or a stall ->
 * `reconnecting` and a new attempt after a capped, jittered wait; a refused token (401) or a connection that is
 * gone -> `down`, and no further attempts. After stop() there are no sockets, no timers and no callbacks. A
 * stopped or down socket stays so: make a new one.
 */
export class FeedSocket {
  private readonly logger: Logger;
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
    private readonly auth: () => UpstoxAuth,
    private readonly hooks: FeedSocketHooks,
    options: FeedSocketOptions,
    loggerName: string,
  ) {
    this.logger = new Logger(loggerName);
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

  /** The open socket while live, else null. */
  get openSocket(): WebSocket | null {
    return this.socket?.readyState === WebSocket.OPEN ? this.socket : null;
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

  /** Runs a hook; a hook that throws must not break the socket (nor be able to leave one behind). */
  guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.warn(`${this.hooks.name} listener failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
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
      uri = await this.hooks.authorize(auth);
    } catch (error) {
      if (!this.current(gen)) return;
      return this.authorizeFailed(error);
    }
    if (!this.current(gen)) return;
    try {
      this.open(gen, uri);
    } catch {
      // e.g. a URI the ws library refuses; its message could carry the URI, so it is not repeated.
      this.retryLater('handshake-failed', `Upstox gave a ${this.hooks.name.replace(' ', '-')} address that could not be opened.`);
    }
  }

  private authorizeFailed(error: unknown): void {
    const name = this.hooks.name;
    if (error instanceof UpstoxApiError && (error.upstreamStatus === 401 || error.code === 'TOKEN_INVALID')) {
      return this.giveUp('token-rejected', `Upstox refused the access token for the ${name}: ${error.message}`);
    }
    if (error instanceof UpstoxApiError && error.code === 'NOT_AVAILABLE_IN_SANDBOX') return this.giveUp('not-available', error.message);
    const why = error instanceof UpstoxApiError ? ` ${error.message}` : '';
    this.retryLater('authorize-failed', `Upstox did not authorize the ${name}.${why}`);
  }

  private open(gen: number, uri: string): void {
    const name = this.hooks.name;
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
      this.guard(() => this.hooks.frame(data));
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
      if (refusedWith === 401) return this.giveUp('token-rejected', `Upstox refused the ${name} (HTTP 401): the access token is no longer valid.`);
      if (refusedWith !== null) return this.retryLater('handshake-failed', `Upstox refused to open the ${name} (HTTP ${refusedWith}).`);
      if (!opened) return this.retryLater('handshake-failed', `The ${name} could not be opened (${failure ?? 'closed'}).`);
      this.retryLater('dropped', `The ${name} was closed (${failure ?? `code ${code}`}).`);
    });
  }

  private becameLive(gen: number, ws: WebSocket): void {
    this.guard(() => this.hooks.opened?.(ws));
    if (!this.current(gen)) return;
    this.report('live', null, null);
    if (!this.current(gen)) return;
    this.guard(() => this.hooks.live?.());
    if (!this.current(gen)) return;
    this.pingTimer = setInterval(() => {
      if (!this.current(gen)) return;
      this.pongTimer ??= setTimeout(() => {
        this.pongTimer = null;
        if (this.current(gen)) this.retryLater('stalled', `The ${this.hooks.name} went silent (no answer to a keep-alive ping within ${this.pongTimeoutMs} ms).`);
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

  private retryLater(reason: FeedReason, cause: string): void {
    this.teardown();
    this.report('reconnecting', cause, reason);
    if (this.phase !== 'running') return;
    const delay = backoffDelayMs(this.failures++, this.backoff, this.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.phase === 'running') void this.connect();
    }, delay);
  }

  private giveUp(reason: FeedReason, cause: string): void {
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
    this.guard(() => this.hooks.closed?.());
    if (socket) {
      try {
        socket.terminate();
      } catch {
        // Already closed.
      }
    }
  }

  private report(state: AccountStreamState, cause: string | null, reason: FeedReason | null): void {
    if (state === this.lastState && cause === this.lastCause) return;
    this.lastState = state;
    this.lastCause = cause;
    this.guard(() => this.hooks.state(state, cause, reason));
  }
}
