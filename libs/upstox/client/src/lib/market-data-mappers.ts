import { BrokerageCharges, Candle, MarginInstrument, MarginResult } from './market-data.types';
import { UpstoxBrokerageData, UpstoxCandleData, UpstoxMarginData } from './upstox-wire.types';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Upstox's array rows, newest first, to our candles, oldest first (what a chart draws). Bad rows are skipped. */
export function mapCandles(data: UpstoxCandleData): Candle[] {
  const out: Candle[] = [];
  for (const row of Array.isArray(data.candles) ? data.candles : []) {
    if (!Array.isArray(row) || typeof row[0] !== 'string') continue;
    const ts = Date.parse(row[0]);
    if (Number.isNaN(ts) || [1, 2, 3, 4].some((i) => typeof row[i] !== 'number')) continue;
    out.push({ time: row[0], ts, open: num(row[1]), high: num(row[2]), low: num(row[3]), close: num(row[4]), volume: num(row[5]), oi: num(row[6]) });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

export function toMarginBody(instruments: MarginInstrument[]): { instruments: Record<string, unknown>[] } {
  return {
    instruments: instruments.map((i) => ({
      instrument_key: i.instrumentKey,
      quantity: i.quantity,
      product: i.product,
      transaction_type: i.transactionType,
      ...(i.price === undefined ? {} : { price: i.price }),
    })),
  };
}

export function mapMargin(data: UpstoxMarginData): MarginResult {
  return {
    margins: (Array.isArray(data.margins) ? data.margins : []).map((m) => ({
      spanMargin: num(m?.span_margin),
      exposureMargin: num(m?.exposure_margin),
      equityMargin: num(m?.equity_margin),
      netBuyPremium: num(m?.net_buy_premium),
      additionalMargin: num(m?.additional_margin),
      totalMargin: num(m?.total_margin),
      tenderMargin: num(m?.tender_margin),
    })),
    requiredMargin: num(data.required_margin),
    finalMargin: num(data.final_margin),
  };
}

export function mapBrokerage(data: UpstoxBrokerageData): BrokerageCharges {
  const c = data.charges ?? {};
  const other = c.other_charges ?? c.other_taxes ?? c.otherTaxes ?? {};
  const dp = c.dp_plan ?? c.dpPlan ?? null;
  return {
    total: num(c.total),
    brokerage: num(c.brokerage),
    taxes: { gst: num(c.taxes?.gst), stt: num(c.taxes?.stt), stampDuty: num(c.taxes?.stamp_duty) },
    otherCharges: { transaction: num(other.transaction), clearing: num(other.clearing), ipft: num(other.ipft), sebiTurnover: num(other.sebi_turnover) },
    dpPlan: dp && typeof dp.name === 'string' ? { name: dp.name, minExpense: num(dp.min_expense) } : null,
  };
}
