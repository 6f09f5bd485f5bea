import { SeededRandom } from '../../random';
import type { InstrumentRecord, SimInstrument } from '../instruments';
import {
  dayOfMonthExpiries, monthlyExpiries, quarterlyExpiries, weeklyExpiries,
} from './universe-dates';
import { derivativeRow, equityRow, indexRow, stockStrikeStep, strikeLadder, Underlying } from './universe-rows';
import {
  BSE_INDICES, COMMODITIES, CURRENCIES, KNOWN_COMPANIES, NAME_STEMS, NAME_SUFFIXES, NAME_TRADES, NSE_INDICES,
} from './universe-seeds';

/** NSE-listed companies (demo + known + synthetic), BSE-only companies, and F&O stocks. */
const NSE_COMPANIES = 2_400;
const BSE_ONLY_COMPANIES = 2_400;
const FO_STOCKS = 250;
const STOCK_STRIKES_PER_SIDE = 42;
const TUESDAY = 2;
const THURSDAY = 4;
const FRIDAY = 5;
const WEDNESDAY = 3;
const BSE_GROUPS = ['A', 'B', 'T', 'X', 'XT', 'Z'];

interface Company {
  symbol: string;
  name: string;
  isin: string;
  price: number;
}

/**
 * Builds Upstox's complete instrument file at full size (about 155,000 rows), deterministically from the seed
 * and the simulator clock (expiries follow the exchanges' weekdays from "now"). The demo instruments come first,
 * unchanged; no generated row reuses one of their keys or trading symbols.
 */
