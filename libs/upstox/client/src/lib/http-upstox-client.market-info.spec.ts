import { makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { isUpstoxApiError } from './upstox-api-error';

const at = (wall: string): number => Date.parse(`${wall}+05:30`);

describe('HttpUpstoxClient against the real simulator: market status, timings and holidays (issue 9 item 2)', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;

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
    await h.control('POST', 'market-rules', { enabled: true });
    await h.control('POST', 'clock', { set: '2026-12-24T16:00:00+05:30' });
  });

  it('maps the holidays with their closed and open exchanges (times epoch ms)', async () => {
    const holidays = await client.getMarketHolidays(await h.auth());
    expect(holidays.find((d) => d.date === '2026-12-25')).toEqual({
      date: '2026-12-25',
      description: 'Christmas',
      holidayType: 'TRADING_HOLIDAY',
      closedExchanges: ['NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD'],
      openExchanges: [{ exchange: 'MCX', startsAt: at('2026-12-25T17:00:00'), endsAt: at('2026-12-25T23:30:00') }],
    });
  });

  it("maps a date's sessions, and none for a weekend", async () => {
    const auth = await h.auth();
    const thursday = await client.getMarketTimings(auth, '2026-12-24');
    expect(thursday.find((t) => t.exchange === 'NSE')).toEqual({ exchange: 'NSE', startsAt: at('2026-12-24T09:15:00'), endsAt: at('2026-12-24T15:30:00') });
    expect(await client.getMarketTimings(auth, '2026-12-26')).toEqual([]);
  });

  it("maps the exchange's status now, and a refused exchange is an Upstox error", async () => {
    const auth = await h.auth();
    expect(await client.getMarketStatus(auth, 'NSE')).toEqual({ exchange: 'NSE', status: 'NORMAL_CLOSE', lastUpdated: at('2026-12-24T15:30:00') });
    await h.control('POST', 'clock', { set: '2026-12-24T10:00:00+05:30' });
    expect((await client.getMarketStatus(auth, 'NSE')).status).toBe('NORMAL_OPEN');
    const error = await client.getMarketStatus(auth, 'NOPE').catch((e: unknown) => e);
    expect(isUpstoxApiError(error)).toBe(true);
  });

  it('the sandbox serves none of them: refused locally, nothing sent', async () => {
    const before = await h.totalCalls();
    const auth = await h.auth('sandbox');
    await expect(client.getMarketHolidays(auth)).rejects.toMatchObject({ code: 'NOT_AVAILABLE_IN_SANDBOX' });
    expect(await h.totalCalls()).toBe(before);
  });
});
