import { istMsOfDay, istYymmdd } from './clock';
import { SeededRandom } from './random';

/** FNV-1a: a small stable string hash, to derive per-order random streams from the seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Deterministic ids shaped like Upstox's. Order ids are IST `YYMMDD` + 9 digits (15 in all), increasing
 * through the session, drawn in request order. With `byTimeOfDay` the first one starts from the IST time of day
 * (ten per millisecond), so a simulator started again the same day never repeats an id of its earlier run.
 * Exchange order ids (16 digits), trade ids (8 digits) and order ref ids are derived from the seed and the order
 * id, so they do not depend on how the real-time lifecycle timers of concurrent orders happen to interleave.
 */
export class IdFactory {
  private readonly orderRandom: SeededRandom;
  private orderSeq: number | null;
  private readonly used = new Set<string>();

  constructor(
    private readonly seed: number,
    byTimeOfDay = false,
  ) {
    this.orderRandom = new SeededRandom(seed ^ 0x5eed1d5);
    this.orderSeq = byTimeOfDay ? null : this.orderRandom.int(10_000_000, 90_000_000);
  }

  orderId(nowMs: number): string {
    // By time of day, 05:30-24:00 IST (when orders are taken) is 198,000,000 to 864,000,000: always 9 digits.
    this.orderSeq ??= istMsOfDay(nowMs) * 10;
    this.orderSeq += this.orderRandom.int(1, 9);
    return istYymmdd(nowMs) + String(this.orderSeq % 1_000_000_000).padStart(9, '0');
  }

  /** NSE equity orders start 1100000..., F&O 1200000... (only the shape matters). */
  exchangeOrderId(segment: string, orderId: string): string {
    const prefix = segment.endsWith('_FO') ? '1200000' : '1100000';
    return prefix + this.derived('exchange', orderId, 0, 9);
  }

  /** The `fillIndex`-th trade of an order. */
  tradeId(orderId: string, fillIndex: number): string {
    return '5' + this.derived('trade', orderId, fillIndex, 7);
  }

  orderRefId(orderId: string): string {
    return this.derived('ref', orderId, 0, 14, true);
  }

  /** `digits` pseudo-random digits from (seed, kind, order id, n); unique per kind within the session. */
  private derived(kind: string, orderId: string, n: number, digits: number, leadingNonZero = false): string {
    for (let attempt = 0; ; attempt++) {
      const random = new SeededRandom(fnv1a(`${this.seed}:${kind}:${orderId}:${n}:${attempt}`));
      let text = '';
      for (let i = 0; i < digits; i++) text += String(random.int(i === 0 && leadingNonZero ? 1 : 0, 9));
      if (!this.used.has(`${kind}:${text}`)) {
        this.used.add(`${kind}:${text}`);
        return text;
      }
    }
  }
}
