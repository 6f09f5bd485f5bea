import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '@desk/api/core';
import { AccountStreamState, AccountStreamStatus } from '@desk/contracts';
import { PortfolioFeed, PortfolioFeedReason, PortfolioUpdate, UpstoxAuth, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { CONNECTION_OPTIONS, ConnectionOptions } from '../connection.options';
import { ConnectionChanges } from '../connection/connection-changes';
import { isExpired, tokenRejected } from '../connection/connection-state';
import { ConnectionRepository, StoredConnection } from '../persistence/connection.repository';

/** Who consumes the stream (the account mirror). Called in order, never after `onClosed`. */
export interface AccountStreamListener {
  /** The socket is open and updates flow: read snapshots now to fill whatever was missed while it was not. */
  onOpen(connectionId: string): void;
  onUpdate(connectionId: string, update: PortfolioUpdate): void;
  /** The stream stopped for good (disconnect, expiry, token rejected): forget that connection's account. */
  onClosed(connectionId: string): void;
}

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One Upstox portfolio stream per connection (CONTRACT §9.1): opened when a live or simulator connection
 * exists, closed on disconnect, expiry (03:30 IST, timed here so the socket never outlives the token) and
 * when Upstox rejects the token (the connection is then marked expired). The Upstox sandbox has no stream.
 */
@Injectable()
export class PortfolioStreamService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PortfolioStream');
  private readonly listeners = new Set<AccountStreamListener>();
  private feed: PortfolioFeed | null = null;
  private connectionId: string | null = null;
  private current: AccountStreamStatus | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly changes: ConnectionChanges,
    private readonly client: UpstoxClient,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly clock: Clock,
    @Inject(CONNECTION_OPTIONS) private readonly options: ConnectionOptions,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.changes.subscribe(() => this.reconcile());
    this.reconcile();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.close();
  }

  /** The stream's state for GET /api/connection; null when no stream is wanted. */
  status(): AccountStreamStatus | null {
    return this.current;
  }

  /** The connection whose stream is live right now, if any: its mirror is current. */
  liveConnectionId(): string | null {
    return this.current?.state === 'live' ? this.connectionId : null;
  }

  addListener(listener: AccountStreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens, keeps or closes the stream to match the stored connection. Safe to call at any time. */
  private reconcile(): void {
    const stored = this.connections.current();
    const wanted = stored && this.wantsStream(stored) ? stored : null;
    if (wanted && wanted.connectionId === this.connectionId) return;
    if (this.connectionId) this.close();
    if (wanted) this.open(wanted);
  }

  private wantsStream(c: StoredConnection): boolean {
    return c.environment !== 'sandbox' && !isExpired(c, this.clock.now().getTime());
  }

  private open(c: StoredConnection): void {
    const connectionId = c.connectionId;
    this.connectionId = connectionId;
    const endpoints = this.endpoints.resolve(c.environment);
    const auth = (): UpstoxAuth => {
      const accessToken = this.connections.accessToken(connectionId);
      if (!accessToken) throw new Error('the Upstox connection was removed');
      return { endpoints, accessToken };
    };
    const feed = new PortfolioFeed(
      this.client,
      auth,
      {
        onOpen: () => this.ifCurrent(feed, () => this.each((l) => l.onOpen(connectionId))),
        onUpdate: (update) => this.ifCurrent(feed, () => this.each((l) => l.onUpdate(connectionId, update))),
        onState: (state, cause, reason) => this.ifCurrent(feed, () => this.feedState(connectionId, state, cause, reason ?? null)),
      },
      this.options.stream,
    );
    this.feed = feed;
    this.armExpiry(c);
    this.setState('connecting', null);
    this.logger.log(`portfolio stream opening (environment ${c.environment})`);
    feed.start();
  }

  private feedState(connectionId: string, state: AccountStreamState, cause: string | null, reason: PortfolioFeedReason | null): void {
    if (state === 'down') {
      this.logger.warn(`portfolio stream down: ${cause ?? reason ?? 'unknown cause'}`);
      this.setState('down', cause);
      // A refused token is a dead connection, exactly like a 401 on REST: mark it expired (which closes the stream).
      const expired =
        reason === 'token-rejected' &&
        this.connections.markExpired(connectionId, tokenRejected('HTTP 401', ' on the live stream'));
      if (!expired) queueMicrotask(() => this.reconcile());
      return;
    }
    if (state === 'reconnecting') this.logger.warn(`portfolio stream reconnecting: ${cause ?? 'connection lost'}`);
    if (state === 'live') this.logger.log('portfolio stream live');
    this.setState(state, cause);
  }

  private close(): void {
    clearTimeout(this.expiryTimer);
    const feed = this.feed;
    const connectionId = this.connectionId;
    this.feed = null;
    this.connectionId = null;
    feed?.stop();
    if (connectionId) {
      this.logger.log('portfolio stream closed');
      this.each((l) => l.onClosed(connectionId));
    }
    this.setState(null, null);
  }

  /** Closes the stream at the token's death even if nothing else happens (no REST call needed to notice). */
  private armExpiry(c: StoredConnection): void {
    clearTimeout(this.expiryTimer);
    const wait = Math.max(0, c.expiresAt - this.clock.now().getTime());
    this.expiryTimer = setTimeout(() => this.reconcile(), Math.min(wait + 50, MAX_TIMER_MS));
    this.expiryTimer.unref?.();
  }

  private setState(state: AccountStreamState | null, cause: string | null): void {
    const previous = this.current;
    if (state === null) this.current = null;
    else if (previous?.state !== state || previous.cause !== cause) {
      this.current = { state, since: this.clock.now().toISOString(), cause };
    } else return;
    if (previous !== this.current) this.changes.notify();
  }

  private ifCurrent(feed: PortfolioFeed, run: () => void): void {
    if (this.feed === feed) run();
  }

  private each(call: (l: AccountStreamListener) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error(`a stream listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  }
}
