import { gunzipSync } from 'node:zlib';
import { startSimulator, RunningSimulator } from '../index';
import { buildInstruments } from '../lib/market/instruments';
import { generateFullInstrumentFile } from '../lib/market/universe/full-instrument-file';

const PATH = '/market-quote/instruments/exchange/complete.json.gz';
const NOW = Date.parse('2025-12-01T04:00:00Z');

type Row = Record<string, unknown>;

describe('the full-size instrument file generator', () => {
  const demo = buildInstruments(NOW);
  const rows = generateFullInstrumentFile(demo, NOW, 42) as unknown as Row[];

  it('has Upstox size and mix, with unique keys and trading symbols per segment', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150_000);
    const bySegment = new Map<string, number>();
    for (const r of rows) bySegment.set(r['segment'] as string, (bySegment.get(r['segment'] as string) ?? 0) + 1);
    for (const segment of ['NSE_EQ', 'BSE_EQ', 'NSE_INDEX', 'BSE_INDEX', 'NSE_FO', 'BSE_FO', 'NCD_FO', 'BCD_FO', 'MCX_FO']) {
      expect([segment, bySegment.get(segment) ?? 0]).toEqual([segment, expect.any(Number)]);
      expect(bySegment.get(segment)).toBeGreaterThan(5);
    }
    expect(new Set(rows.map((r) => r['instrument_key'])).size).toBe(rows.length);
    expect(new Set(rows.map((r) => `${r['segment']}|${r['trading_symbol']}`)).size).toBe(rows.length);
  });

  it('contains every demo instrument unchanged (same key, same fields)', () => {
    for (const i of demo) expect(rows.find((r) => r['instrument_key'] === i.record.instrument_key)).toEqual(i.record);
  });

  it('writes Upstox field shapes: options with epoch-ms expiry, strike, underlying, weekly flag, tick in paise', () => {
    const option = rows.find((r) => r['trading_symbol'] === 'NIFTY 24000 CE 30 DEC 25');
    expect(option).toMatchObject({
      segment: 'NSE_FO', exchange: 'NSE', instrument_type: 'CE', name: 'NIFTY', strike_price: 24000, lot_size: 75,
      minimum_lot: 75, freeze_quantity: 1800, tick_size: 5, weekly: false, underlying_key: 'NSE_INDEX|Nifty 50',
      underlying_symbol: 'NIFTY', underlying_type: 'INDEX', asset_symbol: 'NIFTY', qty_multiplier: 1,
    });
    expect(option?.['expiry']).toBe(Date.parse('2025-12-30T10:00:00Z'));
    expect(option?.['instrument_key']).toBe(`NSE_FO|${option?.['exchange_token']}`);
    expect(rows.find((r) => r['trading_symbol'] === 'BANKNIFTY FUT 30 DEC 25')).toMatchObject({ instrument_type: 'FUT', strike_price: 0 });
    expect(rows.find((r) => r['segment'] === 'BSE_EQ' && r['trading_symbol'] === 'RELIANCE')).toMatchObject({
      instrument_key: 'BSE_EQ|INE002A01018', instrument_type: 'A', exchange: 'BSE',
    });
    expect(rows.find((r) => r['segment'] === 'MCX_FO' && r['instrument_type'] === 'FUT')).toMatchObject({ exchange: 'MCX', asset_type: 'COM' });
    expect(rows.find((r) => r['segment'] === 'NCD_FO')).toMatchObject({ tick_size: 0.25, underlying_type: 'CUR' });
  });

  it('is deterministic for the same seed and date', () => {
    expect(JSON.stringify(generateFullInstrumentFile(demo, NOW, 42))).toBe(JSON.stringify(rows));
  });
});

describe('GET complete.json.gz and its control', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(async () => sim.close());
  const control = async (body: object): Promise<Row> =>
    (await fetch(`${sim.url}/__sim/instrument-file`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Row>;

  it('serves the demo list by default, dated, and answers 304 to an up-to-date If-Modified-Since', async () => {
    const res = await fetch(`${sim.url}${PATH}`);
    expect(res.status).toBe(200);
    const rows = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()) as Row[];
    expect(rows.length).toBe(buildInstruments(Date.now()).length);
    const lastModified = res.headers.get('last-modified') as string;
    expect(new Date(lastModified).getUTCHours() * 60 + new Date(lastModified).getUTCMinutes()).toBe(30); // 06:00 IST
    expect((await fetch(`${sim.url}${PATH}`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const bumped = await control({ bump_date: true });
    expect(Date.parse(bumped['date'] as string) - Date.parse(lastModified)).toBe(24 * 3600_000);
    expect((await fetch(`${sim.url}${PATH}`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(200);
  });

  it('fails the next download as armed: 500, truncated gzip, corrupt gzip; then serves again', async () => {
    await control({ fail_next: 'status' });
    expect((await fetch(`${sim.url}${PATH}`)).status).toBe(500);
    await control({ fail_next: 'truncated' });
    const cut = Buffer.from(await (await fetch(`${sim.url}${PATH}`)).arrayBuffer());
    expect(() => gunzipSync(cut)).toThrow();
    await control({ fail_next: 'corrupt' });
    const corrupt = Buffer.from(await (await fetch(`${sim.url}${PATH}`)).arrayBuffer());
    expect(() => JSON.parse(gunzipSync(corrupt).toString())).toThrow();
    expect(gunzipSync(Buffer.from(await (await fetch(`${sim.url}${PATH}`)).arrayBuffer())).length).toBeGreaterThan(100);
    expect((await fetch(`${sim.url}/__sim/instrument-file`, { method: 'POST', body: '{"fail_next":"x"}' })).status).toBe(400);
  });

  it('switches to the full-size file', async () => {
    await control({ size: 'full' });
    const gz = Buffer.from(await (await fetch(`${sim.url}${PATH}`)).arrayBuffer());
    expect((JSON.parse(gunzipSync(gz).toString()) as Row[]).length).toBeGreaterThanOrEqual(150_000);
  }, 30_000);
});
