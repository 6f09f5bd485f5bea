import type { Funds } from './profile';
import type { Order, OrderHistoryEntry, Trade } from './orders';

/**
 * Where a read was answered from: `stream` = the live mirror, kept current by Upstox's portfolio stream;
 * `snapshot` = an upstream read (the stream is down or not yet caught up), shared by concurrent callers.
 */
export const ACCOUNT_SOURCES = ['stream', 'snapshot'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

/** Carried by every account read: how fresh the answer is. */
export interface AccountReadMeta {
  /** ISO-8601 instant the answer describes (the mirror's last change, or the snapshot's read time). */
  asOf: string;
  source: AccountSource;
}

/** One short-term position (GET /v2/portfolio/short-term-positions), one per instrument and product. */
export interface Position {
  instrumentKey: string;
  tradingSymbol: string;
  exchange: string;
  product: string;
  /** Net quantity: negative is short. */
  quantity: number;
  multiplier: number;
  /** Average of the open side (buy price when long, sell price when short); null when flat or unknown. */
  averagePrice: number | null;
  buyQuantity: number;
  buyPrice: number;
  buyValue: number;
  sellQuantity: number;
  sellPrice: number;
  sellValue: number;
  overnightQuantity: number;
  lastPrice: number | null;
  closePrice: number | null;
  realised: number;
  /** Null while no last price is known. */
  unrealised: number | null;
  /** realised + unrealised; null while no last price is known. */
  pnl: number | null;
}

export interface PositionTotals {
  realised: number;
  unrealised: number;
  pnl: number;
  /** Positions whose P&L is unknown (no last price) are left out of the totals and counted here. */
  unpriced: number;
}

/** GET /api/positions */
export interface PositionsView extends AccountReadMeta {
  positions: Position[];
  totals: PositionTotals;
}

/** One long-term holding (GET /v2/portfolio/long-term-holdings). */
export interface Holding {
  instrumentKey: string;
  isin: string;
  tradingSymbol: string;
  companyName: string;
  exchange: string;
  product: string;
  quantity: number;
  /** Bought, not yet delivered (T+1). */
  t1Quantity: number;
  /** Sold today from this holding (Upstox `cnc_used_quantity`). */
  usedQuantity: number;
  averagePrice: number;
  lastPrice: number | null;
  closePrice: number | null;
  /** lastPrice x (quantity + t1Quantity); null without a last price. */
  currentValue: number | null;
  invested: number;
  pnl: number | null;
  dayChange: number | null;
  dayChangePercentage: number | null;
}

export interface HoldingTotals {
  invested: number;
  currentValue: number;
  pnl: number;
  dayChange: number;
  unpriced: number;
}

/** GET /api/holdings */
export interface HoldingsView extends AccountReadMeta {
  holdings: Holding[];
  totals: HoldingTotals;
}

/** GET /api/orders: the day's orders, newest first. */
export interface OrdersView extends AccountReadMeta {
  orders: Order[];
}

/** GET /api/orders/:id */
export interface OrderDetailsView extends AccountReadMeta {
  order: Order;
  history: OrderHistoryEntry[];
}

/** GET /api/trades: the day's fills, newest first. */
export interface TradesView extends AccountReadMeta {
  trades: Trade[];
}

/** GET /api/funds */
export interface FundsView extends Funds, AccountReadMeta {}

/**
 * GET /api/funds between 00:00 and 05:30 IST: Upstox's funds service is in its daily maintenance (HTTP 423),
 * which is not an error of the account: the answer says so and when funds come back (issue 9 item 2).
 */
export interface FundsUnavailableView {
  unavailable: { reason: 'upstox-maintenance'; message: string; availableFrom: string };
  asOf: string;
}
export type FundsReply = FundsView | FundsUnavailableView;

export function fundsUnavailable(reply: FundsReply | null | undefined): reply is FundsUnavailableView {
  return !!reply && 'unavailable' in reply && !!reply.unavailable;
}

/** Two decimals, and never -0 (which formats as "-0.00"). */
const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;

/**
 * A position's P&L at a last price, the way Upstox computes it for the day: realised on the closed
 * quantity, unrealised on the open quantity against its average. The portfolio stream sends positions
 * without P&L, so the mirror recomputes it with the last price it knows.
 */
export function pricePosition(p: Position, lastPrice: number | null): Position {
  const closed = Math.min(p.buyQuantity, p.sellQuantity);
  const realised = round2(closed * (p.sellPrice - p.buyPrice) * p.multiplier);
  if (lastPrice === null) return { ...p, lastPrice: null, realised, unrealised: null, pnl: null };
  const open = p.quantity;
  const unrealised =
    open > 0 ? round2(open * (lastPrice - p.buyPrice) * p.multiplier) : open < 0 ? round2(-open * (p.sellPrice - lastPrice) * p.multiplier) : 0;
  return { ...p, lastPrice, realised, unrealised, pnl: round2(realised + unrealised) };
}

export function positionTotals(positions: readonly Position[]): PositionTotals {
  const totals: PositionTotals = { realised: 0, unrealised: 0, pnl: 0, unpriced: 0 };
  for (const p of positions) {
    totals.realised += p.realised;
    if (p.pnl === null || p.unrealised === null) {
      totals.unpriced++;
      continue;
    }
    totals.unrealised += p.unrealised;
    totals.pnl += p.pnl - p.realised;
  }
  totals.pnl += totals.realised;
  return { realised: round2(totals.realised), unrealised: round2(totals.unrealised), pnl: round2(totals.pnl), unpriced: totals.unpriced };
}

/** A holding valued at a last price (and the previous close for the day change). */
export function priceHolding(h: Holding, lastPrice: number | null): Holding {
  const units = h.quantity + h.t1Quantity;
  const invested = round2(units * h.averagePrice);
  if (lastPrice === null) {
    return { ...h, lastPrice: null, currentValue: null, invested, pnl: null, dayChange: null, dayChangePercentage: null };
  }
  const close = h.closePrice;
  return {
    ...h,
    lastPrice,
    invested,
    currentValue: round2(units * lastPrice),
    pnl: round2(units * (lastPrice - h.averagePrice)),
    dayChange: close ? round2(units * (lastPrice - close)) : null,
    dayChangePercentage: close ? round2(((lastPrice - close) / close) * 100) : null,
  };
}

export function holdingTotals(holdings: readonly Holding[]): HoldingTotals {
  const totals: HoldingTotals = { invested: 0, currentValue: 0, pnl: 0, dayChange: 0, unpriced: 0 };
  for (const h of holdings) {
    totals.invested += h.invested;
    if (h.currentValue === null || h.pnl === null) {
      totals.unpriced++;
      continue;
    }
    totals.currentValue += h.currentValue;
    totals.pnl += h.pnl;
    totals.dayChange += h.dayChange ?? 0;
  }
  return {
    invested: round2(totals.invested),
    currentValue: round2(totals.currentValue),
    pnl: round2(totals.pnl),
    dayChange: round2(totals.dayChange),
    unpriced: totals.unpriced,
  };
}
