import { LivePrices, type AccountReads } from '@desk/api/account';
import { DeskError, ModifyOrderRequest, Order } from '@desk/contracts';
import { SqliteDatabase } from '@desk/api/core';
import type { ConnectionService } from '@desk/api/connection';
import type { InstrumentFileLoader, UpstoxAuth, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstrumentsService } from './instruments/instruments.service';
import { OrderIntentsRepository } from './journal/order-intents.repository';
import { OrderChangesService } from './order-changes.service';
import { ORDERS_CONFIG_DEFAULTS, OrdersConfig } from './orders.config';
import { KillSwitchService } from './placement/kill-switch.service';
import { OrderBookAudit } from './placement/order-book-audit';
import { OrderGate } from './placement/order-gate';
import { OrderReconciler } from './placement/order-reconciler';
import { PreTradeChecks } from './placement/pre-trade-checks';
import { StartupBarrier } from './placement/startup-barrier';

/** Temp data folders of this file, removed when it ends (none are left behind in /tmp). */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * The account reads: the audit's order book straight from the fake client; `liveOrder` from `mirrored`, the orders
 * a live mirror holds (none unless a test puts some there).
 */
function accountOf(client: UpstoxClient, mirrored: Map<string, Order>): AccountReads {
  return {
    orders: async () => ({ orders: await client.getOrderBook({} as UpstoxAuth), asOf: '', source: 'snapshot' }),
    liveOrder: (orderId: string) => mirrored.get(orderId) ?? null,
  } as unknown as AccountReads;
}

/**
 * OrderChangesService with the real gates (kill switch and barrier on a real journal, the real limits) and a
 * scripted broker; the api tests in apps/api/test/orders run the same paths against the simulator over HTTP.
 */
const RELIANCE = 'NSE_EQ|INE002A01018';
const ID = '261128000000001';
const OPEN: Order = {
  orderId: ID, exchangeOrderId: null, instrumentKey: RELIANCE, tradingSymbol: 'RELIANCE', exchange: 'NSE',
  transactionType: 'SELL', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 1, filledQuantity: 0,
  pendingQuantity: 1, price: 5000, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0, status: 'open',
  statusClass: 'working', statusMessage: null, tag: null, isAmo: false, placedAt: null, exchangeTimestamp: null,
};

function build(environment: 'live' | 'sandbox', config: Partial<OrdersConfig> = {}) {
  const cfg: OrdersConfig = { ...ORDERS_CONFIG_DEFAULTS, maxQuantity: 100, maxNotional: 100_000, ...config };
  const sent: string[] = [];
  const modifies: ModifyOrderRequest[] = [];
  const mirrored = new Map<string, Order>();
  let orderReads = 0;
  const auth = { endpoints: { environment, apiUrl: 'x', orderUrl: 'x' }, accessToken: 't' };
  const client = {
    getOrderDetails: async () => {
      if (environment === 'sandbox') throw new Error('no order reads in the sandbox');
      orderReads++;
      return OPEN;
    },
    getLastPrices: async () => ({ [RELIANCE]: 1400 }),
    getOrderHistory: async () => [],
    getOrderBook: async () => [],
    modifyOrder: async (_a: unknown, id: string, m: ModifyOrderRequest) => (sent.push(`modify ${id}`), modifies.push(m), { orderId: id, latencyMs: 1 }),
    cancelOrder: async (_a: unknown, id: string) => (sent.push(`cancel ${id}`), { orderId: id, latencyMs: 1 }),
  } as unknown as UpstoxClient;
  const connection = {
    status: () => ({ environment, state: 'connected' }),
    environment: () => environment,
    openSession: () => ({ auth, connectionId: 'c1' }),
    withSession: <T>(_s: unknown, fn: (a: typeof auth) => Promise<T>) => fn(auth),
    withUpstox: <T>(fn: (a: typeof auth) => Promise<T>) => fn(auth),
  } as unknown as ConnectionService;
  const clock = { now: () => new Date() };
  const dataDir = tempDir('order-changes-');
  const db = SqliteDatabase.inDataDir(dataDir);
  const journal = new OrderIntentsRepository(db);
  const reconciler = new OrderReconciler(journal, connection, client, cfg, clock);
  const account = accountOf(client, mirrored);
  const barrier = new StartupBarrier(journal, reconciler, new OrderBookAudit(journal, connection, account, clock), cfg);
  const killSwitch = new KillSwitchService(journal, clock);
  const gate = new OrderGate(killSwitch, barrier, new PreTradeChecks(cfg, connection, client, new LivePrices()), connection);
  const instruments = new InstrumentsService(client, {} as InstrumentFileLoader, {} as UpstoxEndpointsResolver, connection, dataDir);
  const changes = new OrderChangesService(connection, client, instruments, gate, account);
  return { changes, barrier, killSwitch, sent, modifies, mirrored, reads: () => orderReads, db };
}

async function refusal(p: Promise<unknown>): Promise<DeskError> {
  try {
    await p;
  } catch (e) {
    return e as DeskError;
  }
  throw new Error('expected a refusal');
}

