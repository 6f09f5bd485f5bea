import { Instrument, InstrumentRules } from '@desk/contracts';

export const MAX_SEARCH_RESULTS = 20;

/**
 * Case-insensitive search by trading symbol or name. Ranking: exact symbol, symbol prefix,
 * name prefix, then symbol or name containing the query; ties by symbol. At most 20.
 */
export function searchInstruments(all: readonly Instrument[], query: string, limit = MAX_SEARCH_RESULTS): Instrument[] {
  const q = query.trim().toUpperCase();
  if (q === '') return [];
  const ranked: { rank: number; item: Instrument }[] = [];
  for (const item of all) {
    const symbol = item.tradingSymbol.toUpperCase();
    const name = item.name.toUpperCase();
    let rank: number;
    if (symbol === q) rank = 0;
    else if (symbol.startsWith(q)) rank = 1;
    else if (name.startsWith(q)) rank = 2;
    else if (symbol.includes(q) || name.includes(q)) rank = 3;
    else continue;
    ranked.push({ rank, item });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.item.tradingSymbol.length - b.item.tradingSymbol.length ||
      a.item.tradingSymbol.localeCompare(b.item.tradingSymbol) ||
      a.item.instrumentKey.localeCompare(b.item.instrumentKey),
  );
  return ranked.slice(0, limit).map((r) => r.item);
}

export function rulesOf(instrument: Instrument | undefined): InstrumentRules | undefined {
  if (!instrument || !(instrument.lotSize > 0) || !(instrument.tickSize > 0)) return undefined;
  return { lotSize: instrument.lotSize, tickSize: instrument.tickSize };
}
