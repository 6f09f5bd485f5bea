import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, RunningApi } from '../../src/bootstrap';
import { BrowserAgent, freePort, Stack, startStack } from '../support/stack';
import { connect, limitBuy, MODIFY_ROUTE, ordersApi, OrdersStack, RELIANCE, SimControl, startOrdersStack, waitFor, workingOrder } from './orders-harness';

const CANCEL_ROUTE = 'DELETE /v3/order/cancel';
/** Low limits so a 1-unit order far from the market can be pushed past them: ₹1,420.50 x 71 > ₹1,00,000. */
const LIMITS = { ORDER_MAX_QUANTITY: '100', ORDER_MAX_NOTIONAL: '100000' };

/** Issue 8, item 1: PUT /api/orders/:id passes the gates of POST /api/orders, on the order as it would be after the change. */
describe('modify passes the same gates as place (real api + simulator)', () => {
  let s: OrdersStack;
  beforeAll(async () => {
    s = await startOrdersStack({ env: LIMITS });
    await s.sim.price(RELIANCE, 1420.5);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
  const modify = (id: string, body: unknown) => s.browser.api('PUT', `/api/orders/${id}`, body);

  it('a 1-unit LIMIT far from the market cannot be raised past the quantity limit or turned into a large MARKET order', async () => {
    const id = await workingOrder(s);
    const before = await s.sim.calls(MODIFY_ROUTE);
    const many = await modify(id, { orderType: 'LIMIT', validity: 'DAY', price: 1000, quantity: 5000 });
    expect(many.status).toBe(422);
    expect(many.body).toMatchObject({
      code: 'RISK_LIMIT',
      message: 'The order after this change has quantity 5000, above the per-order quantity limit of 100 units (ORDER_MAX_QUANTITY).',
      nextStep: expect.stringContaining('Keep the quantity at 100 or less'),
      details: { limit: 'ORDER_MAX_QUANTITY', max: 100, quantity: 5000 },
    });
    const market = await modify(id, { orderType: 'MARKET', validity: 'DAY', quantity: 80 });
    expect(market.status).toBe(422);
    expect(market.body).toMatchObject({
      code: 'RISK_LIMIT',
      message:
        'The order after this change is worth ₹1,13,640.00 (80 × ₹1,420.50, valued at the last price ₹1,420.50), ' +
        'above the per-order value limit of ₹1,00,000.00 (ORDER_MAX_NOTIONAL).',
      details: { limit: 'ORDER_MAX_NOTIONAL', max: 100_000, notional: 113_640, basis: 'last price' },
    });
    // The quantity kept from the order counts too: raising the price alone of a 1-unit order is fine, but an SL-M
    // with a far trigger is valued at the trigger.
    const slm = await modify(id, { orderType: 'SL-M', validity: 'DAY', triggerPrice: 200_000 });
    expect(slm.body).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_NOTIONAL', notional: 200_000, basis: 'trigger price' } });
    expect(await s.sim.calls(MODIFY_ROUTE)).toBe(before);

    // Within the limits, the change goes out once, with the quantity that was checked.
    const ok = await modify(id, { orderType: 'LIMIT', validity: 'DAY', price: 1000.5, quantity: 70 });
    expect(ok.status).toBe(200);
    expect(await s.sim.calls(MODIFY_ROUTE)).toBe(before + 1);
    await waitFor('the change at the simulator', async () => {
      const o = (await s.sim.orders()).find((x) => x.order_id === id);
      return o?.quantity === 70 && o.price === 1000.5;
    });
  });

  it('refuses to change the instrument or the side of an order', async () => {
    const id = await workingOrder(s);
    const before = await s.sim.calls(MODIFY_ROUTE);
    const res = await modify(id, { transactionType: 'SELL', orderType: 'LIMIT', validity: 'DAY', price: 1000 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'transactionType', message: 'This order is a BUY; a modify cannot change the side (cancel it and place a new order instead).' },
    ]);
    expect(await s.sim.calls(MODIFY_ROUTE)).toBe(before);
  });

  it('the kill switch refuses a modify and says cancel still works; the cancel goes through', async () => {
    const id = await workingOrder(s);
    const modifies = await s.sim.calls(MODIFY_ROUTE);
    const cancels = await s.sim.calls(CANCEL_ROUTE);
    expect((await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: true })).status).toBe(200);
    try {
      const res = await modify(id, { orderType: 'LIMIT', validity: 'DAY', price: 999 });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        code: 'ORDERS_HALTED',
        message: 'Order changes are refused: the kill switch is on. Cancelling an order still works.',
        nextStep: expect.stringContaining('kill switch'),
        details: { limit: 'KILL_SWITCH' },
      });
      expect(await s.sim.calls(MODIFY_ROUTE)).toBe(modifies);
      const cancel = await s.browser.api('DELETE', `/api/orders/${id}`);
      expect(cancel.status).toBe(200);
      expect(await s.sim.calls(CANCEL_ROUTE)).toBe(cancels + 1);
    } finally {
      await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: false });
    }
  });
});

