import { Clock } from '@desk/api/core';
import type { FundsReply, MarketHoursView } from '@desk/contracts';
import { connect, SimControl, waitFor } from '../orders/orders-harness';
import { BrowserAgent, Stack, startStack } from '../support/stack';

/** IST wall time -> epoch ms. */
const at = (wall: string): number => Date.parse(`${wall}+05:30`);
const iso = (wall: string): string => new Date(at(wall)).toISOString();

/**
 * Market hours and the funds maintenance window (issue 9 item 2): the real api and the simulator with market rules
 * on, both clocks moved together. The feed is off so "open now" comes from Upstox's REST status and timings.
 */
describe('GET /api/market/hours and GET /api/funds by the market clock (real api + simulator, market rules on)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let sim: SimControl;
  let offset = at('2026-12-24T09:00:00') - Date.now();

  /** Moves both clocks, then reconnects with a token minted at the new time (a token dies at 03:30 IST). */
  async function moveTo(wall: string): Promise<void> {
    await sim.call('POST', 'clock', { set: `${wall}+05:30` });
    offset = at(wall) - Date.now();
    await connect(browser, stack.simUrl);
  }
  const hours = async (query = ''): Promise<MarketHoursView> => {
    const res = await browser.api('GET', `/api/market/hours${query}`);
    if (res.status !== 200) throw new Error(`hours: ${res.status} ${res.text}`);
    return res.body as MarketHoursView;
  };

  beforeAll(async () => {
    stack = await startStack({
      sim: { marketRules: true, clockOffsetMs: offset },
      env: { MARKET_FEED_ENABLED: 'false', ACCOUNT_FOLLOW_UP_DELAY_MS: '50' },
    });
    jest.spyOn(stack.api.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
    browser = stack.browser();
    sim = new SimControl(stack.simUrl);
    await browser.signIn();
    await connect(browser, stack.simUrl);
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await stack?.close();
  });

  it('in the session: open, closing at 15:30 IST (Upstox status NORMAL_OPEN)', async () => {
    await moveTo('2026-12-24T10:00:00');
    expect(await hours()).toEqual({
      exchange: 'NSE', open: true, phase: 'open', source: 'upstox-status',
      closesAt: iso('2026-12-24T15:30:00'), nextOpenAt: null, holiday: null, asOf: expect.stringMatching(/^2026-12-24T04:30:0\d/),
    });
  }, 30_000);

  it('after the close on the day before a Friday holiday: the next open skips the holiday and the weekend', async () => {
    await moveTo('2026-12-24T16:00:00');
    expect(await hours('?exchange=NSE')).toMatchObject({ open: false, phase: 'closed', closesAt: null, nextOpenAt: iso('2026-12-28T09:15:00'), holiday: null });
  }, 30_000);

  it('on the holiday: closed, says which holiday, opens Monday 09:15', async () => {
    await moveTo('2026-12-25T11:00:00');
    expect(await hours()).toMatchObject({ open: false, holiday: 'Christmas', nextOpenAt: iso('2026-12-28T09:15:00') });
  }, 30_000);

  it('on a plain weekend: Friday after the close opens Monday; before the open on Monday opens that day', async () => {
    await moveTo('2026-11-27T15:45:00');
    expect(await hours()).toMatchObject({ open: false, nextOpenAt: iso('2026-11-30T09:15:00'), holiday: null });
    await moveTo('2026-11-30T08:00:00');
    expect(await hours()).toMatchObject({ open: false, nextOpenAt: iso('2026-11-30T09:15:00') });
    const bad = await browser.api('GET', '/api/market/hours?exchange=MCX');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  }, 30_000);

  it('funds between 00:00 and 05:30 IST: the unavailable state, not an error; after 05:30 the funds again', async () => {
    await moveTo('2026-11-30T00:30:00');
    // Funds are read from Upstox (the mirror's copy may be older than the window): wait for the snapshot path.
    const reply = await waitFor('the maintenance answer', async () => {
      const res = await browser.api('GET', '/api/funds');
      return res.status === 200 && 'unavailable' in res.body ? (res.body as FundsReply) : null;
    }, 10_000);
    expect(reply).toEqual({
      unavailable: { reason: 'upstox-maintenance', message: 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).', availableFrom: iso('2026-11-30T05:30:00') },
      asOf: expect.stringMatching(/^2026-11-29T19:00:0\d/),
    });
    await moveTo('2026-11-30T05:31:00'); // the 00:30 token died at 03:30
    const funds = await waitFor('funds again', async () => {
      const res = await browser.api('GET', '/api/funds');
      return res.status === 200 && 'equity' in res.body ? res.body : null;
    }, 10_000);
    expect(typeof funds.equity.availableMargin).toBe('number');
  }, 40_000);
});
