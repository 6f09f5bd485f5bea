import { exitPrefill, exitUnavailableReason } from './exit-position';
import { formatSignedPercent, formatSignedRupees, pnlTone } from './pnl-format';
import { TableSort, compareSortValues } from './table-sort';
import { position } from '../testing/portfolio-fixtures';

describe('P&L formatting', () => {
  it('puts the sign in the text, with Indian grouping and two decimals', () => {
    expect(formatSignedRupees(1234.5)).toBe('+₹1,234.50');
    expect(formatSignedRupees(-123456.789)).toBe('−₹1,23,456.79');
    expect(formatSignedRupees(0)).toBe('₹0.00');
    expect(formatSignedRupees(-0.001)).toBe('₹0.00');
    expect(formatSignedRupees(null)).toBe('—');
    expect(formatSignedPercent(1.254)).toBe('+1.25%');
    expect(formatSignedPercent(-0.4)).toBe('−0.40%');
  });

  it('tones: up, down, flat (unknown is flat)', () => {
    expect([pnlTone(0.01), pnlTone(-0.01), pnlTone(0), pnlTone(null)]).toEqual(['up', 'down', 'flat', 'flat']);
  });
});

describe('TableSort', () => {
  interface Row {
    name: string;
    pnl: number | null;
  }
  const rows: Row[] = [
    { name: 'infy', pnl: 5 },
    { name: 'ABB', pnl: null },
    { name: 'Tcs', pnl: -20 },
    { name: 'hdfc', pnl: 100 },
  ];
  const sort = () =>
    new TableSort<Row>(
      [
        { key: 'name', label: 'Instrument', numeric: false, value: (r) => r.name },
        { key: 'pnl', label: 'P&L', numeric: true, value: (r) => r.pnl },
      ],
      { key: 'name', direction: 'ascending' },
    );

  it('text A to Z ignoring case; a second click flips', () => {
    const s = sort();
    expect(s.sort(rows).map((r) => r.name)).toEqual(['ABB', 'hdfc', 'infy', 'Tcs']);
    s.toggle('name');
    expect(s.ariaSort('name')).toBe('descending');
    expect(s.sort(rows).map((r) => r.name)).toEqual(['Tcs', 'infy', 'hdfc', 'ABB']);
  });

  it('numbers open biggest first; unknown values stay last both ways; only the sorted column has aria-sort', () => {
    const s = sort();
    s.toggle('pnl');
    expect(s.ariaSort('pnl')).toBe('descending');
    expect(s.ariaSort('name')).toBeNull();
    expect(s.sort(rows).map((r) => r.pnl)).toEqual([100, 5, -20, null]);
    s.toggle('pnl');
    expect(s.sort(rows).map((r) => r.pnl)).toEqual([-20, 5, 100, null]);
  });

  it('compares null as last', () => {
    expect(compareSortValues(null, 1, 'ascending')).toBeGreaterThan(0);
    expect(compareSortValues(null, 1, 'descending')).toBeGreaterThan(0);
  });
});

describe('Exit pre-fill', () => {
  it('long: SELL the whole net quantity, same product and instrument', () => {
    expect(exitPrefill(position({ quantity: 150, product: 'I', instrumentKey: 'NSE_FO|35001', tradingSymbol: 'NIFTY26DECFUT' }))).toEqual({
      instrumentKey: 'NSE_FO|35001',
      tradingSymbol: 'NIFTY26DECFUT',
      transactionType: 'SELL',
      quantity: 150,
      product: 'I',
      purpose: 'Exit position: SELL 150 NIFTY26DECFUT (Intraday)',
    });
  });

  it('short: BUY back the absolute quantity', () => {
    expect(exitPrefill(position({ quantity: -25, product: 'D' }))).toMatchObject({ transactionType: 'BUY', quantity: 25, product: 'D' });
  });

  it('none for a closed position or a product the form cannot send', () => {
    expect(exitPrefill(position({ quantity: 0 }))).toBeNull();
    expect(exitUnavailableReason(position({ quantity: 0 }))).toBe('This position is closed.');
    expect(exitPrefill(position({ product: 'CO' }))).toBeNull();
    expect(exitUnavailableReason(position({ product: 'CO' }))).toContain('product CO');
    expect(exitUnavailableReason(position())).toBeNull();
  });
});
