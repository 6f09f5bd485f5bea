import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import type { Clock } from '@desk/api/core';
import type { Authenticator, DeskRequest, Principal, PrincipalRevocations } from '@desk/api/access';
import { PrincipalRevocations as Revocations } from '@desk/api/access';
import type { ConnectionService } from '@desk/api/connection';
import { ConnectionChanges } from '@desk/api/connection';
import { AccountFeed } from '@desk/api/account';
import type { Order, Position } from '@desk/contracts';
import { EventHub } from './event-hub.service';

/** A response that keeps what it was sent; a slow one never drains, so its backlog only grows. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;
  constructor(private readonly drains: boolean) {
    super();
  }
  status(): this {
    return this;
  }
  setHeader(): void {
    // headers are not what this test is about
  }
  flushHeaders(): void {
    // idem
  }
  write(chunk: string | Buffer): boolean {
    this.chunks.push(chunk.toString());
    if (!this.drains) this.writableLength += Buffer.byteLength(chunk);
    return this.drains;
  }
  end(): void {
    this.writableEnded = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

const request = (): DeskRequest => ({ socket: { setTimeout: () => undefined, setNoDelay: () => undefined }, headers: {} }) as unknown as DeskRequest;
const PRINCIPAL: Principal = { kind: 'api-key', id: 'k1', scopes: ['read'] };

describe('EventHub fan-out', () => {
  let feed: AccountFeed;
  let hub: EventHub;
  let revocations: PrincipalRevocations;
  beforeEach(() => {
    feed = new AccountFeed();
    revocations = new Revocations();
    const connection = { status: () => ({ state: 'connected', stream: { state: 'live' } }) } as unknown as ConnectionService;
    const authenticator = { authenticate: () => ({ principal: PRINCIPAL }) } as unknown as Authenticator;
    const clock = { now: () => new Date('2026-11-30T10:00:00Z') } as Clock;
    hub = new EventHub(feed, new ConnectionChanges(), connection, revocations, authenticator, clock, {
      bufferSize: 100,
      heartbeatMs: 60_000,
      maxClientBacklogBytes: 4_096,
    });
    hub.onModuleInit();
  });
  afterEach(() => hub.onModuleDestroy());

  it('drops a client that cannot keep up, and the others still get every event', () => {
    const slow = new FakeResponse(false);
    const fast = new FakeResponse(true);
    hub.attach(request(), slow as unknown as Response, PRINCIPAL, undefined);
    hub.attach(request(), fast as unknown as Response, PRINCIPAL, undefined);
    const order = { orderId: '251130000000001', status: 'open', statusMessage: 'x'.repeat(500) } as Order;
    for (let i = 0; i < 20; i++) feed.publish({ type: 'order', data: { ...order, filledQuantity: i } });
    expect(slow.destroyed).toBe(true);
    expect(hub.clientCount()).toBe(1);
    expect(fast.chunks.filter((c) => c.includes('event: order'))).toHaveLength(20);
    expect(slow.chunks.filter((c) => c.includes('event: order')).length).toBeLessThan(20);
  });

  it('closes the streams of a revoked principal at once', () => {
    const res = new FakeResponse(true);
    hub.attach(request(), res as unknown as Response, PRINCIPAL, undefined);
    revocations.notify({ kind: 'api-key', id: 'k1' });
    expect(res.destroyed).toBe(true);
    feed.publish({ type: 'order', data: { orderId: '1' } as Order });
    expect(res.chunks.some((c) => c.includes('event: order'))).toBe(false);
  });

  it('replays to a resuming client the newest state of each order and position, not every tick in between', () => {
    const first = new FakeResponse(true);
    hub.attach(request(), first as unknown as Response, PRINCIPAL, undefined);
    feed.publish({ type: 'order', data: { orderId: 'A', status: 'open' } as Order });
    const lastSeen = /id: (\d+)\nevent: order/.exec(first.chunks.join(''))?.[1];
    // More ticks than the buffer's 100 events, for two positions, while the client is away.
    for (let i = 1; i <= 150; i++) {
      feed.publish({ type: 'position', data: { instrumentKey: 'NSE_EQ|X', product: i % 2 ? 'D' : 'I', lastPrice: i } as Position });
    }
    feed.publish({ type: 'order', data: { orderId: 'A', status: 'complete' } as Order });
    const resumed = new FakeResponse(true);
    hub.attach(request(), resumed as unknown as Response, PRINCIPAL, lastSeen);
    const replayed = resumed.chunks.join('');
    expect(replayed).not.toContain('event: resync');
    expect(replayed.match(/event: position/g)).toHaveLength(2);
    expect(replayed).toContain('"lastPrice":149');
    expect(replayed).toContain('"lastPrice":150');
    expect(replayed.match(/event: order\ndata: .*"status":"complete"/g)).toHaveLength(1);
    expect(replayed).not.toContain('"status":"open"');
  });
});
