import { LivePrices, type AccountReads } from '@desk/api/account';
import { DeskError, ERROR_TITLES, Order, PlaceOrderRequest } from '@desk/contracts';
import { SqliteDatabase } from '@desk/api/core';
import type { ConnectionService } from '@desk/api/connection';
import {
  BrokerOrderRow,
  BrokerPlaceOrder,
  InstrumentFileLoader,
  UpstoxApiError,
  UpstoxAuth,
  UpstoxClient,
  UpstoxEndpointsResolver,
} from '@desk/upstox/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstrumentsService } from '../instruments/instruments.service';
import { newBrokerTag, newIntentId } from '../journal/broker-tag';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { ORDERS_CONFIG_DEFAULTS, OrdersConfig } from '../orders.config';
import { Logger } from '@nestjs/common';
import { KillSwitchService } from './kill-switch.service';
import { OrderBookAudit } from './order-book-audit';
import { OrderGate } from './order-gate';
import { OrderPlacementService, PlaceAnswer } from './order-placement.service';
import { OrderSubmission } from './order-submission';
import { PlaceOutcomes } from './place-outcomes';
import { OrderReconciler } from './order-reconciler';
import { PreTradeChecks } from './pre-trade-checks';
import { StartupBarrier } from './startup-barrier';

/** Temp data folders of this file, removed when it ends (none are left behind in /tmp). */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The audit reads the order book through the account mirror; here straight from the fake client. */
function ordersFrom(client: UpstoxClient): AccountReads {
  return { orders: async () => ({ orders: await client.getOrderBook({} as UpstoxAuth), asOf: '', source: 'snapshot' }) } as unknown as AccountReads;
}

/**
 * Unit test of the placement state machine with a scripted broker (the api tests use the real
 * simulator over HTTP). The broker keeps the orders it "recorded", so look-ups by tag tell truth.
 */
type Behaviour = 'ok' | 'reject' | 'unknown-recorded' | 'unknown-not-recorded';

class ScriptedBroker {
  behaviour: Behaviour = 'ok';
  placeCalls = 0;
  recorded: { orderId: string; tag: string }[] = [];
  lookupFails = false;

  place(o: BrokerPlaceOrder): { orderIds: string[]; latencyMs: number } {
    this.placeCalls++;
    if (this.behaviour === 'reject') {
      throw new UpstoxApiError({
        code: 'ORDER_REJECTED', title: ERROR_TITLES.orderRejected, httpStatus: 422, message: 'Invalid input',
        upstoxCode: 'UDAPI100038', upstreamStatus: 400, outcome: 'rejected',
      });
    }
    const orderId = `26112800000${String(this.placeCalls).padStart(4, '0')}`;
    if (this.behaviour !== 'unknown-not-recorded') this.recorded.push({ orderId, tag: o.brokerTag });
    if (this.behaviour.startsWith('unknown')) {
      throw new UpstoxApiError({
        code: 'UPSTOX_TIMEOUT', title: ERROR_TITLES.upstoxError, httpStatus: 504, message: 'Upstox did not answer in time.',
        upstreamStatus: null, outcome: 'unknown',
      });
    }
    return { orderIds: [orderId], latencyMs: 12 };
  }

  history(tag: string): BrokerOrderRow[] {
    if (this.lookupFails) throw new Error('network down');
    return this.recorded.filter((r) => r.tag === tag).map((r) => ({ orderId: r.orderId, tag: r.tag }) as BrokerOrderRow);
  }
}

const AUTH = { endpoints: { environment: 'live' as const, apiUrl: 'x', orderUrl: 'x' }, accessToken: 't' };
const ORDER: PlaceOrderRequest = {
  instrumentKey: 'NSE_EQ|INE002A01018', transactionType: 'BUY', quantity: 2, orderType: 'LIMIT',
  product: 'D', validity: 'DAY', price: 1400,
};
const CALLER = { principalId: 'session:s', kind: 'session' as const, requestId: 'req-1' };

