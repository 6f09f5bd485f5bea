import { makeClient, SimHarness } from '../test/sim-harness';
import { HttpUpstoxClient } from './http-upstox-client';
import { UpstoxAuth } from './upstox-client';

const SBIN = 'NSE_EQ|INE062A01020';
const NIFTY_FUT = 'NSE_FO|52910';
const MINUTE = 60_000;

/** Today 11:02:30 IST by the simulator clock: inside the session, so the candles start at 09:15. */
function todayAt(hh: number, mm: number, ss = 0): string {
  const istDate = new Date(Date.now() + 330 * MINUTE).toISOString().slice(0, 10);
  return `${istDate}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+05:30`;
}

describe('HttpUpstoxClient against the real simulator: candles, margin, brokerage', () => {
  let h: SimHarness;
  let client: HttpUpstoxClient;
  let auth: UpstoxAuth;

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
    await h.control('POST', 'clock', { set: todayAt(11, 2, 30) });
    // Minted after the clock moved: a token minted first, between 00:00 and 03:30 IST, dies at 03:30, before 11:02.
    auth = await h.auth();
  });

  it('reads today\'s 1-minute candles from 09:15, oldest first, the last one closing at the current price', async () => {
    await h.control('POST', 'price', { instrument_key: SBIN, last_price: 805.55 });
    const candles = await client.getIntradayCandles(auth, SBIN, 'minutes', 1);
    expect(candles[0].time).toBe(todayAt(9, 15));
    expect(candles).toHaveLength(108); // 09:15 .. 11:02 included
    expect(candles[candles.length - 1]).toMatchObject({ time: todayAt(11, 2), close: 805.55 });
    expect(candles.every((c, i) => i === 0 || c.ts - candles[i - 1].ts === MINUTE)).toBe(true);
    expect(candles.every((c) => c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close) && c.oi === 0)).toBe(true);
    expect(candles.every((c, i) => i === 0 || c.open === candles[i - 1].close)).toBe(true);
    // The path before the simulator first saw the day is made once: the same answer again.
    expect(await client.getIntradayCandles(auth, SBIN, 'minutes', 1)).toEqual(candles);
  });

  it('aggregates 5- and 30-minute candles from the same minutes, aligned to 09:15, and follows a new price', async () => {
    const ones = await client.getIntradayCandles(auth, SBIN, 'minutes', 1);
    const fives = await client.getIntradayCandles(auth, SBIN, 'minutes', 5);
    const thirties = await client.getIntradayCandles(auth, SBIN, 'minutes', 30);
    expect(fives.map((c) => c.time.slice(11, 16)).slice(0, 3)).toEqual(['09:15', '09:20', '09:25']);
    expect(thirties.map((c) => c.time.slice(11, 16))).toEqual(['09:15', '09:45', '10:15', '10:45']);
    const firstFive = ones.slice(0, 5);
    expect(fives[0]).toMatchObject({
      open: firstFive[0].open,
      close: firstFive[4].close,
      high: Math.max(...firstFive.map((c) => c.high)),
      low: Math.min(...firstFive.map((c) => c.low)),
      volume: firstFive.reduce((v, c) => v + c.volume, 0),
    });
    expect(thirties[thirties.length - 1].close).toBe(ones[ones.length - 1].close);

    await h.control('POST', 'price', { instrument_key: SBIN, last_price: 790 });
    const after = await client.getIntradayCandles(auth, SBIN, 'minutes', 5);
    expect(after.slice(0, -1)).toEqual(fives.slice(0, -1));
    expect(after[after.length - 1]).toMatchObject({ close: 790, low: Math.min(790, fives[fives.length - 1].low) });
  });

  it('reads past daily candles ending at the previous close, and rejects an unknown instrument', async () => {
    const today = todayAt(0, 0).slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 20 * 86_400_000).toISOString().slice(0, 10);
    const days = await client.getHistoricalCandles(auth, { instrumentKey: SBIN, unit: 'days', interval: 1, toDate: today, fromDate: from });
    expect(days.length).toBeGreaterThanOrEqual(13);
    expect(days.every((d) => d.time.endsWith('T00:00:00+05:30') && d.time.slice(0, 10) < today)).toBe(true);
    expect(days.every((d) => ![0, 6].includes(new Date(d.time.slice(0, 10)).getUTCDay()))).toBe(true);
    expect(days[days.length - 1].close).toBe(821.45); // SBIN's previous close: the feed's cp and the quote's close

    const lastDay = days[days.length - 1].time.slice(0, 10);
    const minutes = await client.getHistoricalCandles(auth, { instrumentKey: SBIN, unit: 'minutes', interval: 30, toDate: lastDay, fromDate: lastDay });
    expect(minutes).toHaveLength(13);
    expect(minutes[0]).toMatchObject({ time: `${lastDay}T09:15:00+05:30`, open: days[days.length - 1].open });
    expect(minutes[12].close).toBe(821.45);

    await expect(client.getIntradayCandles(auth, 'NSE_EQ|INE000X00000', 'minutes', 1)).rejects.toMatchObject({ upstreamStatus: 400, upstoxCode: 'UDAPI100011' });
  });

  it('computes margin with Upstox\'s fields: intraday 20%, delivery 100%, futures SPAN + exposure', async () => {
    const margin = await client.getMargin(auth, [
      { instrumentKey: SBIN, quantity: 10, product: 'I', transactionType: 'BUY', price: 800 },
      { instrumentKey: SBIN, quantity: 10, product: 'D', transactionType: 'BUY', price: 800 },
      { instrumentKey: NIFTY_FUT, quantity: 75, product: 'D', transactionType: 'SELL', price: 26000 },
    ]);
    expect(margin.margins[0]).toEqual({ spanMargin: 0, exposureMargin: 0, equityMargin: 1600, netBuyPremium: 0, additionalMargin: 0, totalMargin: 1600, tenderMargin: 0 });
    expect(margin.margins[1].totalMargin).toBe(8000);
    expect(margin.margins[2]).toMatchObject({ spanMargin: 234000, exposureMargin: 68250, totalMargin: 302250 });
    expect(margin).toMatchObject({ requiredMargin: 311850, finalMargin: 311850 });
    const tooMany = Array.from({ length: 21 }, () => ({ instrumentKey: SBIN, quantity: 1, product: 'I' as const, transactionType: 'BUY' as const }));
    await expect(client.getMargin(auth, tooMany)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', outcome: 'rejected' });
    expect(await h.calls('POST /v2/charges/margin')).toBe(1);
  });

  it('itemises the charges of an order (brokerage lower of Rs 20 / 0.05% intraday, 0 delivery; STT, GST, stamp duty)', async () => {
    const intraday = await client.getBrokerage(auth, { instrumentKey: SBIN, quantity: 100, product: 'I', transactionType: 'SELL', price: 800 });
    expect(intraday).toEqual({
      total: 46.6, brokerage: 20, // 20 + 20 + 2.38 + 0.08 + 0.08 + GST 18% of (20 + 2.38 + 0.08 + 0.08) = 4.06
      taxes: { gst: 4.06, stt: 20, stampDuty: 0 },
      otherCharges: { transaction: 2.38, clearing: 0, ipft: 0.08, sebiTurnover: 0.08 },
      dpPlan: null,
    });
    const small = await client.getBrokerage(auth, { instrumentKey: SBIN, quantity: 10, product: 'I', transactionType: 'BUY', price: 800 });
    expect(small.brokerage).toBe(4);
    expect(small.taxes.stampDuty).toBe(0.24);
    const delivery = await client.getBrokerage(auth, { instrumentKey: SBIN, quantity: 10, product: 'D', transactionType: 'BUY', price: 800 });
    expect(delivery).toMatchObject({ brokerage: 0, taxes: { stt: 8, stampDuty: 1.2 }, dpPlan: { name: 'DP3A', minExpense: 18.5 } });
    expect(delivery.total).toBeCloseTo(delivery.taxes.gst + delivery.taxes.stt + delivery.taxes.stampDuty + delivery.otherCharges.transaction + delivery.otherCharges.ipft + delivery.otherCharges.sebiTurnover, 2);
  });
});
