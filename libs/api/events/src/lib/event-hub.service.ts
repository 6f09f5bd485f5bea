import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Response } from 'express';
import { ConnectionStatus, DeskEventType, ResyncEvent } from '@desk/contracts';
import { Clock } from '@desk/api/core';
import { Authenticator, DeskRequest, Principal, PrincipalRevocations } from '@desk/api/access';
import { ConnectionChanges, ConnectionService } from '@desk/api/connection';
import { AccountFeed, AccountChange, changeSubject } from '@desk/api/account';
import { EVENTS_CONFIG, EventsConfig } from './events.config';
import { EventBuffer, sseFrame, transientFrame, WireEvent } from './event-buffer';

interface EventClient {
  res: Response;
  req: DeskRequest;
  principal: Principal;
}

/**
 * The one fan-out of account and connection changes to every event-stream client (dashboard tabs and bots):
 * each change is encoded once, kept in a bounded buffer for Last-Event-ID resumes, and written to every client.
 * A client that cannot keep up is dropped instead of slowing the others; a client whose session signs out or
 * whose API key is revoked is closed at once, and every heartbeat re-checks the credentials it came with.
 */
@Injectable()
export class EventHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EventStream');
  private readonly clients = new Set<EventClient>();
  private readonly buffer: EventBuffer;
  private readonly unsubscribe: (() => void)[] = [];
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastConnection = '';

  constructor(
    private readonly account: AccountFeed,
    private readonly connectionChanges: ConnectionChanges,
    private readonly connection: ConnectionService,
    private readonly revocations: PrincipalRevocations,
    private readonly authenticator: Authenticator,
    private readonly clock: Clock,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {
    this.buffer = new EventBuffer(config.bufferSize, clock.now().getTime());
  }

  onModuleInit(): void {
    this.lastConnection = JSON.stringify(this.connection.status());
    this.unsubscribe.push(
      this.account.subscribe((change) => this.publishChange(change)),
      this.connectionChanges.subscribe(() => this.publishConnection(this.connection.status())),
      this.revocations.subscribe((revoked) => {
        for (const c of this.clients) if (c.principal.kind === revoked.kind && c.principal.id === revoked.id) this.drop(c, 'credentials revoked');
      }),
    );
    this.heartbeat = setInterval(() => this.beat(), this.config.heartbeatMs);
    this.heartbeat.unref?.();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe.forEach((u) => u());
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  clientCount(): number {
    return this.clients.size;
  }

  /** Starts a client's stream: headers, what it missed (or a resync), then every new event. */
  attach(req: DeskRequest, res: Response, principal: Principal, lastEventId: string | undefined): void {
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const client: EventClient = { req, res, principal };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    let opening = 'retry: 3000\n: connected\n\n';
    if (lastEventId !== undefined && lastEventId.trim() !== '') {
      const missed = /^\d+$/.test(lastEventId.trim()) ? this.buffer.since(Number(lastEventId.trim())) : null;
      if (missed) opening += missed.map((e) => e.frame).join('');
      else {
        const resync: ResyncEvent = { reason: 'The events since your Last-Event-ID are no longer kept: read the account again over REST.' };
        opening += sseFrame(this.buffer.lastId(), 'resync', resync);
      }
    }
    // Every stream starts with the connection as it is now (under the id of the newest event, so a resume
    // from here misses nothing): a client never acts on a state that changed before it connected.
    opening += sseFrame(this.buffer.lastId(), 'connection', this.connection.status());
    this.write(client, opening);
  }

  private publishChange(change: AccountChange): void {
    const data = change.type === 'funds' ? { ...change.data, asOf: this.clock.now().toISOString(), source: 'stream' } : change.data;
    this.publish(change.type, data, changeSubject(change));
  }

  private publishConnection(status: ConnectionStatus): void {
    const text = JSON.stringify(status);
    if (text === this.lastConnection) return;
    this.lastConnection = text;
    this.publish('connection', status);
  }

  /**
   * One event to every client, with the next id and kept for Last-Event-ID resumes (also the market status), in
   * place of the kept event about the same `subject` of this type. The default '' suits the events that carry
   * the whole state of one thing (the connection, the market, the kill switch); null keeps every event.
   */
  publish(type: DeskEventType, data: unknown, subject: string | null = ''): void {
    const event: WireEvent = this.buffer.append(type, data, subject ?? undefined);
    for (const c of this.clients) this.write(c, event.bytes);
  }

  /**
   * An event without an `id:` that is never kept for replay: quotes, where only the newest matters and a client
   * that reconnects re-reads GET /api/market/quotes. Without an id the browser's Last-Event-ID stays that of the
   * last replayable event, so a resume never skips an account change. Encoded once for every client.
   */
  publishTransient(type: DeskEventType, data: unknown): void {
    const bytes = Buffer.from(transientFrame(type, data), 'utf8');
    for (const c of this.clients) this.write(c, bytes);
  }

  private write(client: EventClient, text: string | Buffer): void {
    if (client.res.writableEnded || client.res.destroyed) return;
    client.res.write(text);
    if (client.res.writableLength > this.config.maxClientBacklogBytes) this.drop(client, 'too slow to keep up');
  }

  private drop(client: EventClient, why: string): void {
    this.clients.delete(client);
    this.logger.warn(`event stream client (${client.principal.kind}) dropped: ${why}`);
    client.res.destroy();
  }

  private beat(): void {
    for (const c of this.clients) {
      if (!this.stillAllowed(c)) this.drop(c, 'credentials no longer valid');
      else this.write(c, ': keep-alive\n\n');
    }
  }

  private stillAllowed(c: EventClient): boolean {
    try {
      const now = this.authenticator.authenticate(c.req).principal;
      return now?.kind === c.principal.kind && now.id === c.principal.id;
    } catch {
      return false;
    }
  }
}
