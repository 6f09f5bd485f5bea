/**
 * Issue 9 items 3 and 5 over real HTTP against the simulator: the registered static IPs (GET /v2/user/ip), the
 * UDAPI1154 refusal of order writes from another address, and Upstox's per-segment kill switch.
 */
import { eventually, makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxApiError } from './upstox-api-error';
import { BrokerPlaceOrder, UpstoxAuth } from './upstox-client';

const RELIANCE = 'NSE_EQ|INE002A01018';

async function caught(p: Promise<unknown>): Promise<UpstoxApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UpstoxApiError) return e;
    throw e;
  }
  throw new Error('expected an UpstoxApiError');
}

describe('HttpUpstoxClient against the real simulator: static IP and kill switch (issue 9 items 3, 5)', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;
  const limitBuy = (brokerTag: string): BrokerPlaceOrder => ({
    instrumentKey: RELIANCE, transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', price: 1000, product: 'D', validity: 'DAY', brokerTag,
  });

  beforeAll(async () => {
    h = await SimHarness.start();
    client = makeClient();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    auth = await h.auth();
  });

  it('reads the registered IPs, and nulls once they are cleared', async () => {
    const ips = await client.getUserIp(auth);
    expect(ips).toEqual({ primaryIp: '203.0.113.10', secondaryIp: null, primaryIpUpdatedAt: expect.any(String), secondaryIpUpdatedAt: null });
    await h.control('POST', 'static-ip', { primary_ip: null, secondary_ip: null });
    expect(await client.getUserIp(auth)).toEqual({ primaryIp: null, secondaryIp: null, primaryIpUpdatedAt: null, secondaryIpUpdatedAt: null });
    await h.control('POST', 'static-ip', { primary_ip: '198.51.100.7', secondary_ip: '2001:db8::7' });
    expect(await client.getUserIp(auth)).toMatchObject({ primaryIp: '198.51.100.7', secondaryIp: '2001:db8::7' });
  });

  it('maps UDAPI1154 on place, modify and cancel to STATIC_IP_REQUIRED, a definitive refusal', async () => {
    const placed = (await client.placeOrder(auth, limitBuy('ip-ok'))).orderIds[0];
    await h.control('POST', 'static-ip', { refuse_writes: true });
    const errors = [
      await caught(client.placeOrder(auth, limitBuy('ip-refused'))),
      await caught(client.modifyOrder(auth, placed, { orderType: 'LIMIT', validity: 'DAY', quantity: 1, price: 1001 })),
      await caught(client.cancelOrder(auth, placed)),
    ];
    expect(errors.map((e) => [e.code, e.upstoxCode, e.outcome])).toEqual(Array(3).fill(['STATIC_IP_REQUIRED', 'UDAPI1154', 'rejected']));
    expect((await h.simOrders()).map((o) => o.tag)).toEqual(['ip-ok']);
    await h.control('POST', 'static-ip', { refuse_writes: false });
    await expect(client.cancelOrder(auth, placed)).resolves.toMatchObject({ orderId: placed });
  });

  it('reads the kill switch per segment, disables one (its pending orders cancelled) and refuses re-enabling within 12 h', async () => {
    const before = await client.getKillSwitch(auth);
    expect(before).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: false });
    expect(before).toContainEqual({ segment: 'MCX_FO', segmentActive: false, killSwitchEngaged: false });
    const pending = (await client.placeOrder(auth, limitBuy('ks-pending'))).orderIds[0];
    await eventually(() => h.simOrders(), (orders) => orders.some((o) => o.order_id === pending && o.status === 'open'));

    const after = await client.setKillSwitch(auth, [{ segment: 'NSE_EQ', action: 'DISABLE' }]);
    expect(after).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: true });
    await eventually(() => h.simOrders(), (orders) => orders.some((o) => o.order_id === pending && o.status === 'cancelled'));

    const blocked = await caught(client.placeOrder(auth, limitBuy('ks-blocked')));
    expect(blocked.outcome).toBe('rejected');
    expect(blocked.message).toContain('disabled by your kill switch');

    const early = await caught(client.setKillSwitch(auth, [{ segment: 'NSE_EQ', action: 'ENABLE' }]));
    expect([early.upstoxCode, early.outcome]).toEqual(['UDAPI1185', 'rejected']);
    await h.control('POST', 'clock', { advance_ms: 12 * 3600_000 + 1000 });
    // 12 hours on may pass 03:30 IST, when every token dies (in the afternoon it does): a token of the new day.
    auth = await h.auth();
    const enabled = await client.setKillSwitch(auth, [{ segment: 'NSE_EQ', action: 'ENABLE' }]);
    expect(enabled).toContainEqual({ segment: 'NSE_EQ', segmentActive: true, killSwitchEngaged: false });
  });

  it('is refused locally in the sandbox', async () => {
    const sandbox = await h.auth('sandbox');
    expect((await caught(client.getUserIp(sandbox))).code).toBe('NOT_AVAILABLE_IN_SANDBOX');
    expect((await caught(client.setKillSwitch(sandbox, [{ segment: 'NSE_EQ', action: 'DISABLE' }]))).code).toBe('NOT_AVAILABLE_IN_SANDBOX');
  });
});
