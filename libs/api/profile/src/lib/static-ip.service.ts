import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock, describeError } from '@desk/api/core';
import { ConnectionChanges, ConnectionService } from '@desk/api/connection';
import { StaticIpView } from '@desk/contracts';
import { UpstoxClient } from '@desk/upstox/client';

/**
 * The static IPs registered at Upstox (GET /v2/user/ip), read when a connection is made and on demand, and kept
 * with that connection: Upstox accepts order writes only from them (CONTRACT §11), so the dashboard warns before
 * an order when none is registered, and a UDAPI1154 refusal names them. The sandbox has nothing to read.
 */
@Injectable()
export class StaticIpService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('StaticIp');
  private cached: { connectionId: string; view: StaticIpView } | null = null;
  private reading: { connectionId: string; promise: Promise<StaticIpView> } | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    private readonly changes: ConnectionChanges,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.changes.subscribe(() => this.followConnection());
    this.followConnection();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** What was read for the current connection, or null when nothing was (yet). Never calls Upstox. */
  current(): StaticIpView | null {
    const c = this.connection.usableConnection();
    return c && this.cached?.connectionId === c.connectionId ? this.cached.view : null;
  }

  /** The cached view of the current connection, or a fresh read (`refresh`, or nothing cached yet). */
  async view(refresh = false): Promise<StaticIpView> {
    const cached = this.current();
    return cached && !refresh ? cached : this.read();
  }

  private followConnection(): void {
    const c = this.connection.usableConnection();
    if (!c) {
      this.cached = null;
      return;
    }
    if (this.cached?.connectionId === c.connectionId || this.reading?.connectionId === c.connectionId) return;
    this.read().catch((err: unknown) => this.logger.warn(`static IPs not read at connect: ${describeError(err)}`));
  }

  private read(): Promise<StaticIpView> {
    const c = this.connection.usableConnection();
    if (c && this.reading?.connectionId === c.connectionId) return this.reading.promise;
    const connectionId = c?.connectionId ?? '';
    const promise = this.fetch()
      .then((view) => {
        const now = this.connection.usableConnection();
        if (now?.connectionId === connectionId) this.cached = { connectionId, view };
        return view;
      })
      .finally(() => {
        if (this.reading?.promise === promise) this.reading = null;
      });
    this.reading = { connectionId, promise };
    return promise;
  }

  private async fetch(): Promise<StaticIpView> {
    const readAt = this.clock.now().toISOString();
    if (this.connection.environment() === 'sandbox') {
      return { environment: 'sandbox', available: false, primaryIp: null, secondaryIp: null, primaryIpUpdatedAt: null, secondaryIpUpdatedAt: null, missing: false, readAt };
    }
    const ips = await this.connection.withUpstox((a) => this.client.getUserIp(a));
    const environment = this.connection.environment() ?? 'live';
    return { environment, available: true, ...ips, missing: !ips.primaryIp && !ips.secondaryIp, readAt };
  }
}

/** " Registered static IPs at Upstox: primary 203.0.113.10, secondary none." for a UDAPI1154 message. */
export function describeRegisteredIps(view: StaticIpView | null): string {
  if (!view || !view.available) return ' The desk has not read your registered static IPs from Upstox yet (Account panel).';
  if (view.missing) return ' Upstox has no static IP registered for your account.';
  return ` Registered static IPs at Upstox: primary ${view.primaryIp ?? 'none'}, secondary ${view.secondaryIp ?? 'none'}.`;
}
