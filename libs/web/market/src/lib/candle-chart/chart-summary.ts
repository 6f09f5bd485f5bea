import { formatRupees } from '@desk/contracts';

export interface ChartFacts {
  lastPrice: number | null;
  limitPrice: number | null;
  triggerPrice: number | null;
  /** null: no candles today; undefined: not read yet (nothing said about the range). */
  range: { low: number; high: number } | null | undefined;
}

/** "0.48 % below the last price", in whole basis points so no float artefacts show. */
export function distanceFromLast(price: number, last: number): string {
  const basisPoints = Math.round(((price - last) / last) * 10_000);
  if (basisPoints === 0) return price === last ? 'at the last price' : 'within 0.01 % of the last price';
  const percent = (Math.abs(basisPoints) / 100).toFixed(2);
  return `${percent} % ${basisPoints < 0 ? 'below' : 'above'} the last price`;
}

/**
 * The chart's facts in words, for keyboard and screen-reader users (and anyone who prefers numbers):
 * "Last ₹1,301.20; your limit ₹1,295.00 is 0.48 % below the last price; today's range ₹1,280.10 – ₹1,310.00".
 */
export function describeChart(facts: ChartFacts): string {
  const parts: string[] = [];
  const last = facts.lastPrice;
  parts.push(last ? `Last ${formatRupees(last)}` : 'No last price yet');
  const line = (name: string, price: number | null) => {
    if (!price || !(price > 0)) return;
    parts.push(last ? `your ${name} ${formatRupees(price)} is ${distanceFromLast(price, last)}` : `your ${name} ${formatRupees(price)}`);
  };
  line('limit', facts.limitPrice);
  line('trigger', facts.triggerPrice);
  if (facts.range) parts.push(`today's range ${formatRupees(facts.range.low)} – ${formatRupees(facts.range.high)}`);
  else if (facts.range === null) parts.push('no trades yet today');
  return parts.join('; ');
}
