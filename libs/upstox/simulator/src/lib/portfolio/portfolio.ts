import type { SimInstrument } from '../market/instruments';
import type { PriceBook } from '../market/prices';
import type { SimTrade } from '../orders/order-model';

const round2 = (n: number): number => Math.round(n * 100) / 100;

interface PositionAccumulator {
  instrument: SimInstrument;
  product: string;
  buyQty: number;
  buyValue: number;
  sellQty: number;
  sellValue: number;
}

/** Short-term positions derived from today's fills, one per instrument + product (CONTRACT §6.1). */
export function positionsFromTrades(trades: SimTrade[], prices: PriceBook): Record<string, unknown>[] {
  const byKey = new Map<string, PositionAccumulator>();
  for (const t of trades) {
    const key = `${t.view.instrument_token}/${t.view.product}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = { instrument: t.instrument, product: t.view.product, buyQty: 0, buyValue: 0, sellQty: 0, sellValue: 0 };
      byKey.set(key, acc);
    }
    if (t.view.transaction_type === 'BUY') {
      acc.buyQty += t.view.quantity;
      acc.buyValue += t.view.quantity * t.price;
    } else {
      acc.sellQty += t.view.quantity;
      acc.sellValue += t.view.quantity * t.price;
    }
  }
  return [...byKey.values()].map((acc) => positionView(acc, prices));
}

function positionView(acc: PositionAccumulator, prices: PriceBook): Record<string, unknown> {
  const key = acc.instrument.record.instrument_key;
  const quote = prices.get(key);
  const ltp = quote?.lastPrice ?? 0;
  const buyPrice = acc.buyQty ? acc.buyValue / acc.buyQty : 0;
  const sellPrice = acc.sellQty ? acc.sellValue / acc.sellQty : 0;
  const quantity = acc.buyQty - acc.sellQty;
  const closedQty = Math.min(acc.buyQty, acc.sellQty);
  const realised = closedQty * (sellPrice - buyPrice);
  const unrealised = quantity > 0 ? quantity * (ltp - buyPrice) : quantity < 0 ? -quantity * (sellPrice - ltp) : 0;
  const averagePrice = quantity > 0 ? buyPrice : quantity < 0 ? sellPrice : 0;
  return {
    exchange: acc.instrument.orderExchange,
    multiplier: 1.0,
    value: round2(acc.sellValue - acc.buyValue),
    pnl: round2(realised + unrealised),
    product: acc.product,
    instrument_token: key,
    average_price: round2(averagePrice),
    buy_value: round2(acc.buyValue),
    overnight_quantity: 0,
    day_buy_value: round2(acc.buyValue),
    day_buy_price: round2(buyPrice),
    overnight_buy_amount: 0,
    overnight_buy_quantity: 0,
    day_buy_quantity: acc.buyQty,
    day_sell_value: round2(acc.sellValue),
    day_sell_price: round2(sellPrice),
    overnight_sell_amount: 0,
    overnight_sell_quantity: 0,
    day_sell_quantity: acc.sellQty,
    quantity,
    last_price: ltp,
    unrealised: round2(unrealised),
    realised: round2(realised),
    sell_value: round2(acc.sellValue),
    trading_symbol: acc.instrument.record.trading_symbol,
    tradingsymbol: acc.instrument.record.trading_symbol,
    close_price: quote?.closePrice ?? 0,
    buy_price: round2(buyPrice),
    sell_price: round2(sellPrice),
  };
}

/** The demo user's long-term holdings at start (quantity, average buy price). */
export const SEEDED_HOLDINGS: { symbol: string; quantity: number; averagePrice: number }[] = [
  { symbol: 'INFY', quantity: 10, averagePrice: 1482.25 },
  { symbol: 'ITC', quantity: 100, averagePrice: 395.6 },
  { symbol: 'SBIN', quantity: 25, averagePrice: 760.0 },
  { symbol: 'HDFCBANK', quantity: 15, averagePrice: 1012.4 },
];

/**
 * Long-term holdings (CONTRACT §6.2), valued at the current simulated prices. Delivery (`D`) sells filled today
 * show as `cnc_used_quantity` (the quantity itself changes only at settlement, which the simulator never reaches).
 */
export function holdingsView(instruments: SimInstrument[], prices: PriceBook, trades: SimTrade[]): Record<string, unknown>[] {
  return SEEDED_HOLDINGS.flatMap((h) => {
    const instrument = instruments.find((i) => i.record.trading_symbol === h.symbol && i.record.segment === 'NSE_EQ');
    if (!instrument) return [];
    const soldToday = trades
      .filter((t) => t.view.instrument_token === instrument.record.instrument_key && t.view.product === 'D' && t.view.transaction_type === 'SELL')
      .reduce((sum, t) => sum + t.view.quantity, 0);
    const quote = prices.get(instrument.record.instrument_key);
    const ltp = quote?.lastPrice ?? 0;
    const close = quote?.closePrice ?? 0;
    return [
      {
        isin: instrument.record.isin,
        cnc_used_quantity: Math.min(h.quantity, soldToday),
        collateral_type: 'WC',
        company_name: instrument.record.name,
        haircut: 0.2,
        product: 'D',
        quantity: h.quantity,
        trading_symbol: h.symbol,
        tradingsymbol: h.symbol,
        last_price: ltp,
        close_price: close,
        pnl: round2((ltp - h.averagePrice) * h.quantity),
        day_change: round2(ltp - close),
        day_change_percentage: close ? round2(((ltp - close) / close) * 100) : 0,
        instrument_token: instrument.record.instrument_key,
        average_price: h.averagePrice,
        collateral_quantity: 0,
        collateral_update_quantity: 0,
        t1_quantity: 0,
        exchange: 'NSE',
      },
    ];
  });
}
