import { Instrument } from '@desk/contracts';
import { rulesOf, searchInstruments } from './instrument-search';

function inst(tradingSymbol: string, name: string, key = `NSE_EQ|${tradingSymbol}`): Instrument {
  return {
    instrumentKey: key, tradingSymbol, name, exchange: 'NSE', segment: 'NSE_EQ', instrumentType: 'EQ',
    lotSize: 1, tickSize: 0.05, expiry: null, strikePrice: null, lastPrice: null,
  };
}

describe('searchInstruments', () => {
  const all = [
    inst('TATASTEEL', 'TATA STEEL LIMITED'),
    inst('INFY', 'INFOSYS LIMITED'),
    inst('RELIANCE', 'RELIANCE INDUSTRIES LTD'),
    inst('RELINFRA', 'RELIANCE INFRASTRUCTURE LTD'),
    inst('JIOFIN', 'JIO FINANCIAL (RELIANCE GROUP)'),
    inst('REL', 'REL EXACT'),
  ];

  it('ranks exact and prefix matches first, case-insensitively, and limits to 20', () => {
    expect(searchInstruments(all, 'rel').map((i) => i.tradingSymbol)).toEqual(['REL', 'RELIANCE', 'RELINFRA', 'JIOFIN']);
    expect(searchInstruments(all, 'infosys').map((i) => i.tradingSymbol)).toEqual(['INFY']);
    expect(searchInstruments(all, '  ')).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => inst(`ABC${i}`, 'X'));
    expect(searchInstruments(many, 'abc')).toHaveLength(20);
  });

  it('gives lot and tick rules only for tradable records', () => {
    expect(rulesOf(inst('A', 'A'))).toEqual({ lotSize: 1, tickSize: 0.05 });
    expect(rulesOf({ ...inst('B', 'B'), lotSize: 0 })).toBeUndefined();
    expect(rulesOf(undefined)).toBeUndefined();
  });
});
