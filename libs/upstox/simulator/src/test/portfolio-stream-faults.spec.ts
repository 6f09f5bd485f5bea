/**
 * Portfolio-stream faults of the control API (`/__sim/feed...`), each observed from a real `ws` client, and the
 * socket lifecycle an api relies on: the open-socket count, and sockets closed when their token dies.
 */
import { FeedClient, upgradeStatus, waitForFeedState } from './feed-client';
import { Loose, SimHarness, sleep } from './harness';

const LIFECYCLE = ['put order req received', 'validation pending', 'open pending', 'open', 'complete'];

describe('portfolio stream faults and socket lifecycle', () => {
  let h: SimHarness;
  const clients: FeedClient[] = [];
  const open = async (updateTypes?: string, token?: string): Promise<FeedClient> => {
    const client = await FeedClient.open(h, updateTypes, token);
    clients.push(client);
    return client;
  };
  /** Places a market order and waits until `client` has seen it complete. */
  const placeAndWait = async (client: FeedClient): Promise<string> => {
    const id = await h.place();
    await h.waitForStatus(id, 'complete');
    await client.waitFor((m) => m.order_id === id && m.status === 'complete');
    return id;
  };

  beforeEach(async () => {
    h = await SimHarness.start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h.close();
  });

  it('GET /__sim/feed counts open sockets; a client that disconnects is no longer counted', async () => {
    expect((await h.control('GET', '/__sim/feed')).body).toEqual({
      open_sockets: 0,
      stalled_sockets: 0,
      opened_total: 0,
      sockets: [],
      faults: { refuse_upgrades: null, duplicate_remaining: 0, reorder: null },
    });
    const a = await open('order,position');
    const b = await open('holding');
    const state = await waitForFeedState(h, (s) => s.open_sockets === 2);
    expect(state.sockets).toEqual(
      expect.arrayContaining([
        { user_id: 'SIM7K2', update_types: ['order', 'position'], stalled: false },
        { user_id: 'SIM7K2', update_types: ['holding'], stalled: false },
      ]),
    );
    a.socket.close(1000);
    expect(await a.closed).toMatchObject({ code: 1000 });
    await waitForFeedState(h, (s) => s.open_sockets === 1);
    b.close();
    expect(await waitForFeedState(h, (s) => s.open_sockets === 0)).toMatchObject({ opened_total: 2 });
  });

  it('drop: every open socket is cut without a close frame; new sockets work afterwards', async () => {
    const a = await open();
    const b = await open();
    expect((await h.control('POST', '/__sim/feed/drop', {})).body).toEqual({ dropped: 2 });
    expect((await a.closed).code).toBe(1006);
    expect((await b.closed).code).toBe(1006);
    expect((await h.control('GET', '/__sim/feed')).body.open_sockets).toBe(0);

    const c = await open();
    await placeAndWait(c);
    expect(c.orderStatuses()).toEqual(LIFECYCLE);
  });

  it('stall: open but silent (no messages, no pongs) until resumed; later sockets are unaffected', async () => {
    const stalled = await open();
    expect(await stalled.ping()).toBe(true);
    expect((await h.control('POST', '/__sim/feed/stall', {})).body).toEqual({ stalled: 1, ms: null });
    expect(await stalled.ping()).toBe(false);

    const fresh = await open();
    expect(await fresh.ping()).toBe(true);
    const during = await placeAndWait(fresh);
    expect(fresh.orderStatuses(during)).toEqual(LIFECYCLE);
    expect(stalled.messages).toEqual([]);
    expect((await h.control('GET', '/__sim/feed')).body).toMatchObject({ open_sockets: 2, stalled_sockets: 1 });

    expect((await h.control('POST', '/__sim/feed/resume', {})).body).toEqual({ resumed: 1 });
    expect(await stalled.ping()).toBe(true);
    const after = await placeAndWait(stalled);
    // What was published during the stall is lost to that socket, as in a real stall.
    expect(stalled.messages.map((m) => m.order_id)).not.toContain(during);
    expect(stalled.orderStatuses(after)).toEqual(LIFECYCLE);
  });

  it('stall with ms ends on its own; a client that gives up on a stalled socket is no longer counted', async () => {
    const a = await open();
    expect((await h.control('POST', '/__sim/feed/stall', { ms: 300 })).body).toEqual({ stalled: 1, ms: 300 });
    expect(await a.ping(100)).toBe(false);
    await sleep(300);
    expect(await a.ping()).toBe(true);

    await h.control('POST', '/__sim/feed/stall', {});
    a.close(); // what a client does when its pings go unanswered
    await waitForFeedState(h, (s) => s.open_sockets === 0 && s.stalled_sockets === 0);
    expect((await h.control('POST', '/__sim/feed/stall', { ms: 0 })).status).toBe(400);
  });

  it('refuse: the authorize call through a route fault, and the next N upgrades with the given status', async () => {
    await h.control('POST', '/__sim/faults', { route: 'GET /v2/feed/portfolio-stream-feed/authorize', kind: 'status', status: 503 });
    const refusedAuthorize = await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize?update_types=order');
    expect(refusedAuthorize.status).toBe(503);
    expect(refusedAuthorize.body.errors[0].error_code).toBe('UDAPI100500');
    expect((await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize')).status).toBe(200);

    expect((await h.control('POST', '/__sim/feed/refuse', { count: 2, status: 401 })).body).toEqual({
      refuse_upgrades: { remaining: 2, status: 401 },
    });
    const uri = async () => (await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize')).body.data.authorized_redirect_uri;
    const first = await upgradeStatus(await uri());
    expect(first.status).toBe(401);
    expect(JSON.parse(first.body).errors[0].error_code).toBe('UDAPI100050');
    const direct = await upgradeStatus(`${h.sim.url.replace('http', 'ws')}/v2/feed/portfolio-stream-feed`, { Authorization: `Bearer ${h.token}` });
    expect(direct.status).toBe(401);
    expect((await upgradeStatus(await uri())).status).toBe(0); // the third one opens

    await h.control('POST', '/__sim/feed/refuse', { status: 500 });
    const serverError = await upgradeStatus(await uri());
    expect([serverError.status, JSON.parse(serverError.body).errors[0].error_code]).toEqual([500, 'UDAPI100500']);
    expect((await h.control('GET', '/__sim/feed')).body.faults.refuse_upgrades).toBeNull();
    expect((await h.control('POST', '/__sim/feed/refuse', { status: 302 })).status).toBe(400);
  });

  it('duplicate: the next N messages are each sent twice', async () => {
    const feed = await open('order');
    expect((await h.control('POST', '/__sim/feed/duplicate', { count: 2 })).body).toEqual({ duplicate_remaining: 2 });
    const id = await placeAndWait(feed);
    expect(feed.orderStatuses(id)).toEqual([LIFECYCLE[0], LIFECYCLE[0], LIFECYCLE[1], LIFECYCLE[1], ...LIFECYCLE.slice(2)]);
    expect(feed.messages[0]).toEqual(feed.messages[1]);
    expect((await h.control('GET', '/__sim/feed')).body.faults.duplicate_remaining).toBe(0);
  });

  it('reorder: the next two messages arrive swapped; a held message with no follower goes out after hold_ms', async () => {
    const feed = await open('order');
    expect((await h.control('POST', '/__sim/feed/reorder', {})).body).toEqual({ reorder: 'armed', hold_ms: 5000 });
    const id = await placeAndWait(feed);
    expect(feed.orderStatuses(id)).toEqual([LIFECYCLE[1], LIFECYCLE[0], ...LIFECYCLE.slice(2)]);

    const resting = await h.place({ order_type: 'LIMIT', price: 1000, quantity: 2 });
    await feed.waitFor((m) => m.order_id === resting && m.status === 'open');
    await h.control('POST', '/__sim/feed/reorder', { hold_ms: 150 });
    await h.control('POST', '/__sim/fill', { order_id: resting, quantity: 1 }); // one order message, no follower
    expect((await h.control('GET', '/__sim/feed')).body.faults.reorder).toBe('holding');
    const heldSince = Date.now();
    await feed.waitFor((m) => m.order_id === resting && m.filled_quantity === 1);
    expect(Date.now() - heldSince).toBeGreaterThanOrEqual(100);
  });

  it('DELETE /__sim/feed/faults disarms everything, releases a held message and resumes stalled sockets', async () => {
    const feed = await open('order');
    const resting = await h.place({ order_type: 'LIMIT', price: 1000, quantity: 2 });
    await feed.waitFor((m) => m.order_id === resting && m.status === 'open');
    await h.control('POST', '/__sim/feed/reorder', { hold_ms: 60_000 });
    await h.control('POST', '/__sim/fill', { order_id: resting, quantity: 1 });
    await h.control('POST', '/__sim/feed/duplicate', { count: 5 });
    await h.control('POST', '/__sim/feed/refuse', { count: 5 });
    await h.control('POST', '/__sim/feed/stall', {});

    expect(feed.messages.filter((m) => m.order_id === resting && m.filled_quantity === 1)).toEqual([]);

    const cleared: Loose = (await h.control('DELETE', '/__sim/feed/faults')).body;
    expect(cleared).toMatchObject({ stalled_sockets: 0, faults: { refuse_upgrades: null, duplicate_remaining: 0, reorder: null } });
    await feed.waitFor((m) => m.order_id === resting && m.filled_quantity === 1); // the held fill, released
    expect(await feed.ping()).toBe(true);
    const id = await placeAndWait(feed);
    expect(feed.orderStatuses(id)).toEqual(LIFECYCLE); // no duplicates any more
    expect((await upgradeStatus((await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize')).body.data.authorized_redirect_uri)).status).toBe(0);
  });
});

describe('portfolio sockets end with their access token', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await SimHarness.start();
  });
  afterEach(() => h.close());

  it('POST /__sim/revoke closes the sockets opened with that token (1008), not the others', async () => {
    const other = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const revoked = await FeedClient.open(h, 'order', other);
    const kept = await FeedClient.open(h, 'order');
    expect((await h.control('POST', '/__sim/revoke', { access_token: other })).body).toEqual({ revoked: 1, closed_sockets: 1 });
    expect(await revoked.closed).toEqual({ code: 1008, reason: 'Access token expired or revoked' });
    expect(await kept.ping()).toBe(true);
    expect((await h.control('GET', '/__sim/feed')).body.open_sockets).toBe(1);
    kept.close();
  });

  it('logout (DELETE /v2/logout) closes the token’s sockets; an authorized URI of a dead token no longer opens', async () => {
    const token = (await h.control('POST', '/__sim/tokens', {})).body.access_token;
    const feed = await FeedClient.open(h, 'order', token);
    const unused = (await h.http('GET', '/v2/feed/portfolio-stream-feed/authorize', { token })).body.data.authorized_redirect_uri;
    expect((await h.http('DELETE', '/v2/logout', { token })).status).toBe(200);
    expect((await feed.closed).code).toBe(1008);
    expect((await upgradeStatus(unused)).status).toBe(401);
    await waitForFeedState(h, (s) => s.open_sockets === 0);
  });

  it('token expiry by the simulator clock closes the socket: at once on a clock change, within a second otherwise', async () => {
    const first = await FeedClient.open(h);
    await h.control('POST', '/__sim/clock', { advance_ms: 24 * 60 * 60_000 });
    expect((await first.closed).code).toBe(1008);
    expect((await h.control('GET', '/__sim/feed')).body.open_sockets).toBe(0);

    const fresh = (await h.control('POST', '/__sim/tokens', {})).body;
    const second = await FeedClient.open(h, 'order', fresh.access_token);
    await h.control('POST', '/__sim/clock', { set: new Date(Date.parse(fresh.expires_at) - 300).toISOString() });
    expect((await h.control('GET', '/__sim/feed')).body.open_sockets).toBe(1);
    expect((await second.closed).code).toBe(1008); // the sweep, with no control call
    await waitForFeedState(h, (s) => s.open_sockets === 0);
  });

  it('POST /__sim/reset closes every socket and forgets the faults and counters', async () => {
    const feed = await FeedClient.open(h);
    await h.control('POST', '/__sim/feed/duplicate', { count: 3 });
    await h.control('POST', '/__sim/reset', {});
    expect((await feed.closed).code).toBe(1006);
    expect((await h.control('GET', '/__sim/feed')).body).toMatchObject({ open_sockets: 0, opened_total: 0, faults: { duplicate_remaining: 0 } });
  });
});
