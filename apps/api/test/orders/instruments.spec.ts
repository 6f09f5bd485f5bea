import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BrowserAgent, Stack, startStack } from '../support/stack';
import { SimControl, connect } from './orders-harness';

/** GET /api/instruments without the simulator and with Upstox unreachable: the list comes from a file the user put in DATA_DIR. */
describe('instrument search sources (real api)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  beforeAll(async () => {
    // Nothing listens on port 9 of loopback: the download of Upstox's list fails at once.
    stack = await startStack({ env: { UPSTOX_ASSETS_URL: 'http://127.0.0.1:9' } });
    browser = stack.browser();
    await browser.signIn();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('says how to provide a list when none is available (not connected to the simulator, download failed, no file)', async () => {
    const res = await browser.api('GET', '/api/instruments?query=reli');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('none');
    expect(res.body.instruments).toEqual([]);
    expect(res.body.message).toContain('could not be downloaded');
    expect(res.body.message).toContain('complete.json.gz');
    expect(res.body.message).toContain(stack.dataDir);
    const status = await browser.api('GET', '/api/instruments/status');
    expect(status.body).toMatchObject({ source: 'download', asOf: null, instruments: 0, lastError: { message: expect.stringContaining('could not be downloaded') } });
    const one = await browser.api('GET', `/api/instruments/${encodeURIComponent('NSE_EQ|INE839G01010')}`);
    expect(one.status).toBe(404);
    expect(one.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('could not be downloaded') });
  });

  it('reads complete.json.gz from DATA_DIR (tick size converted from paise)', async () => {
    const rows = [
      {
        segment: 'NSE_EQ', name: 'JOCIL LIMITED', exchange: 'NSE', isin: 'INE839G01010', instrument_type: 'EQ',
        instrument_key: 'NSE_EQ|INE839G01010', lot_size: 1, freeze_quantity: 100000, exchange_token: '16927',
        tick_size: 5.0, trading_symbol: 'JOCIL',
      },
      {
        segment: 'NSE_EQ', name: 'JOHNSON CONTROLS', exchange: 'NSE', isin: 'INE782A01015', instrument_type: 'EQ',
        instrument_key: 'NSE_EQ|INE782A01015', lot_size: 1, freeze_quantity: 100000, exchange_token: '1',
        tick_size: 10.0, trading_symbol: 'JCHAC',
      },
    ];
    writeFileSync(join(stack.dataDir, 'complete.json.gz'), gzipSync(Buffer.from(JSON.stringify(rows))));
    const res = await browser.api('GET', '/api/instruments?query=jo');
    expect(res.body.source).toBe('file');
    expect(res.body.instruments.map((i: { tradingSymbol: string }) => i.tradingSymbol)).toEqual(['JOCIL', 'JCHAC']);
    expect(res.body.instruments[0]).toMatchObject({ instrumentKey: 'NSE_EQ|INE839G01010', tickSize: 0.05, lotSize: 1 });
    expect(res.body.instruments[1].tickSize).toBe(0.1);

    // One by its key, from the same list: what the dashboard checks a modification against.
    const one = await browser.api('GET', `/api/instruments/${encodeURIComponent('NSE_EQ|INE782A01015')}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ instrumentKey: 'NSE_EQ|INE782A01015', tradingSymbol: 'JCHAC', tickSize: 0.1, lotSize: 1, freezeQuantity: 100000 });
    const missing = await browser.api('GET', `/api/instruments/${encodeURIComponent('NSE_EQ|INE000000000')}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: 'No instrument NSE_EQ|INE000000000: the instrument list in use does not hold it.' });
    expect((await browser.api('GET', '/api/instruments/not-a-key')).status).toBe(400);
    // The list's status keeps its own path: never read as a key.
    expect((await browser.api('GET', '/api/instruments/status')).body.source).toBe('user-file');
  });

  it('switches to the simulator master once connected to the simulator', async () => {
    await connect(browser, stack.simUrl);
    const res = await browser.api('GET', '/api/instruments?query=RELIANCE');
    expect(res.body.source).toBe('simulator');
    expect(res.body.instruments[0].tradingSymbol).toBe('RELIANCE');
    // One by its key answers from the list alone: no Upstox quote call on every modify form that opens.
    const sim = new SimControl(stack.simUrl);
    const quotesBefore = await sim.calls('GET /v3/market-quote/ltp');
    const one = await browser.api('GET', `/api/instruments/${encodeURIComponent(res.body.instruments[0].instrumentKey)}`);
    expect(one.body).toMatchObject({ tradingSymbol: 'RELIANCE', tickSize: 0.05, lotSize: 1 });
    expect(await sim.calls('GET /v3/market-quote/ltp')).toBe(quotesBefore);
  });

  it('refuses a missing, repeated or oversized query parameter, saying which', async () => {
    const message = async (path: string) => {
      const res = await browser.api('GET', path);
      expect(res.status).toBe(400);
      return res.body.message;
    };
    expect(await message('/api/instruments?q=REL')).toBe('Give the search text in the query parameter, e.g. /api/instruments?query=RELIANCE.');
    expect(await message('/api/instruments?query=a&query=b')).toBe('Send the query parameter once, with one search text.');
    expect(await message(`/api/instruments?query=${'x'.repeat(65)}`)).toBe('The search text can have at most 64 characters.');
  });
});