describe('OrderChangesService: modify passes the gates of a new order, cancel passes none', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));
  const open: ReturnType<typeof build>[] = [];
  function setup(...args: Parameters<typeof build>) {
    const s = build(...args);
    open.push(s);
    return s;
  }
  afterEach(() => {
    for (const s of open.splice(0)) {
      s.barrier.onApplicationShutdown();
      s.db.close();
    }
  });

  it('refuses a modify while the start-up barrier holds and lets a cancel through', async () => {
    const s = setup('live');
    // Not bootstrapped yet: the barrier is still reconciling, exactly as right after a start with leftovers.
    const held = await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 5000 }));
    expect(held).toMatchObject({ code: 'ORDERS_HALTED', details: { limit: 'STARTUP_BARRIER' }, nextStep: expect.stringContaining('Cancelling an order still works') });
    await expect(s.changes.cancel(ID)).resolves.toEqual({ orderId: ID, latencyMs: 1 });
    s.barrier.onApplicationBootstrap(); // empty journal: the barrier opens
    await expect(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 5000 })).resolves.toMatchObject({ orderId: ID });
    expect(s.sent).toEqual([`cancel ${ID}`, `modify ${ID}`]);
  });

  it('refuses a modify with the kill switch on, names the switch, and lets a cancel through', async () => {
    const s = setup('live');
    s.barrier.onApplicationBootstrap();
    s.killSwitch.set(true);
    const off = await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 5000 }));
    expect(off).toMatchObject({ code: 'ORDERS_HALTED', details: { limit: 'KILL_SWITCH' }, message: expect.stringContaining('kill switch is on') });
    await expect(s.changes.cancel(ID)).resolves.toMatchObject({ orderId: ID });
    expect(s.sent).toEqual([`cancel ${ID}`]);
  });

  it('checks the order as it would be after the change: kept quantity, new type, the last price', async () => {
    const s = setup('live');
    s.barrier.onApplicationBootstrap();
    // 1 unit: a MARKET sell is worth 1 x ₹1,400; 80 units are worth ₹1,12,000, above ₹1,00,000.
    const big = await refusal(s.changes.modify(ID, { orderType: 'MARKET', validity: 'DAY', quantity: 80 }));
    expect(big).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_NOTIONAL', max: 100_000, notional: 112_000, basis: 'last price' } });
    const many = await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 1, quantity: 101 }));
    expect(many).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_QUANTITY', max: 100 } });
    expect(many.message).toContain('ORDER_MAX_QUANTITY');
    // A SELL LIMIT far below the market counts at the last price, not at its ₹0.05.
    const cheap = await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 0.05, quantity: 80 }));
    expect(cheap.message).toContain('valued at the last price ₹1,400.00, above your limit price ₹0.05, because a SELL LIMIT below the market fills at the market');
    expect(s.sent).toEqual([]);
    await s.changes.modify(ID, { orderType: 'MARKET', validity: 'DAY' });
    expect(s.modifies).toEqual([{ orderType: 'MARKET', validity: 'DAY', quantity: 1 }]); // the quantity checked is the one sent
  });

  it('checks an order the live mirror holds without asking Upstox, and asks Upstox for one it does not hold', async () => {
    const s = setup('live');
    s.barrier.onApplicationBootstrap();
    // The quantity kept is the mirrored order's.
    s.mirrored.set(ID, { ...OPEN, quantity: 3, pendingQuantity: 3 });
    await s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 4000 });
    await s.changes.cancel(ID);
    expect(s.reads()).toBe(0);
    expect(s.modifies).toEqual([{ orderType: 'LIMIT', validity: 'DAY', quantity: 3, price: 4000 }]);

    s.mirrored.set(ID, { ...OPEN, status: 'complete', statusClass: 'complete', filledQuantity: 1, pendingQuantity: 0 });
    expect(await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 5000 }))).toMatchObject({ code: 'ORDER_NOT_MODIFIABLE' });
    expect(await refusal(s.changes.cancel(ID))).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE' });
    expect(s.reads()).toBe(0);

    s.mirrored.clear();
    await s.changes.cancel(ID);
    expect(s.reads()).toBe(1);
    expect(s.sent).toEqual([`modify ${ID}`, `cancel ${ID}`, `cancel ${ID}`]);
  });

  it('in the Upstox sandbox requires the full new order, checks it, and cancels without reading', async () => {
    const s = setup('sandbox');
    s.barrier.onApplicationBootstrap();
    await expect(s.changes.cancel(ID)).resolves.toMatchObject({ orderId: ID });
    const partial = await refusal(s.changes.modify(ID, { orderType: 'LIMIT', validity: 'DAY', price: 100 }));
    expect(partial).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('In the Upstox sandbox the desk cannot read the order') });
    expect((partial.details as { field: string }[]).map((d) => d.field)).toEqual(['instrumentKey', 'transactionType', 'quantity']);
    const full = { instrumentKey: RELIANCE, transactionType: 'BUY', orderType: 'LIMIT', validity: 'DAY', price: 2000 };
    const tooBig = await refusal(s.changes.modify(ID, { ...full, quantity: 60 }));
    expect(tooBig).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_NOTIONAL', notional: 120_000 } });
    await expect(s.changes.modify(ID, { ...full, quantity: 50 })).resolves.toMatchObject({ orderId: ID });
    expect(s.sent).toEqual([`cancel ${ID}`, `modify ${ID}`]);
    expect(s.modifies).toEqual([{ orderType: 'LIMIT', validity: 'DAY', quantity: 50, price: 2000 }]);
  });
});
