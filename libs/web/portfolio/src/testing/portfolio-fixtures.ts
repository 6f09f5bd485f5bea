import { Holding, HoldingsView, Position, PositionsView, holdingTotals, positionTotals, priceHolding, pricePosition } from '@desk/contracts';

/** Test data only (excluded from the library build). P&L follows the contracts' pricing rules. */
export function position(overrides: Partial<Position> = {}): Position {
  const base: Position = {
    instrumentKey: 'NSE_EQ|INE002A01018',
    tradingSymbol: 'RELIANCE',
    exchange: 'NSE',
    product: 'D',
    quantity: 10,
    multiplier: 1,
    averagePrice: 2500,
    buyQuantity: 10,
    buyPrice: 2500,
    buyValue: 25000,
    sellQuantity: 0,
    sellPrice: 0,
    sellValue: 0,
    overnightQuantity: 0,
    lastPrice: null,
    closePrice: 2490,
    realised: 0,
    unrealised: null,
    pnl: null,
    ...overrides,
  };
  return pricePosition(base, overrides.lastPrice === undefined ? 2510 : overrides.lastPrice);
}

export function holding(overrides: Partial<Holding> = {}): Holding {
  const base: Holding = {
    instrumentKey: 'NSE_EQ|INE009A01021',
    isin: 'INE009A01021',
    tradingSymbol: 'INFY',
    companyName: 'INFOSYS LIMITED',
    exchange: 'NSE',
    product: 'D',
    quantity: 20,
    t1Quantity: 0,
    usedQuantity: 0,
    averagePrice: 1400,
    lastPrice: null,
    closePrice: 1500,
    currentValue: null,
    invested: 0,
    pnl: null,
    dayChange: null,
    dayChangePercentage: null,
    ...overrides,
  };
  return priceHolding(base, overrides.lastPrice === undefined ? 1520 : overrides.lastPrice);
}

export function positionsView(positions: Position[], source: PositionsView['source'] = 'stream'): PositionsView {
  return { positions, totals: positionTotals(positions), asOf: '2026-11-28T10:15:00+05:30', source };
}

export function holdingsView(holdings: Holding[], source: HoldingsView['source'] = 'stream'): HoldingsView {
  return { holdings, totals: holdingTotals(holdings), asOf: '2026-11-28T10:15:00+05:30', source };
}
