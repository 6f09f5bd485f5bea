import { istYymmdd } from './clock';
import { SeededRandom } from './random';

/**
 * Deterministic id factory. Order ids look like Upstox's: IST `YYMMDD` + 9 digits (15 digits in all),
 * increasing through the day. Trade ids are 8 digits, exchange order ids 16 digits.
 */
export class IdFactory {
  private readonly random: SeededRandom;
  private orderSeq: number;
  private tradeSeq: number;
  private exchangeSeq: number;

  constructor(seed: number) {
    this.random = new SeededRandom(seed ^ 0x5eed1d5);
    this.orderSeq = this.random.int(10_000_000, 90_000_000);
    this.tradeSeq = this.random.int(1_000_000, 9_000_000);
    this.exchangeSeq = this.random.int(10_000_000, 90_000_000);
  }

  orderId(nowMs: number): string {
    this.orderSeq += this.random.int(1, 9);
    return istYymmdd(nowMs) + String(this.orderSeq % 1_000_000_000).padStart(9, '0');
  }

  tradeId(): string {
    this.tradeSeq += this.random.int(1, 5);
    return String(50_000_000 + (this.tradeSeq % 50_000_000));
  }

  /** NSE equity orders start 1100000..., F&O 1200000... (only the shape matters). */
  exchangeOrderId(segment: string): string {
    this.exchangeSeq += this.random.int(1, 9);
    const prefix = segment.endsWith('_FO') ? '1200000' : '1100000';
    return prefix + String(this.exchangeSeq % 1_000_000_000).padStart(9, '0');
  }

  orderRefId(): string {
    return String(this.random.int(10_000_000, 99_999_999)) + String(this.random.int(100_000, 999_999));
  }
}
