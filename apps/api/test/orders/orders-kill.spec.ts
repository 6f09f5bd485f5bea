import Database from 'better-sqlite3';
import { RunningSimulator, startSimulator } from '@desk/upstox/simulator';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserAgent, freePort, HttpResponse } from '../support/stack';
import { ApiProcess, copyBuiltApi, ensureBuiltApi, removeApiCopy } from './api-process';
import { connect, limitBuy, SimControl, SimOrder, waitFor } from './orders-harness';

const PLACE = 'POST /v3/order/place';
const HISTORY = 'GET /v2/order/history';
/** Fixed, so the same link signs in after every restart (40 characters). */
const LOGIN_TOKEN = 'kill-test-login-token-0123456789abcdefgh';

interface IntentView {
  intentId: string;
  status: string;
  brokerTag: string;
  orderIds: string[];
  request: { tag?: string };
}

interface JournalRow {
  status: string;
  broker_tag: string;
  user_tag: string;
}

type Outcome = 'SUBMITTED' | 'NOT_PLACED';

/**
 * SECURITY.md "Process killed at each point of the order path, restarted | 0 lost, 0 duplicated intents",
 * with REAL kills: the built api runs as a child process and gets SIGKILL while a simulator fault holds the
 * order at one point of its path; it restarts on the same DATA_DIR (same port, same browser cookies).
 * For each point the test reads the journal the dead process left on disk (proof the kill hit that
 * point), then after the restart asserts: the intent is resolved by the startup barrier, the simulator
 * holds exactly the orders that it recorded for the intent's tag (1 or 0), the number of place calls
 * never grows by itself, and a retry with the same Idempotency-Key replays the outcome without a new order.
 */