function build(broker: ScriptedBroker, config: Partial<OrdersConfig> = {}, dataDir = tempDir('orders-')) {
  const cfg: OrdersConfig = { ...ORDERS_CONFIG_DEFAULTS, reconcileDelaysMs: [20, 60, 120], outcomeWaitMs: 1000, ...config };
  const client = {
    placeOrder: async (_a: unknown, o: BrokerPlaceOrder) => broker.place(o),
    getOrderHistory: async (_a: unknown, q: { tag?: string }) => broker.history(q.tag ?? ''),
    getOrderBook: async (): Promise<Order[]> => [],
    getLastPrices: async () => ({}),
  } as unknown as UpstoxClient;
  const noInstrumentFile = { load: async () => [] } as unknown as InstrumentFileLoader;
  const connection = {
    openSession: () => ({ auth: AUTH, connectionId: 'c1' }),
    withSession: <T>(_s: unknown, fn: (a: typeof AUTH) => Promise<T>) => fn(AUTH),
    withUpstox: <T>(fn: (a: typeof AUTH) => Promise<T>) => fn(AUTH),
    status: () => ({ environment: 'live' }),
    environment: () => 'live',
  } as unknown as ConnectionService;
  const clock = { now: () => new Date() };
  const db = SqliteDatabase.inDataDir(dataDir);
  const journal = new OrderIntentsRepository(db);
  const reconciler = new OrderReconciler(journal, connection, client, cfg, clock);
  const barrier = new StartupBarrier(journal, reconciler, new OrderBookAudit(journal, connection, ordersFrom(client), clock), cfg);
  const killSwitch = new KillSwitchService(journal, clock);
  const instruments = new InstrumentsService(client, noInstrumentFile, {} as UpstoxEndpointsResolver, connection, dataDir);
  const gate = new OrderGate(killSwitch, barrier, new PreTradeChecks(cfg, connection, client, new LivePrices()), connection);
  const submission = new OrderSubmission(gate, barrier, client, new PlaceOutcomes(journal, reconciler, cfg, clock));
  const service = new OrderPlacementService(journal, gate, instruments, submission, clock);
  return { service, journal, barrier, killSwitch, db, dataDir };
}

async function outcome(p: Promise<PlaceAnswer>): Promise<{ status: number; body: unknown } | DeskError> {
  try {
    return (await p).response;
  } catch (e) {
    return e as DeskError;
  }
}

