import { Clock } from '@desk/api/core';
import { InstrumentsService } from '@desk/api/orders';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BrowserAgent, Stack, startStack } from '../support/stack';

const DAY_MS = 24 * 3600_000;

interface SimFileState {
  size: string;
  date: string | null;
  downloads: number;
}

/** How many rows the simulator's demo list has (its plain complete.json: same rows, not counted as a download). */
async function demoRows(stack: Stack): Promise<number> {
  const res = await fetch(`${stack.simUrl}/market-quote/instruments/exchange/complete.json`);
  return ((await res.json()) as unknown[]).length;
}

async function simFile(stack: Stack, body?: object): Promise<SimFileState> {
  const res = await fetch(`${stack.simUrl}/__sim/instrument-file`, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  return (await res.json()) as SimFileState;
}

/**
 * Moves the api's clock (core's Clock) forward; the simulator's clock is not touched. Sessions expire by the same
 * clock, so the browser signs in again after each move.
 */
function moveApiClock(stack: Stack, browser: BrowserAgent): { by(ms: number): Promise<void> } {
  let offset = 0;
  jest.spyOn(stack.api.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  return {
    by: async (ms) => {
      offset += ms;
      await browser.signIn();
    },
  };
}

const symbols = (res: { body: { instruments: { tradingSymbol: string }[] } }): string[] =>
  res.body.instruments.map((i) => i.tradingSymbol);

/** Issue 9 item 1: the api downloads Upstox's complete.json.gz itself (UPSTOX_ASSETS_URL = the simulator here). */
describe('instrument list download (real api, simulator as the assets host)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let clock: { by(ms: number): Promise<void> };
  let service: InstrumentsService;
  const cached = (): string => join(stack.dataDir, 'instrument-cache', 'upstox.json.gz');

  beforeAll(async () => {
    stack = await startStack();
    browser = stack.browser();
    await browser.signIn();
    clock = moveApiClock(stack, browser);
    service = stack.api.app.get(InstrumentsService);
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await stack?.close();
  });

  it('downloads the list on first need, not at start, and keeps it in DATA_DIR with its date', async () => {
    expect((await simFile(stack)).downloads).toBe(0);
    const res = await browser.api('GET', '/api/instruments?query=RELIANCE');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('file');
    expect(symbols(res)[0]).toBe('RELIANCE');
    const sim = await simFile(stack);
    expect(sim.downloads).toBe(1);
    expect(existsSync(cached())).toBe(true);
    const status = await browser.api('GET', '/api/instruments/status');
    expect(status.body).toMatchObject({ source: 'download', asOf: sim.date, downloading: false, instruments: await demoRows(stack) });
    expect(status.body.lastError).toBeUndefined();
    const meta = JSON.parse(readFileSync(join(stack.dataDir, 'instrument-cache', 'upstox.meta.json'), 'utf8'));
    expect(meta.asOf).toBe(sim.date);
  });

  it('checks again only after the next 06:15 IST, and takes the new file when Upstox regenerated it', async () => {
    const bumped = await simFile(stack, { bump_date: true });
    await browser.api('GET', '/api/instruments?query=INFY');
    await service.settled();
    expect((await simFile(stack)).downloads).toBe(1);
    await clock.by(DAY_MS);
    expect(symbols(await browser.api('GET', '/api/instruments?query=INFY'))).toEqual(['INFY']);
    await service.settled();
    expect((await simFile(stack)).downloads).toBe(2);
    expect((await browser.api('GET', '/api/instruments/status')).body).toMatchObject({ asOf: bumped.date, ageHours: expect.any(Number) });
    // A day later with no new file: a conditional request (304) keeps the list and its date.
    await clock.by(DAY_MS);
    await browser.api('GET', '/api/instruments?query=INFY');
    await service.settled();
    expect((await simFile(stack)).downloads).toBe(3);
    expect((await browser.api('GET', '/api/instruments/status')).body.asOf).toBe(bumped.date);
  });

  it('a failed download (cut gzip, then HTTP 500) keeps the last good list and file, and reports the age', async () => {
    const before = (await browser.api('GET', '/api/instruments/status')).body;
    const goodBytes = readFileSync(cached());
    await simFile(stack, { bump_date: true });
    await simFile(stack, { fail_next: 'truncated' });
    await clock.by(DAY_MS);
    expect(symbols(await browser.api('GET', '/api/instruments?query=TCS'))).toEqual(['TCS']);
    await service.settled();
    let status = (await browser.api('GET', '/api/instruments/status')).body;
    expect(status).toMatchObject({ source: 'download', asOf: before.asOf, downloading: false, instruments: before.instruments });
    expect(status.lastError.message).toContain('damaged or incomplete');
    expect(status.ageHours).toBeGreaterThan(before.ageHours + 23);
    expect(readFileSync(cached()).equals(goodBytes)).toBe(true);

    await simFile(stack, { fail_next: 'status' });
    await clock.by(20 * 60_000);
    expect(symbols(await browser.api('GET', '/api/instruments?query=TCS'))).toEqual(['TCS']);
    await service.settled();
    status = (await browser.api('GET', '/api/instruments/status')).body;
    expect(status.lastError.message).toContain('HTTP 500');
    expect(status.asOf).toBe(before.asOf);

    // The next try after the retry pause succeeds: the new date, no error.
    await clock.by(20 * 60_000);
    await browser.api('GET', '/api/instruments?query=TCS');
    await service.settled();
    status = (await browser.api('GET', '/api/instruments/status')).body;
    expect(status.lastError).toBeUndefined();
    expect(Date.parse(status.asOf)).toBe(Date.parse(before.asOf) + DAY_MS);
  });

  it('a file the user drops in DATA_DIR wins over the download, until it is removed', async () => {
    const row = {
      segment: 'NSE_EQ', name: 'JOCIL LIMITED', exchange: 'NSE', isin: 'INE839G01010', instrument_type: 'EQ',
      instrument_key: 'NSE_EQ|INE839G01010', lot_size: 1, freeze_quantity: 100000, exchange_token: '16927',
      tick_size: 5.0, trading_symbol: 'JOCIL',
    };
    const userFile = join(stack.dataDir, 'complete.json.gz');
    writeFileSync(userFile, gzipSync(Buffer.from(JSON.stringify([row]))));
    expect(symbols(await browser.api('GET', '/api/instruments?query=jo'))).toEqual(['JOCIL']);
    expect(symbols(await browser.api('GET', '/api/instruments?query=RELIANCE'))).toEqual([]);
    expect((await browser.api('GET', '/api/instruments/status')).body).toMatchObject({ source: 'user-file', instruments: 1 });
    rmSync(userFile);
    expect(symbols(await browser.api('GET', '/api/instruments?query=RELIANCE'))[0]).toBe('RELIANCE');
    expect((await browser.api('GET', '/api/instruments/status')).body.source).toBe('download');
  });
});

/** Issue 10 goal 2: ranking on Upstox's size (the simulator's full file, about 155,000 rows, dated 1 Dec 2025). */
describe('instrument search ranking on the full-size file (real api)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  beforeAll(async () => {
    stack = await startStack({ sim: { instrumentFile: 'full', clockOffsetMs: Date.parse('2025-12-01T04:00:00Z') - Date.now() } });
    browser = stack.browser();
    await browser.signIn();
    await browser.api('GET', '/api/instruments?query=warm');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('loads the whole file', async () => {
    expect((await browser.api('GET', '/api/instruments/status')).body.instruments).toBeGreaterThan(145_000);
  });

  it('RELIANCE: the NSE equity first, then the BSE one', async () => {
    const res = await browser.api('GET', '/api/instruments?query=RELIANCE');
    expect(res.body.instruments.slice(0, 2).map((i: { instrumentKey: string }) => i.instrumentKey)).toEqual([
      'NSE_EQ|INE002A01018', 'BSE_EQ|INE002A01018',
    ]);
  });

  it('NIFTY 25 DEC 24000 CE: the December 2025 monthly 24000 call first, then the weeklies', async () => {
    const found = symbols(await browser.api('GET', '/api/instruments?query=NIFTY%2025%20DEC%2024000%20CE'));
    expect(found[0]).toBe('NIFTY 24000 CE 30 DEC 25');
    expect(found.slice(1).every((s) => /^NIFTY 24000 CE \d\d DEC 25$/.test(s))).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('BANKNIFTY FUT: the futures by expiry, nearest first', async () => {
    expect(symbols(await browser.api('GET', '/api/instruments?query=BANKNIFTY%20FUT'))).toEqual([
      'BANKNIFTY FUT 30 DEC 25', 'BANKNIFTY FUT 27 JAN 26', 'BANKNIFTY FUT 24 FEB 26',
    ]);
  });

  it('partial company names: "reliance ind" and "hdfc ban"', async () => {
    const reliance = await browser.api('GET', '/api/instruments?query=reliance%20ind');
    expect(reliance.body.instruments[0]).toMatchObject({ instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE' });
    const hdfc = await browser.api('GET', '/api/instruments?query=hdfc%20ban');
    expect(hdfc.body.instruments[0]).toMatchObject({ instrumentKey: 'NSE_EQ|INE040A01034', tradingSymbol: 'HDFCBANK' });
  });
});
