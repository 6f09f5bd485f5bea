import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, RunningApi } from '../../src/bootstrap';
import { BrowserAgent, rawRequest, Stack, startStack } from '../support/stack';
import { connect, limitBuy, ordersApi, RELIANCE, SimControl, waitFor } from './orders-harness';

interface IntentView {
  intentId: string;
  status: string;
  brokerTag: string;
  orderIds: string[];
}

/**
 * The process dies at each point of the order path; the next start on the same DATA_DIR must
 * resolve every intent against the broker before taking new orders: 0 lost, 0 duplicated.
 */
describe('orders across a restart (real api + simulator, same DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-orders-restart-'));
  let stack: Stack;
  let second: RunningApi | null = null;
  let sim: SimControl;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        DATA_DIR: dataDir,
        // Slow look-ups: ambiguous intents are still UNKNOWN when the process "dies".
        ORDER_RECONCILE_DELAYS_MS: '60000',
        ORDER_OUTCOME_WAIT_MS: '0',
        UPSTOX_TIMEOUT_MS: '1500',
      },
    });
    sim = new SimControl(stack.simUrl);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resolves PENDING_SUBMIT and UNKNOWN intents at startup before accepting new orders', async () => {
    const browser = stack.browser();
    await browser.signIn();
    const accessToken = await connect(browser, stack.simUrl);
    const api = ordersApi(stack, browser);

    // Died after the broker recorded the order but before the answer arrived (UNKNOWN, at the broker).
    await sim.fault('POST /v3/order/place', 'reset-after');
    const recorded = await api.place(limitBuy({ price: 1001, tag: 'r-after' }));
    // Died after the request never reached the broker (UNKNOWN, not at the broker).
    await sim.fault('POST /v3/order/place', 'reset-before');
    const lost = await api.place(limitBuy({ price: 1002, tag: 'r-before' }));
    expect([recorded.status, lost.status]).toEqual([202, 202]);
    expect(await browser.api('PUT', '/api/orders/kill-switch', { enabled: true })).toMatchObject({ status: 200 });
    await stack.api.close();

    // Died between the journal commit and the broker call, twice: once the call went out (the
    // broker has the order with the journalled tag), once it did not.
    const db = new Database(join(dataDir, 'desk.sqlite'));
    const now = new Date().toISOString();
    const insert = db.prepare(
      `INSERT INTO order_intents (id, principal_id, idempotency_key, fingerprint, broker_tag, user_tag, request_json,
         status, created_at, updated_at) VALUES (?, 'session:crashed', ?, 'f', ?, NULL, ?, 'PENDING_SUBMIT', ?, ?)`,
    );
    const request = JSON.stringify(limitBuy({ price: 1003 }));
    insert.run('oi_0000000000000000001', 'crash-1', 'dk000000000CRASH0001', request, now, now);
    insert.run('oi_0000000000000000002', 'crash-2', 'dk000000000CRASH0002', request, now, now);
    db.close();
    const direct = await rawRequest({
      method: 'POST',
      url: `${stack.simUrl}/v3/order/place`,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        quantity: 1, product: 'D', validity: 'DAY', price: 1003, tag: 'dk000000000CRASH0001', instrument_token: RELIANCE,
        order_type: 'LIMIT', transaction_type: 'BUY', disclosed_quantity: 0, trigger_price: 0, is_amo: false, slice: false,
      }),
    });
    expect(direct.status).toBe(200);
    const placeCallsBeforeRestart = await sim.placeCalls();

    // Restart on the same DATA_DIR and simulator, with a settle window long enough to observe the barrier.
    second = await createApiApp({ ...stack.env, ORDER_RECONCILE_DELAYS_MS: '4000,8000', ORDER_OUTCOME_WAIT_MS: '2000' });
    const after = new BrowserAgent(second.url, second.loginToken);
    await after.signIn();
    expect((await after.api('GET', '/api/orders/kill-switch')).body.enabled).toBe(true);
    expect((await after.api('PUT', '/api/orders/kill-switch', { enabled: false })).status).toBe(200);
    const early = await after.api('POST', '/api/orders', limitBuy({ price: 1004 }), { 'idempotency-key': 'after-restart' });
    expect(early.status).toBe(503);
    expect(early.body.code).toBe('ORDERS_HALTED');

    const intents = await waitFor(
      'every intent resolved',
      async () => {
        const list = (await after.api('GET', '/api/order-intents')).body as IntentView[];
        return list.every((i) => i.status !== 'PENDING_SUBMIT' && i.status !== 'UNKNOWN') ? list : undefined;
      },
      30_000,
    );
    expect(intents).toHaveLength(4);
    const simOrders = await sim.orders();
    for (const intent of intents) {
      const atBroker = simOrders.filter((o) => o.tag === intent.brokerTag);
      expect(atBroker.length).toBeLessThanOrEqual(1);
      expect({ tag: intent.brokerTag, status: intent.status, ids: intent.orderIds }).toEqual({
        tag: intent.brokerTag,
        status: atBroker.length === 1 ? 'SUBMITTED' : 'NOT_PLACED',
        ids: atBroker.map((o) => o.order_id),
      });
    }
    const byTag = Object.fromEntries(intents.map((i) => [i.brokerTag.replace(/^dk[0-9A-Z]{17}-/, ''), i.status]));
    expect(byTag).toMatchObject({
      'r-after': 'SUBMITTED',
      'r-before': 'NOT_PLACED',
      dk000000000CRASH0001: 'SUBMITTED',
      dk000000000CRASH0002: 'NOT_PLACED',
    });
    // Reconciliation only looked orders up: nothing was placed again.
    expect(await sim.placeCalls()).toBe(placeCallsBeforeRestart);

    await waitFor('orders accepted', async () => {
      const res = await after.api('POST', '/api/orders', limitBuy({ price: 1004 }), { 'idempotency-key': 'after-restart-2' });
      return res.status === 201 ? res : undefined;
    });
    expect(await sim.placeCalls()).toBe(placeCallsBeforeRestart + 1);
  }, 90_000);
});