describe('orders when the api process is killed mid-order (built api, SIGKILL, restart on the same DATA_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-orders-kill-'));
  const dataDir = join(dir, 'data');
  let sim: RunningSimulator;
  let control: SimControl;
  let browser: BrowserAgent;
  let api: ApiProcess;
  let main = '';
  /** Place calls the simulator must have seen so far: one per order the test let through, never more. */
  let placeCalls = 0;

  beforeAll(async () => {
    ensureBuiltApi();
    main = copyBuiltApi();
    sim = await startSimulator({ port: 0 });
    control = new SimControl(sim.url);
    const port = await freePort();
    api = new ApiProcess(main, () => ({
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DESK_LOGIN_TOKEN: LOGIN_TOKEN,
      UPSTOX_SIM_URL: sim.url,
      UPSTOX_TIMEOUT_MS: '5000',
      ORDER_RECONCILE_DELAYS_MS: '200,800',
      LOG_STDOUT: 'false',
      LOG_LEVEL: 'debug',
      LOG_FILE: join(dir, `api-${api.starts}.log`),
      DESK_RATE_LIMIT_PER_SECOND: '10000',
      DESK_RATE_LIMIT_PER_MINUTE: '1000000',
    }));
    const url = await api.start();
    browser = new BrowserAgent(url, LOGIN_TOKEN);
    await browser.signIn();
    await connect(browser, sim.url);
  }, 240_000);

  afterAll(async () => {
    await api?.kill();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
    if (main) removeApiCopy(main);
  });

  beforeEach(async () => {
    if (!api.running) await api.start(); // an earlier test failed while the api was down
    await control.clearFaults();
  });

  const place = (body: unknown, key: string): Promise<HttpResponse> =>
    browser.api('POST', '/api/orders', body, { 'idempotency-key': key });

  /** A request whose connection will die with the process: never an unhandled rejection. */
  const inFlight = (body: unknown, key: string): Promise<HttpResponse | Error> =>
    place(body, key).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));

  /**
   * The journal on disk: read before a restart, it is exactly what the killed process left; read while
   * the api runs, it shows a committed row without waiting for the api's event loop.
   */
  function journalOnDisk(userTagLike: string): JournalRow[] {
    const db = new Database(join(dataDir, 'desk.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare('SELECT status, broker_tag, user_tag FROM order_intents WHERE user_tag LIKE ? ORDER BY user_tag')
        .all(userTagLike) as JournalRow[];
    } finally {
      db.close();
    }
  }

  const simOrdersTagged = async (brokerTag: string): Promise<SimOrder[]> => (await control.orders()).filter((o) => o.tag === brokerTag);

  const intents = async (): Promise<IntentView[]> => {
    const res = await browser.api('GET', '/api/order-intents');
    if (res.status !== 200) throw new Error(`GET /api/order-intents: ${res.status} ${res.text}`);
    return res.body as IntentView[];
  };

  /** Waits until the restarted api's startup barrier has resolved the intents with these user tags. */
  async function resolvedIntents(tags: string[]): Promise<Map<string, IntentView>> {
    return waitFor(
      `intents ${tags.join(', ')} resolved after the restart`,
      async () => {
        const byTag = new Map((await intents()).map((i) => [i.request.tag ?? '', i]));
        const done = tags.every((t) => byTag.has(t) && !['PENDING_SUBMIT', 'UNKNOWN'].includes(byTag.get(t)?.status ?? ''));
        return done ? byTag : undefined;
      },
      20_000,
    );
  }

  /**
   * The intent has the expected outcome, the simulator holds exactly its orders (1 or 0), and a retry
   * with the same key after the restart replays that outcome without placing anything.
   */
  async function expectResolvedOnce(intent: IntentView, expected: Outcome, body: unknown, key: string): Promise<void> {
    const atBroker = await simOrdersTagged(intent.brokerTag);
    expect({ status: intent.status, orderIds: intent.orderIds }).toEqual({
      status: expected,
      orderIds: atBroker.map((o) => o.order_id),
    });
    expect(atBroker).toHaveLength(expected === 'SUBMITTED' ? 1 : 0);

    const retry = await place(body, key);
    expect(retry.header('idempotent-replayed')).toBe('true');
    if (expected === 'SUBMITTED') {
      expect([retry.status, retry.body.intentId, retry.body.outcome, retry.body.orderIds]).toEqual([201, intent.intentId, 'placed', intent.orderIds]);
    } else {
      expect([retry.status, retry.body.code, retry.body.details?.intentStatus]).toEqual([502, 'ORDER_REJECTED', 'NOT_PLACED']);
    }
    expect(await simOrdersTagged(intent.brokerTag)).toHaveLength(atBroker.length);
    expect(await control.placeCalls()).toBe(placeCalls);
  }

  it('(a) killed while the place call is in flight and Upstox has NOT recorded it: NOT_PLACED, 0 orders', async () => {
    const body = limitBuy({ price: 1301, tag: 'kill-a' });
    const key = `kill-a-${randomUUID()}`;
    await control.fault(PLACE, 'hang');
    const pending = inFlight(body, key);
    await waitFor('the place call held at the simulator', async () => (await control.placeCalls()) === placeCalls + 1);
    placeCalls += 1;
    await api.kill();

    const [row] = journalOnDisk('kill-a');
    expect(row).toMatchObject({ status: 'PENDING_SUBMIT', user_tag: 'kill-a' });
    expect(await pending).toBeInstanceOf(Error); // the client never got an answer
    expect(await simOrdersTagged(row.broker_tag)).toHaveLength(0);

    await api.start();
    const intent = (await resolvedIntents(['kill-a'])).get('kill-a') as IntentView;
    expect(intent.brokerTag).toBe(row.broker_tag);
    await expectResolvedOnce(intent, 'NOT_PLACED', body, key);
  }, 40_000);

  it('(a2) killed while Upstox is still processing the call (it records the order after the restart): SUBMITTED, never NOT_PLACED', async () => {
    // Upstox takes 2.5 s (within UPSTOX_TIMEOUT_MS, a live api would get its 200) and finishes the
    // request although the caller died: the order appears at the broker after the restart.
    const body = limitBuy({ price: 1306, tag: 'kill-a2' });
    const key = `kill-a2-${randomUUID()}`;
    await control.fault(PLACE, 'latency', { latency_ms: 2500 });
    const pending = inFlight(body, key);
    await waitFor('the place call held at the simulator', async () => (await control.placeCalls()) === placeCalls + 1);
    placeCalls += 1;
    await api.kill();
    const [row] = journalOnDisk('kill-a2');
    expect(row).toMatchObject({ status: 'PENDING_SUBMIT', user_tag: 'kill-a2' });
    expect(await pending).toBeInstanceOf(Error);

    await api.start();
    const intent = (await resolvedIntents(['kill-a2'])).get('kill-a2') as IntentView;
    // Concluding NOT_PLACED here would tell a same-key retry "not placed, submit again": a duplicate.
    expect(intent.status).toBe('SUBMITTED');
    await expectResolvedOnce(intent, 'SUBMITTED', body, key);
  }, 40_000);

  it('(b) killed after Upstox recorded the order but before it answered: SUBMITTED, exactly 1 order; barrier holds until then', async () => {
    const body = limitBuy({ price: 1302, tag: 'kill-b' });
    const key = `kill-b-${randomUUID()}`;
    await control.fault(PLACE, 'hang-after');
    const pending = inFlight(body, key);
    const recorded = await waitFor('the order recorded at the simulator', async () =>
      (await control.orders()).find((o) => o.tag?.endsWith('-kill-b')),
    );
    placeCalls += 1;
    await api.kill();

    const [row] = journalOnDisk('kill-b');
    expect(row).toMatchObject({ status: 'PENDING_SUBMIT', broker_tag: recorded.tag });
    expect(await pending).toBeInstanceOf(Error);

    // The first look-up after the restart answers 3 s late: the startup barrier must hold meanwhile.
    await control.fault(HISTORY, 'latency', { latency_ms: 3000 });
    await api.start();
    const early = await place(limitBuy({ price: 1303, tag: 'kill-b-new' }), `kill-b-new-${randomUUID()}`);
    expect([early.status, early.body.code]).toEqual([503, 'ORDERS_HALTED']);
    const earlyRetry = await place(body, key);
    expect([earlyRetry.status, earlyRetry.body.code]).toEqual([409, 'IDEMPOTENCY_IN_FLIGHT']);
    expect(await control.placeCalls()).toBe(placeCalls);

    const intent = (await resolvedIntents(['kill-b'])).get('kill-b') as IntentView;
    expect(intent.orderIds).toEqual([recorded.order_id]);
    await expectResolvedOnce(intent, 'SUBMITTED', body, key);
  }, 40_000);

  it('(c) killed right after the 201: SUBMITTED survives, the retry replays it, exactly 1 order', async () => {
    const body = limitBuy({ price: 1304, tag: 'kill-c' });
    const key = `kill-c-${randomUUID()}`;
    const placed = await place(body, key);
    await api.kill();
    placeCalls += 1;
    expect([placed.status, placed.body.outcome]).toEqual([201, 'placed']);

    const [row] = journalOnDisk('kill-c');
    expect(row.status).toBe('SUBMITTED');

    await api.start();
    const intent = (await resolvedIntents(['kill-c'])).get('kill-c') as IntentView;
    expect([intent.intentId, intent.orderIds]).toEqual([placed.body.intentId, placed.body.orderIds]);
    await expectResolvedOnce(intent, 'SUBMITTED', body, key);
  }, 40_000);

  it('(d) killed while the outbound limiter holds the request (journalled, never sent): NOT_PLACED, 0 orders', async () => {
    // 8 place calls hang at the simulator: they fill the limiter's 8 writes/s, so a 9th waits in the
    // limiter (at most ~1 s) with its journal row committed and nothing sent.
    const hung = Array.from({ length: 8 }, (_, i) => ({ body: limitBuy({ price: 1310 + 5 * i, tag: `kill-d-${i}` }), key: `kill-d-${i}-${randomUUID()}` }));
    await control.fault(PLACE, 'hang', { count: 8 });
    const pending = hung.map((h) => inFlight(h.body, h.key));
    await waitFor('8 place calls held at the simulator', async () => (await control.placeCalls()) === placeCalls + 8);
    placeCalls += 8;
    const held = { body: limitBuy({ price: 1400, tag: 'kill-d-held' }), key: `kill-d-held-${randomUUID()}` };
    pending.push(inFlight(held.body, held.key));
    // Its journal row is committed at once; the limiter gives up after ~1 s (REJECTED): kill in between.
    const deadline = Date.now() + 5_000;
    while (journalOnDisk('kill-d-held').length === 0) {
      if (Date.now() > deadline) throw new Error('the 9th intent was never journalled');
      await new Promise((r) => setTimeout(r, 5));
    }
    await api.kill();

    const rows = journalOnDisk('kill-d-%');
    expect(rows.map((r) => [r.user_tag, r.status])).toEqual([...hung.map((_, i) => [`kill-d-${i}`, 'PENDING_SUBMIT']), ['kill-d-held', 'PENDING_SUBMIT']]);
    expect(await control.placeCalls()).toBe(placeCalls); // the held one never reached Upstox
    for (const outcome of await Promise.all(pending)) expect(outcome).toBeInstanceOf(Error);

    await api.start();
    const byTag = await resolvedIntents(rows.map((r) => r.user_tag));
    for (const { body, key } of [...hung, held]) {
      await expectResolvedOnce(byTag.get(body.tag as string) as IntentView, 'NOT_PLACED', body, key);
    }
  }, 40_000);

  it('after every kill: the whole journal is resolved, 0 lost, 0 duplicated, and a new order is placed exactly once', async () => {
    const journal = await intents();
    const simOrders = await control.orders();
    expect(journal.filter((i) => i.status === 'PENDING_SUBMIT' || i.status === 'UNKNOWN')).toEqual([]);
    // Lost: an intent that says SUBMITTED without its order, or NOT_PLACED with one. Duplicated: >1 order per tag.
    const mismatched = journal.filter((i) => simOrders.filter((o) => o.tag === i.brokerTag).length !== (i.status === 'SUBMITTED' ? 1 : 0));
    expect(mismatched).toEqual([]);
    const journalTags = new Set(journal.map((i) => i.brokerTag));
    expect(simOrders.filter((o) => !journalTags.has(o.tag ?? ''))).toEqual([]); // no orphan orders
    expect(simOrders).toHaveLength(journal.filter((i) => i.status === 'SUBMITTED').length);
    expect(await control.placeCalls()).toBe(placeCalls);

    const fresh = await place(limitBuy({ price: 1305, tag: 'after-kills' }), `after-kills-${randomUUID()}`);
    expect([fresh.status, fresh.body.outcome]).toEqual([201, 'placed']);
    placeCalls += 1;
    expect(await control.placeCalls()).toBe(placeCalls);
    expect((await control.orders()).filter((o) => o.tag?.endsWith('-after-kills')).map((o) => o.order_id)).toEqual(fresh.body.orderIds);
  }, 30_000);
});
