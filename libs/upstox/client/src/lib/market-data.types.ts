import type { Product, TransactionType } from '@desk/contracts';

/** Candle units of Upstox's v3 candle APIs. Intraday takes minutes (1-300), hours (1-5) or days (1). */
export type CandleUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';

/**
 * One candle. `time` is Upstox's own timestamp (ISO-8601 with +05:30, the candle's start); `ts` the same instant
 * in epoch ms. `oi` is 0 for equities.
 */
export interface Candle {
  time: string;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  oi: number;
}

/** Dates are IST calendar dates `YYYY-MM-DD`; both ends included. Without `fromDate` Upstox picks the start. */
export interface HistoricalCandleQuery {
  instrumentKey: string;
  unit: CandleUnit;
  interval: number;
  toDate: string;
  fromDate?: string;
}

/** One leg of POST /v2/charges/margin (at most 20 per call). `price` is optional (market price when absent). */
export interface MarginInstrument {
  instrumentKey: string;
  quantity: number;
  product: Product;
  transactionType: TransactionType;
  price?: number;
}

/** Upstox's margin breakdown of one leg (fields that do not apply are 0). */
export interface MarginLeg {
  spanMargin: number;
  exposureMargin: number;
  equityMargin: number;
  netBuyPremium: number;
  additionalMargin: number;
  totalMargin: number;
  tenderMargin: number;
}

/** `requiredMargin`: the sum of the legs; `finalMargin`: after Upstox's margin benefit for the basket. */
export interface MarginResult {
  margins: MarginLeg[];
  requiredMargin: number;
  finalMargin: number;
}

/** GET /v2/charges/brokerage query: one order. */
export interface BrokerageQuery {
  instrumentKey: string;
  quantity: number;
  product: Product;
  transactionType: TransactionType;
  price: number;
}

/** The charges of one order in rupees, as Upstox itemises them; `total` includes everything below. */
export interface BrokerageCharges {
  total: number;
  brokerage: number;
  taxes: { gst: number; stt: number; stampDuty: number };
  otherCharges: { transaction: number; clearing: number; ipft: number; sebiTurnover: number };
  dpPlan: { name: string; minExpense: number } | null;
}