/** The start-up barrier holds modify (not cancel) until the intents an earlier run left are resolved. */
describe('modify while the start-up barrier holds (real api + simulator, restart on the same DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-modify-barrier-'));
  let stack: Stack;
  let second: RunningApi | null = null;
  beforeAll(async () => {
    stack = await startStack({ env: { DATA_DIR: dataDir, UPSTOX_TIMEOUT_MS: '1500', ORDER_RECONCILE_DELAYS_MS: '2500' } });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the modify with STARTUP_BARRIER, lets the cancel through, and accepts the modify once resolved', async () => {
    const browser = stack.browser();
    await browser.signIn();
    await connect(browser, stack.simUrl);
    const first = { ...ordersApi(stack, browser), browser };
    const toModify = await workingOrder(first);
    const toCancel = await workingOrder(first, { price: 999 });
    await stack.api.close();
    // The process "died" between the journal commit and the place call: the next start must resolve it first.
    const db = new Database(join(dataDir, 'desk.sqlite'));
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO order_intents (id, principal_id, idempotency_key, fingerprint, broker_tag, user_tag, request_json,
         status, created_at, updated_at) VALUES ('oi_0000000000000000009', 'dashboard', 'crashed', 'f', 'dk000000000BARRIER01', NULL, ?, 'PENDING_SUBMIT', ?, ?)`,
    ).run(JSON.stringify(limitBuy({ price: 1003 })), now, now);
    db.close();

    second = await createApiApp(stack.env);
    const after = new BrowserAgent(second.url, second.loginToken);
    await after.signIn();
    const sim = new SimControl(stack.simUrl);
    const modifies = await sim.calls(MODIFY_ROUTE);
    const held = await after.api('PUT', `/api/orders/${toModify}`, { orderType: 'LIMIT', validity: 'DAY', price: 1001 });
    expect(held.status).toBe(503);
    expect(held.body).toMatchObject({
      code: 'ORDERS_HALTED',
      nextStep: expect.stringContaining('Cancelling an order still works'),
      details: { limit: 'STARTUP_BARRIER', unresolved: 1 },
    });
    expect(await sim.calls(MODIFY_ROUTE)).toBe(modifies);
    expect((await after.api('DELETE', `/api/orders/${toCancel}`)).status).toBe(200);

    const accepted = await waitFor(
      'the barrier to open',
      async () => {
        const res = await after.api('PUT', `/api/orders/${toModify}`, { orderType: 'LIMIT', validity: 'DAY', price: 1001 });
        return res.status === 200 ? res : undefined;
      },
      20_000,
    );
    expect(accepted.body.orderId).toBe(toModify);
    expect(await sim.calls(MODIFY_ROUTE)).toBe(modifies + 1);
  }, 60_000);
});

/**
 * The Upstox sandbox cannot read an order, so a modify there must carry the full new order, which is then checked.
 * The sandbox host is the simulator here (UPSTOX_SANDBOX_URL); the client refuses every read locally in the sandbox.
 */
describe('modify in the Upstox sandbox (real api + simulator as the sandbox host)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let sim: SimControl;
  beforeAll(async () => {
    const simPort = await freePort();
    stack = await startStack({ sim: { port: simPort }, env: { ...LIMITS, UPSTOX_SANDBOX_URL: `http://127.0.0.1:${simPort}` } });
    sim = new SimControl(stack.simUrl);
    browser = stack.browser();
    await browser.signIn();
    const app = (await sim.call('GET', 'app')).body as { client_id: string; client_secret: string };
    const res = await browser.api('POST', '/api/connection/token', {
      apiKey: app.client_id,
      apiSecret: app.client_secret,
      accessToken: await sim.mintToken(),
      environment: 'sandbox',
    });
    expect(res.status).toBeLessThan(300);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('explains and refuses a partial modify, checks the full one against the limits, sends a valid one once', async () => {
    const placed = await ordersApi(stack, browser).place(limitBuy({ price: 1000 }));
    expect(placed.status).toBe(201);
    const id = placed.body.orderIds[0] as string;
    const before = await sim.calls(MODIFY_ROUTE);
    const modify = (body: unknown) => browser.api('PUT', `/api/orders/${id}`, body);

    const partial = await modify({ orderType: 'LIMIT', validity: 'DAY', price: 1001 });
    expect(partial.status).toBe(400);
    expect(partial.body.message).toContain('In the Upstox sandbox the desk cannot read the order, so a modify must carry the full new order');
    expect((partial.body.details as { field: string }[]).map((d) => d.field)).toEqual(['instrumentKey', 'transactionType', 'quantity']);

    const full = { instrumentKey: RELIANCE, transactionType: 'BUY', orderType: 'LIMIT', validity: 'DAY', price: 1001 };
    const tooMany = await modify({ ...full, quantity: 101 });
    expect(tooMany.body).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_QUANTITY' } });
    const tooMuch = await modify({ ...full, quantity: 100, price: 1500 });
    expect(tooMuch.body).toMatchObject({ code: 'RISK_LIMIT', details: { limit: 'ORDER_MAX_NOTIONAL', notional: 150_000 } });
    // No market data in the sandbox: a MARKET order cannot be valued, so it is refused (as for place).
    const market = await modify({ ...full, orderType: 'MARKET', price: undefined, quantity: 1 });
    expect(market.body).toMatchObject({ code: 'RISK_LIMIT', message: expect.stringContaining('no last price is known') });
    expect(await sim.calls(MODIFY_ROUTE)).toBe(before);

    const ok = await modify({ ...full, quantity: 2 });
    expect(ok.status).toBe(200);
    expect(await sim.calls(MODIFY_ROUTE)).toBe(before + 1);
    await waitFor('the change at the simulator', async () => {
      const o = (await sim.orders()).find((x) => x.order_id === id);
      return o?.quantity === 2 && o.price === 1001;
    });
  });
});