export function generateFullInstrumentFile(demo: readonly SimInstrument[], nowMs: number, seed: number): InstrumentRecord[] {
  const out: InstrumentRecord[] = demo.map((i) => i.record);
  const keys = new Set(out.map((r) => r.instrument_key));
  const symbols = new Set(out.map((r) => `${r.segment}|${r.trading_symbol}`));
  const isins = new Set(out.flatMap((r) => (r.isin ? [r.isin] : [])));
  const counters = new Map<string, number>([['NSE_FO', 35_001], ['BSE_FO', 800_001], ['NCD_FO', 1_001], ['BCD_FO', 2_001], ['MCX_FO', 430_001]]);
  const random = new SeededRandom(seed ^ 0x51f15e);

  const add = (row: InstrumentRecord): void => {
    const symbolKey = `${row.segment}|${row.trading_symbol}`;
    if (keys.has(row.instrument_key) || symbols.has(symbolKey)) return;
    keys.add(row.instrument_key);
    symbols.add(symbolKey);
    out.push(row);
  };
  const token = (segment: string): string => {
    let n = counters.get(segment) ?? 1;
    while (keys.has(`${segment}|${n}`)) n++;
    counters.set(segment, n + 1);
    return String(n);
  };
  let isinCounter = 1;
  const newIsin = (): string => {
    for (;;) {
      const n = isinCounter++;
      const isin = `INE${(46_656 + n).toString(36).toUpperCase().slice(-4)}01${String(n % 100).padStart(2, '0')}${n % 10}`;
      if (!isins.has(isin)) {
        isins.add(isin);
        return isin;
      }
    }
  };

  const demoEquities: Company[] = demo
    .filter((i) => i.record.segment === 'NSE_EQ' && i.record.isin)
    .map((i) => ({ symbol: i.record.trading_symbol, name: i.record.name, isin: i.record.isin as string, price: i.basePrice }));
  const taken = new Set(demoEquities.map((c) => c.symbol));
  const companies: Company[] = [...demoEquities];
  for (const known of KNOWN_COMPANIES) {
    if (taken.has(known.symbol)) continue;
    taken.add(known.symbol);
    companies.push({ ...known, isin: newIsin() });
  }
  const synthetic = (n: number): Company => {
    const stem = NAME_STEMS[n % NAME_STEMS.length];
    const trade = NAME_TRADES[Math.floor(n / NAME_STEMS.length) % NAME_TRADES.length];
    const name = `${stem} ${trade} ${NAME_SUFFIXES[n % NAME_SUFFIXES.length]}`;
    let symbol = `${stem}${trade}`.slice(0, 10);
    for (let k = 1; taken.has(symbol); k++) symbol = `${stem}${trade}`.slice(0, 9 - String(k).length) + k;
    taken.add(symbol);
    const price = Math.round(Math.exp(Math.log(20) + random.next() * Math.log(400)) * 20) / 20;
    return { symbol, name, isin: newIsin(), price };
  };
  for (let n = 0; companies.length < NSE_COMPANIES; n++) companies.push(synthetic(n));

  companies.forEach((c, i) => add(equityRow('NSE_EQ', c.symbol, c.name, c.isin, String(20_000 + i))));
  companies.forEach((c, i) => add(equityRow('BSE_EQ', c.symbol, c.name, c.isin, String(500_001 + i), BSE_GROUPS[i < 300 ? 0 : 1 + (i % 5)])));
  for (let n = 0; n < BSE_ONLY_COMPANIES; n++) {
    const c = synthetic(NSE_COMPANIES + n);
    add(equityRow('BSE_EQ', c.symbol, c.name, c.isin, String(530_001 + n), BSE_GROUPS[1 + (n % 5)]));
  }
  NSE_INDICES.forEach(([name, symbol], i) => add(indexRow('NSE_INDEX', name, symbol, String(26_001 + i))));
  BSE_INDICES.forEach(([name, symbol], i) => add(indexRow('BSE_INDEX', name, symbol, String(1 + i))));

  const options = (segment: string, exchange: string, u: Underlying, expiries: number[], weekly: (e: number) => boolean,
    spot: number, step: number, perSide: (e: number, index: number) => number): void => {
    expiries.forEach((expiry, index) => {
      for (const strike of strikeLadder(spot, step, perSide(expiry, index))) {
        for (const kind of ['CE', 'PE'] as const) add(derivativeRow(segment, exchange, u, kind, token(segment), expiry, weekly(expiry), strike));
      }
    });
  };
  const futures = (segment: string, exchange: string, u: Underlying, expiries: number[]): void => {
    for (const expiry of expiries) add(derivativeRow(segment, exchange, u, 'FUT', token(segment), expiry, false));
  };

  // Index derivatives. NIFTY: weekly Tuesdays, monthly, quarterly; the others monthly (the exchanges' 2025 rules).
  const niftySpot = demo.find((i) => i.record.instrument_key === 'NSE_INDEX|Nifty 50')?.basePrice ?? 25_900;
  const indexFo: [string, string, number, number, number, number, number][] = [
    ['NIFTY', 'NSE_INDEX|Nifty 50', niftySpot, 75, 1800, 50, 100],
    ['BANKNIFTY', 'NSE_INDEX|Nifty Bank', 56_000, 35, 900, 100, 80],
    ['FINNIFTY', 'NSE_INDEX|Nifty Fin Service', 26_800, 65, 1800, 50, 60],
    ['MIDCPNIFTY', 'NSE_INDEX|NIFTY MID SELECT', 13_100, 140, 2800, 25, 60],
    ['NIFTYNXT50', 'NSE_INDEX|Nifty Next 50', 68_500, 25, 600, 100, 60],
  ];
  for (const [symbol, key, spot, lot, freeze, step, perSide] of indexFo) {
    const u: Underlying = { symbol, key, type: 'INDEX', lot, freeze, tick: 5 };
    const monthly = monthlyExpiries(nowMs, TUESDAY, 3);
    const quarterly = quarterlyExpiries(nowMs, TUESDAY, monthly[2], 2);
    futures('NSE_FO', 'NSE', u, monthly);
    const weeklies = symbol === 'NIFTY' ? weeklyExpiries(nowMs, TUESDAY, 8) : [];
    const expiries = [...new Set([...weeklies, ...monthly, ...quarterly])].sort((a, b) => a - b);
    options('NSE_FO', 'NSE', u, expiries, (e) => !monthly.includes(e) && !quarterly.includes(e), spot, step,
      (_e, index) => (index < 4 ? perSide : Math.round(perSide * 0.6)));
  }

  // Stock futures and options: three monthly expiries.
  const stockMonthly = monthlyExpiries(nowMs, TUESDAY, 3);
  for (const c of companies.slice(0, FO_STOCKS)) {
    const lot = Math.max(1, Math.round(700_000 / c.price / 25) * 25 || 1);
    const u: Underlying = { symbol: c.symbol, key: `NSE_EQ|${c.isin}`, type: 'EQUITY', lot, freeze: lot * 20, tick: 5 };
    futures('NSE_FO', 'NSE', u, stockMonthly);
    options('NSE_FO', 'NSE', u, stockMonthly, () => false, c.price, stockStrikeStep(c.price), () => STOCK_STRIKES_PER_SIDE);
  }

  // BSE index derivatives: SENSEX weekly Thursdays plus monthly; BANKEX monthly.
  const sensex: Underlying = { symbol: 'SENSEX', key: 'BSE_INDEX|SENSEX', type: 'INDEX', lot: 20, freeze: 1000, tick: 5 };
  const sensexMonthly = monthlyExpiries(nowMs, THURSDAY, 2);
  futures('BSE_FO', 'BSE', sensex, sensexMonthly);
  const sensexExpiries = [...new Set([...weeklyExpiries(nowMs, THURSDAY, 4), ...sensexMonthly])].sort((a, b) => a - b);
  options('BSE_FO', 'BSE', sensex, sensexExpiries, (e) => !sensexMonthly.includes(e), 84_500, 100, () => 60);
  const bankex: Underlying = { symbol: 'BANKEX', key: 'BSE_INDEX|BANKEX', type: 'INDEX', lot: 30, freeze: 900, tick: 5 };
  const bankexMonthly = monthlyExpiries(nowMs, THURSDAY, 3);
  futures('BSE_FO', 'BSE', bankex, bankexMonthly);
  options('BSE_FO', 'BSE', bankex, bankexMonthly, () => false, 63_000, 100, () => 40);

  // Currency derivatives (tick 0.25 paise): NSE (NCD_FO) with weekly Friday options, BSE (BCD_FO) smaller.
  for (const [symbol, spot, step] of CURRENCIES) {
    const monthly = monthlyExpiries(nowMs, WEDNESDAY, 12);
    const futureKey = `NCD_FO|${counters.get('NCD_FO')}`;
    futures('NCD_FO', 'NSE', { symbol, key: `NSE_INDEX|${symbol}`, type: 'CUR', lot: 1, freeze: 10_001, tick: 0.25 }, monthly);
    const u: Underlying = { symbol, key: futureKey, type: 'CUR', lot: 1, freeze: 10_001, tick: 0.25 };
    const expiries = [...new Set([...weeklyExpiries(nowMs, FRIDAY, 6), ...monthly.slice(0, 3)])].sort((a, b) => a - b);
    options('NCD_FO', 'NSE', u, expiries, (e) => !monthly.includes(e), spot, step, () => 40);
    if (symbol === 'USDINR' || symbol === 'EURINR') {
      const bse: Underlying = { symbol, key: `BSE_INDEX|${symbol}`, type: 'CUR', lot: 1, freeze: 10_001, tick: 0.25 };
      futures('BCD_FO', 'BSE', bse, monthly.slice(0, 6));
      options('BCD_FO', 'BSE', bse, monthly.slice(0, 3), () => false, spot, step, () => 20);
    }
  }

  // MCX: six monthly futures per commodity; options on the nearest three, expiring a few days before them.
  for (const [symbol, , price, lot, tick, step, day] of COMMODITIES) {
    const futureExpiries = dayOfMonthExpiries(nowMs, day, 6);
    const firstFuture = counters.get('MCX_FO') ?? 0;
    const u: Underlying = { symbol, key: `MCX_FO|${firstFuture}`, type: 'COM', lot, freeze: lot * 100, tick };
    futures('MCX_FO', 'MCX', u, futureExpiries);
    const optionExpiries = futureExpiries.slice(0, 3).map((e) => e - 3 * 24 * 3600_000);
    options('MCX_FO', 'MCX', u, optionExpiries, () => false, price, step, () => 25);
  }
  return out;
}
