import { OrdersStack, RELIANCE, startOrdersStack, waitFor } from '../orders/orders-harness';
import { FAST_STREAM_ENV, restingBuy, waitForLive } from './account-harness';
import { SseClient } from './sse-client';

describe('GET /api/events (real api + simulator)', () => {
  let s: OrdersStack;
  const clients: SseClient[] = [];
  const eventsUrl = (): string => `${s.stack.apiUrl}/api/events`;
  const sessionHeaders = (): Record<string, string> => ({ cookie: s.browser.jar.header(new URL(eventsUrl()), { method: 'GET' }) ?? '' });
  async function open(headers: Record<string, string>): Promise<SseClient> {
    const c = await SseClient.open(eventsUrl(), headers);
    clients.push(c);
    return c;
  }
  async function createKey(scopes: string[]): Promise<{ id: string; key: string }> {
    const res = await s.browser.api('POST', '/api/keys', { name: `events ${scopes.join('+')}`, scopes });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string };
  }

  beforeAll(async () => {
    s = await startOrdersStack({ env: { ...FAST_STREAM_ENV, EVENTS_BUFFER_SIZE: '6', EVENTS_HEARTBEAT_MS: '200' } });
    await waitForLive(s);
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await s?.close();
  });

  it('pushes order, position and trade events, each with a growing id, plus heartbeats', async () => {
    const c = await open(sessionHeaders());
    expect(c.status).toBe(200);
    await waitFor('the opening connection event', async () => c.of('connection').length === 1);
    expect(c.events[0]).toMatchObject({ event: 'connection', data: { state: 'connected', stream: { state: 'live' } } });
    const orderId = await restingBuy(s, RELIANCE, 3);
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 3 });
    await waitFor('the complete order event', async () => c.of('order').some((e) => (e.data as { orderId: string; status: string }).orderId === orderId && (e.data as { status: string }).status === 'complete'));
    await waitFor('position and trade events', async () => c.of('position').length > 0 && c.of('trade').some((e) => (e.data as { orderId: string }).orderId === orderId));
    // Quote events (issue 12) carry no id and are left out of the numbering.
    const ids = c.events.filter((e) => e.id !== null).map((e) => Number(e.id));
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1] + 1)).toBe(true);
    await waitFor('a heartbeat', async () => c.comments >= 2);
  });

  it('a client that reconnects with Last-Event-ID gets what it missed: the newest state of each thing, every trade', async () => {
    const first = await open(sessionHeaders());
    const orderId = await restingBuy(s, RELIANCE, 1);
    await waitFor('an order event', async () => first.of('order').some((e) => (e.data as { orderId: string }).orderId === orderId));
    const lastSeen = first.lastId() as string;
    first.close();
    const watcher = await open(sessionHeaders());
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 1 });
    await waitFor('the fill to be published', async () => watcher.of('order').some((e) => (e.data as { status: string }).status === 'complete'));
    const missed = watcher.events.filter((e) => Number(e.id) > Number(lastSeen));
    // An order, position, holding or funds event carries the whole new state: only the newest of each is replayed.
    const thing = (e: (typeof missed)[number]): string => {
      const d = e.data as { orderId?: string; tradeId?: string; instrumentKey?: string; product?: string };
      if (e.event === 'trade') return `trade:${d.tradeId}:${e.id}`;
      if (e.event === 'order') return `order:${d.orderId}`;
      if (e.event === 'position') return `position:${d.instrumentKey}|${d.product}`;
      if (e.event === 'holding') return `holding:${d.instrumentKey}`;
      return e.event;
    };
    const newest = missed.filter((e, i) => !missed.slice(i + 1).some((later) => thing(later) === thing(e)));
    const resumed = await open({ ...sessionHeaders(), 'last-event-id': lastSeen });
    // What it missed, then the connection as it is now.
    await waitFor('the replay', async () => resumed.events.length >= newest.length + 1);
    expect(resumed.events.slice(0, newest.length).map((e) => e.id)).toEqual(newest.map((e) => e.id));
    expect(resumed.events[newest.length]).toMatchObject({ event: 'connection', data: { state: 'connected', stream: { state: 'live' } } });
    expect(resumed.of('order').map((e) => (e.data as { status: string }).status)).toEqual(['complete']);
    expect(resumed.of('resync')).toEqual([]);
  });

  it('a resume after many updates of a few orders replays each order\'s final state, even past the buffer\'s size', async () => {
    const c = await open(sessionHeaders());
    const before = c.lastId() as string;
    const orderIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      orderIds.push(await restingBuy(s, RELIANCE, 1));
      await s.sim.call('POST', 'fill', { order_id: orderIds[i], quantity: 1 });
    }
    const completed = (id: string) => c.of('order').some((e) => (e.data as { orderId: string; status: string }).orderId === id && (e.data as { status: string }).status === 'complete');
    await waitFor('the three fills', async () => orderIds.every(completed));
    // More events than the buffer's 6, about fewer than 6 things.
    expect(c.events.filter((e) => e.id !== null && Number(e.id) > Number(before)).length).toBeGreaterThan(6);
    const resumed = await open({ ...sessionHeaders(), 'last-event-id': before });
    await waitFor('the replay', async () => resumed.of('connection').length === 1);
    expect(resumed.of('resync')).toEqual([]);
    expect(resumed.of('order').map((e) => [(e.data as { orderId: string }).orderId, (e.data as { status: string }).status])).toEqual(
      orderIds.map((id) => [id, 'complete']),
    );
    expect(resumed.of('position')).toHaveLength(1);
  });

  it('beyond the buffer (more things changed than it keeps) the client is told to resync', async () => {
    const c = await open(sessionHeaders());
    const before = c.lastId();
    const orderIds: string[] = [];
    for (let i = 0; i < 7; i++) orderIds.push(await restingBuy(s, RELIANCE, 1));
    await waitFor('an event for each of the 7 orders', async () => orderIds.every((id) => c.of('order').some((e) => (e.data as { orderId: string }).orderId === id)));
    const old = await open({ ...sessionHeaders(), 'last-event-id': before ?? '1' });
    await waitFor('resync', async () => old.of('resync').length === 1);
    expect(old.of('order')).toEqual([]);
  });

  it('needs the read scope: an API key with trade only is refused, a read key is served', async () => {
    const tradeOnly = await createKey(['trade']);
    const refused = await open({ authorization: `Bearer ${tradeOnly.key}` });
    expect(refused.status).toBe(403);
    const reader = await createKey(['read']);
    const served = await open({ authorization: `Bearer ${reader.key}` });
    expect(served.status).toBe(200);
    const anonymous = await open({});
    expect(anonymous.status).toBe(401);
  });

  it('tells every client when the desk kill switch is turned on or off, e.g. a bot reading with an API key', async () => {
    const bot = await open({ authorization: `Bearer ${(await createKey(['read'])).key}` });
    await waitFor('the opening connection event', async () => bot.of('connection').length === 1);
    try {
      expect((await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: true })).status).toBe(200);
      await waitFor('the kill switch turned on', async () => bot.of('kill-switch').length === 1);
      expect((await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: false })).status).toBe(200);
      await waitFor('the kill switch turned off', async () => bot.of('kill-switch').length === 2);
    } finally {
      await s.browser.api('PUT', '/api/orders/kill-switch', { enabled: false });
    }
    expect(bot.of('kill-switch').map((e) => (e.data as { enabled: boolean }).enabled)).toEqual([true, false]);
    expect(bot.of('kill-switch').every((e) => typeof (e.data as { updatedAt: string }).updatedAt === 'string' && e.id !== null)).toBe(true);
  });

  it('events never reach a client once its session signed out or its API key was revoked', async () => {
    const other = s.stack.browser();
    await other.signIn();
    const url = new URL(eventsUrl());
    const signedOut = await open({ cookie: other.jar.header(url, { method: 'GET' }) ?? '' });
    const key = await createKey(['read']);
    const revoked = await open({ authorization: `Bearer ${key.key}` });
    expect(signedOut.status).toBe(200);
    expect(revoked.status).toBe(200);
    expect((await other.api('DELETE', '/api/session')).status).toBe(200);
    await s.browser.api('DELETE', `/api/keys/${key.id}`);
    await waitFor('both streams closed', async () => signedOut.ended && revoked.ended);
    const seen = signedOut.events.length + revoked.events.length;
    const orderId = await restingBuy(s, RELIANCE, 1);
    await s.sim.call('POST', 'fill', { order_id: orderId, quantity: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(signedOut.events.length + revoked.events.length).toBe(seen);
  });
});
