import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { InstrumentRowSplitter, parseInstrumentStream } from './instrument-file-stream';

const eq = (symbol: string, name = `${symbol} LTD`): Record<string, unknown> => ({
  segment: 'NSE_EQ', name, exchange: 'NSE', isin: `INE${symbol}`, instrument_type: 'EQ', instrument_key: `NSE_EQ|INE${symbol}`,
  lot_size: 1, freeze_quantity: 100000, exchange_token: '1', tick_size: 5, trading_symbol: symbol,
});

function split(text: string, size: number): InstrumentRowSplitter {
  const s = new InstrumentRowSplitter();
  for (let i = 0; i < text.length; i += size) s.feed(text.slice(i, i + size));
  s.end();
  return s;
}

describe('InstrumentRowSplitter', () => {
  const rows = [eq('AAA', 'A {curly} "quoted" \\\\ name}'), { ...eq('BBB'), extra: { nested: [1, { x: '}' }] } }, { segment: 'NCD_FO' }, eq('CCC')];
  const text = ` \n[ ${rows.map((r) => JSON.stringify(r)).join(' ,\n')} ]\n`;

  it('reads every row whatever the chunk boundaries, braces in strings and nested objects included', () => {
    for (const size of [1, 2, 3, 7, 50, 10_000]) {
      const s = split(text, size);
      expect([size, s.rows, s.instruments.map((i) => i.tradingSymbol)]).toEqual([size, 4, ['AAA', 'BBB', 'CCC']]);
      expect(s.instruments[0].name).toBe('A {curly} "quoted" \\\\ name}');
    }
  });

  it('refuses a cut file, a non-array, garbage between rows and an endless row', () => {
    expect(() => split(text.slice(0, text.length - 4), 5)).toThrow('cut short');
    expect(() => split(text.slice(0, 40), 5)).toThrow('cut short');
    expect(() => split('{"a":1}', 3)).toThrow('not a JSON array');
    expect(() => split(`[${JSON.stringify(eq('AAA'))} x]`, 3)).toThrow('not a JSON array');
    expect(() => split(`[{"a":"${'}'.repeat(70_000)}`, 1000)).toThrow('malformed row');
    expect(() => split('[]', 1).instruments).not.toThrow();
  });

  it('parses a gzipped stream and rejects a corrupt one or one without instruments', async () => {
    const gz = gzipSync(text);
    expect((await parseInstrumentStream(Readable.from([gz.subarray(0, 10), gz.subarray(10)]), true)).rows).toBe(4);
    await expect(parseInstrumentStream(Readable.from([gz.subarray(0, gz.length - 10)]), true)).rejects.toThrow();
    await expect(parseInstrumentStream(Readable.from([Buffer.from('[]')]), false)).rejects.toThrow('no usable instruments');
  });
});