describe('OrderPlacementService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));
  const stacks: { db: SqliteDatabase; barrier: StartupBarrier }[] = [];
  afterEach(() => {
    for (const s of stacks.splice(0)) {
      s.barrier.onApplicationShutdown();
      s.db.close();
    }
  });
  function setup(broker: ScriptedBroker, config?: Partial<OrdersConfig>, dataDir?: string) {
    const s = build(broker, config, dataDir);
    stacks.push(s);
    s.barrier.onApplicationBootstrap();
    return s;
  }

  it('places once, then replays the same answer for the same key and refuses a different body', async () => {
    const broker = new ScriptedBroker();
    const { service, journal } = setup(broker);
    const first = await service.place(CALLER, ORDER, 'k1');
    expect(first.replay).toBe(false);
    expect(first.response.status).toBe(201);
    expect(first.response.body).toMatchObject({ outcome: 'placed', orderIds: ['261128000000001'], latencyMs: 12 });
    const again = await service.place(CALLER, { ...ORDER }, 'k1');
    expect(again).toEqual({ replay: true, response: first.response });
    await expect(service.place(CALLER, { ...ORDER, quantity: 3 }, 'k1')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', httpStatus: 422 });
    expect(broker.placeCalls).toBe(1);
    expect(journal.countByStatus()).toEqual({ SUBMITTED: 1 });
  });

  it('answers 409 while the first request with the key is in flight and calls the broker once for 50 racers', async () => {
    const broker = new ScriptedBroker();
    const { service } = setup(broker);
    const results = await Promise.all(Array.from({ length: 50 }, () => outcome(service.place(CALLER, ORDER, 'race'))));
    const statuses = results.map((r) => (r instanceof DeskError ? r.httpStatus : r.status));
    expect(broker.placeCalls).toBe(1);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });

  it('records a definitive rejection and replays it', async () => {
    const broker = new ScriptedBroker();
    broker.behaviour = 'reject';
    const { service, journal } = setup(broker);
    const err = await outcome(service.place(CALLER, ORDER, 'k2'));
    expect(err).toMatchObject({ code: 'ORDER_REJECTED', upstoxCode: 'UDAPI100038' });
    const replay = await service.place(CALLER, ORDER, 'k2');
    expect(replay.response).toMatchObject({ status: 422, body: { code: 'ORDER_REJECTED', requestId: 'req-1' } });
    expect(journal.countByStatus()).toEqual({ REJECTED: 1 });
    expect(broker.placeCalls).toBe(1);
  });

  it('resolves an unknown outcome by tag: recorded -> SUBMITTED, not recorded -> NOT_PLACED; never re-places', async () => {
    const broker = new ScriptedBroker();
    const { service, journal } = setup(broker);
    broker.behaviour = 'unknown-recorded';
    const found = await service.place(CALLER, ORDER, 'k3');
    expect(found.response).toMatchObject({ status: 201, body: { outcome: 'placed', orderIds: ['261128000000001'] } });
    broker.behaviour = 'unknown-not-recorded';
    const lost = await outcome(service.place(CALLER, ORDER, 'k4'));
    expect(lost).toMatchObject({ code: 'ORDER_REJECTED', httpStatus: 502 });
    expect(journal.countByStatus()).toEqual({ SUBMITTED: 1, NOT_PLACED: 1 });
    expect(broker.placeCalls).toBe(2);
    expect(broker.recorded).toHaveLength(1);
  });

  it('answers 202 when reconciliation outlasts the wait, and finishes in the background', async () => {
    const broker = new ScriptedBroker();
    broker.behaviour = 'unknown-recorded';
    // The first look-up well after the 5 ms wait: with the default 20 ms, a slow journal write (an fsync under load)
    // let the look-up run at once, and it found the order before the wait ended (201, not the 202 this tests).
    const { service, journal } = setup(broker, { outcomeWaitMs: 5, reconcileDelaysMs: [400, 800, 1200] });
    const answer = await service.place(CALLER, ORDER, 'k5');
    expect(answer.response).toMatchObject({ status: 202, body: { outcome: 'unknown', orderIds: [] } });
    for (let i = 0; i < 100 && journal.countByStatus()['SUBMITTED'] !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(journal.countByStatus()).toEqual({ SUBMITTED: 1 });
    expect((await service.place(CALLER, ORDER, 'k5')).response.status).toBe(202);
  });

  it('keeps an intent UNKNOWN when the look-ups fail (never concludes NOT_PLACED blind)', async () => {
    const broker = new ScriptedBroker();
    broker.behaviour = 'unknown-not-recorded';
    broker.lookupFails = true;
    const { service, journal } = setup(broker, { outcomeWaitMs: 400 });
    expect((await service.place(CALLER, ORDER, 'k6')).response.status).toBe(202);
    expect(journal.countByStatus()).toEqual({ UNKNOWN: 1 });
  });

  it('halts new orders at startup until earlier unresolved intents are resolved', async () => {
    const broker = new ScriptedBroker();
    broker.behaviour = 'unknown-not-recorded';
    broker.lookupFails = true;
    const first = setup(broker, { outcomeWaitMs: 10 });
    await first.service.place(CALLER, ORDER, 'k7');
    first.barrier.onApplicationShutdown();
    // "Restart" on the same data dir with the broker unreachable: orders halted.
    const second = setup(broker, { outcomeWaitMs: 10 }, first.dataDir);
    await expect(second.service.place(CALLER, ORDER, 'k8')).rejects.toMatchObject({ code: 'ORDERS_HALTED', httpStatus: 503 });
    for (let i = 0; i < 100 && second.barrier.status().state !== 'blocked'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(second.barrier.status()).toMatchObject({ state: 'blocked', unresolved: 1 });
    broker.lookupFails = false;
    await second.barrier.runPass();
    expect(second.barrier.status().state).toBe('ready');
    expect(second.journal.countByStatus()).toEqual({ NOT_PLACED: 1 });
    broker.behaviour = 'ok';
    expect((await second.service.place(CALLER, ORDER, 'k8')).response.status).toBe(201);
    expect(broker.placeCalls).toBe(2);
  });

  it('a PENDING_SUBMIT intent left by a killed process is not concluded before its call could have failed', async () => {
    const broker = new ScriptedBroker();
    // The killed process: two journal rows committed, their place calls never answered.
    const dead = build(broker);
    const claimedAt = new Date();
    const tags = { late: newBrokerTag('late'), never: newBrokerTag('never') };
    for (const [key, brokerTag] of Object.entries(tags)) {
      const intent = { id: newIntentId(), principalId: 'dashboard', idempotencyKey: key, fingerprint: 'f', brokerTag, userTag: null };
      dead.journal.claim({ ...intent, request: JSON.stringify(ORDER) }, claimedAt);
    }
    dead.db.close();
    // Upstox finishes the 'late' call 150 ms after the claim, after the restart (its caller is gone).
    setTimeout(() => broker.recorded.push({ orderId: '261128000009999', tag: tags.late }), 150);
    const restarted = setup(broker, { reconcileDelaysMs: [20, 60], placeCallMaxMs: 300 }, dead.dataDir);
    for (let i = 0; i < 100 && restarted.barrier.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(restarted.barrier.status().state).toBe('ready');
    const late = restarted.journal.findByKey('dashboard', 'late');
    const never = restarted.journal.findByKey('dashboard', 'never');
    expect([late?.status, late?.orderIds]).toEqual(['SUBMITTED', ['261128000009999']]);
    expect(never?.status).toBe('NOT_PLACED');
    // Concluded only after the longest call (300 ms) plus the last look-up offset (60 ms).
    expect(Date.parse(never?.updatedAt ?? '') - claimedAt.getTime()).toBeGreaterThanOrEqual(360);
    expect(broker.placeCalls).toBe(0);
  });

  it('refuses locally with the kill switch on, over the limits, and for API keys without a key', async () => {
    const broker = new ScriptedBroker();
    const { service, killSwitch, journal } = setup(broker, { maxQuantity: 100, maxNotional: 10_000 });
    await expect(service.place({ ...CALLER, kind: 'api-key' }, ORDER, undefined)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    await expect(service.place(CALLER, { ...ORDER, quantity: 101 }, 'a')).rejects.toMatchObject({ code: 'RISK_LIMIT' });
    await expect(service.place(CALLER, { ...ORDER, quantity: 10 }, 'b')).rejects.toMatchObject({ code: 'RISK_LIMIT' });
    await expect(service.place(CALLER, { ...ORDER, orderType: 'MARKET', price: undefined }, 'c')).rejects.toMatchObject({ code: 'RISK_LIMIT' });
    killSwitch.set(true);
    await expect(service.place(CALLER, { ...ORDER, quantity: 1 }, 'd')).rejects.toMatchObject({ code: 'ORDERS_HALTED' });
    await expect(service.place(CALLER, { ...ORDER, quantity: 0 }, 'e')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(broker.placeCalls).toBe(0);
    expect(journal.countByStatus()).toEqual({});
    killSwitch.set(false);
    expect((await service.place(CALLER, { ...ORDER, quantity: 1 }, 'd')).response.status).toBe(201);
  });
});
