import { Instrument } from '@desk/contracts';
import { rulesOf } from './instrument-search';
import { InstrumentIndex } from './instrument-index';

function eq(tradingSymbol: string, name: string, segment = 'NSE_EQ', key = `${segment}|${tradingSymbol}`): Instrument {
  return {
    instrumentKey: key, tradingSymbol, name, exchange: segment.slice(0, 3), segment, instrumentType: 'EQ',
    lotSize: 1, freezeQuantity: 100000, tickSize: 0.05, expiry: null, strikePrice: null, lastPrice: null,
  };
}

/** A derivative the way the instrument file names it ("NIFTY 24000 CE 30 DEC 25"). */
function fo(underlying: string, kind: 'FUT' | 'CE' | 'PE', expiry: string, strike = 0, token = `${underlying}${kind}${expiry}${strike}`): Instrument {
  const [y, m, d] = expiry.split('-');
  const mon = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][Number(m) - 1];
  const label = `${d} ${mon} ${y.slice(2)}`;
  return {
    instrumentKey: `NSE_FO|${token}`, tradingSymbol: kind === 'FUT' ? `${underlying} FUT ${label}` : `${underlying} ${strike} ${kind} ${label}`,
    name: underlying, exchange: 'NSE', segment: 'NSE_FO', instrumentType: kind, lotSize: 75, freezeQuantity: 1800, tickSize: 0.05, expiry,
    strikePrice: kind === 'FUT' ? null : strike, lastPrice: null,
  };
}

const symbols = (list: Instrument[]): string[] => list.map((i) => i.tradingSymbol);

describe('InstrumentIndex', () => {
  const all = [
    fo('RELIANCE', 'CE', '2025-12-30', 1400),
    fo('RELIANCE', 'FUT', '2025-12-30'),
    eq('RELINFRA', 'RELIANCE INFRASTRUCTURE LTD'),
    eq('RIIL', 'RELIANCE INDUSTRIAL INFRA LTD'),
    eq('RELIANCE', 'RELIANCE INDUSTRIES LTD', 'BSE_EQ'),
    eq('RELIANCE', 'RELIANCE INDUSTRIES LTD'),
    eq('JIOFIN', 'JIO FINANCIAL (RELIANCE GROUP)'),
    eq('REL', 'REL EXACT'),
    eq('TATASTEEL', 'TATA STEEL LIMITED'),
    eq('INFY', 'INFOSYS LIMITED'),
    eq('HDFCLIFE', 'HDFC LIFE INS CO LTD'),
    eq('HDFCBANK', 'HDFC BANK LTD'),
    eq('BAJAJ-AUTO', 'BAJAJ AUTO LIMITED'),
    fo('NIFTY', 'CE', '2025-12-23', 24000),
    fo('NIFTY', 'CE', '2025-12-30', 24000),
    fo('NIFTY', 'PE', '2025-12-30', 24000),
    fo('NIFTY', 'CE', '2025-12-30', 24500),
    fo('NIFTY', 'CE', '2026-01-27', 24000),
    fo('BANKNIFTY', 'CE', '2025-12-30', 56000),
    fo('BANKNIFTY', 'FUT', '2026-01-27'),
    fo('BANKNIFTY', 'FUT', '2025-12-30'),
    { ...eq('NIFTY', 'Nifty 50', 'NSE_INDEX', 'NSE_INDEX|Nifty 50'), instrumentType: 'INDEX' },
  ];
  const index = new InstrumentIndex(all);

  it('puts the NSE equity first for its symbol, then BSE, then its derivatives, then other names', () => {
    expect(symbols(index.search('RELIANCE')).slice(0, 4)).toEqual(['RELIANCE', 'RELIANCE', 'RELIANCE FUT 30 DEC 25', 'RELIANCE 1400 CE 30 DEC 25']);
    expect(index.search('RELIANCE').map((i) => i.segment).slice(0, 2)).toEqual(['NSE_EQ', 'BSE_EQ']);
    expect(symbols(index.search('reliance')).slice(4)).toEqual(['RIIL', 'RELINFRA', 'JIOFIN']);
  });

  it('finds partial company names: every word must start a word of the symbol or the name', () => {
    expect(symbols(index.search('reliance ind')).slice(0, 3)).toEqual(['RELIANCE', 'RELIANCE', 'RIIL']);
    expect(symbols(index.search('hdfc ban'))).toEqual(['HDFCBANK']);
    expect(symbols(index.search('hdfc'))).toEqual(['HDFCBANK', 'HDFCLIFE']);
    expect(symbols(index.search('infosys'))).toEqual(['INFY']);
    expect(symbols(index.search('auto'))).toEqual(['BAJAJ-AUTO']);
    expect(symbols(index.search('bajaj-auto'))).toEqual(['BAJAJ-AUTO']);
  });

  it('ranks the exact symbol first, then symbol prefixes', () => {
    expect(symbols(index.search('rel')).slice(0, 3)).toEqual(['REL', 'RELIANCE', 'RELINFRA']);
    expect(symbols(index.search('NIFTY'))[0]).toBe('NIFTY');
  });

  it('reads option queries in any word order; a named month prefers the monthly contract', () => {
    expect(symbols(index.search('NIFTY 25 DEC 24000 CE'))).toEqual(['NIFTY 24000 CE 30 DEC 25', 'NIFTY 24000 CE 23 DEC 25']);
    expect(symbols(index.search('NIFTY 24000 CE'))).toEqual([
      'NIFTY 24000 CE 23 DEC 25', 'NIFTY 24000 CE 30 DEC 25', 'NIFTY 24000 CE 27 JAN 26',
    ]);
    expect(symbols(index.search('NIFTY 24000 CE 30 DEC 25'))[0]).toBe('NIFTY 24000 CE 30 DEC 25');
    expect(symbols(index.search('BANKNIFTY FUT'))).toEqual(['BANKNIFTY FUT 30 DEC 25', 'BANKNIFTY FUT 27 JAN 26']);
  });

  it('falls back to the first word and the most other words when nothing has them all', () => {
    expect(symbols(index.search('NIFTY 99 DEC 24000 CE')).slice(0, 3)).toEqual([
      'NIFTY 24000 CE 30 DEC 25', 'NIFTY 24000 CE 23 DEC 25', 'NIFTY 24000 PE 30 DEC 25',
    ]);
    expect(index.search('ZZZ')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('returns at most the limit, finds by key, and is stable across searches', () => {
    const many = new InstrumentIndex(Array.from({ length: 50 }, (_, i) => eq(`ABC${i}`, 'X')));
    expect(many.search('abc')).toHaveLength(20);
    expect(many.search('abc', 5).map((i) => i.tradingSymbol)).toEqual(['ABC0', 'ABC1', 'ABC2', 'ABC3', 'ABC4']);
    expect(index.find('NSE_EQ|RELIANCE')?.segment).toBe('NSE_EQ');
    expect(index.find('nope')).toBeUndefined();
    expect(symbols(index.search('hdfc ban'))).toEqual(['HDFCBANK']);
  });

  it('gives lot and tick rules only for tradable records', () => {
    expect(rulesOf(eq('A', 'A'))).toEqual({ lotSize: 1, tickSize: 0.05 });
    expect(rulesOf({ ...eq('B', 'B'), lotSize: 0 })).toBeUndefined();
    expect(rulesOf(undefined)).toBeUndefined();
  });
});
