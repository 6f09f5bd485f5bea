import { istTimeOnSameDay } from '../clock';
import { roundToTick, SimInstrument, tickRupees } from '../market/instruments';
import { SeededRandom } from '../random';

/** One candle in rupees; `ts` = its start (epoch ms). */
export interface Bar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export const MINUTE_MS = 60_000;
/** NSE's normal session: 09:15-15:30 IST, 375 minutes. */
export const SESSION_MINUTES = 375;

export const sessionOpenOf = (dayMs: number): number => istTimeOnSameDay(dayMs, 9, 15);

/** A stable 32-bit hash of text (FNV-1a): seeds per instrument and day. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * `count` synthetic minute bars ending at `endMs` (exclusive) whose last close is `lastClose`: a seeded walk
 * generated backwards in whole ticks, so the path joins the price it ends at exactly. Same seed text, same bars.
 */
export function syntheticMinutes(instrument: SimInstrument, seedText: string, endMs: number, count: number, lastClose: number): Bar[] {
  const random = new SeededRandom(hashText(seedText));
  const tick = tickRupees(instrument);
  const lot = Math.max(1, instrument.record.lot_size);
  const bars: Bar[] = [];
  let close = lastClose;
  for (let i = 1; i <= count; i++) {
    const open = Math.max(tick, roundToTick(close / (1 + random.gaussian() * 0.0008), instrument));
    const high = roundToTick(Math.max(open, close) + tick * random.int(0, 3), instrument);
    const low = Math.max(tick, roundToTick(Math.min(open, close) - tick * random.int(0, 3), instrument));
    bars.push({ ts: endMs - i * MINUTE_MS, open, high, low, close, volume: random.int(20, 400) * lot });
    close = open;
  }
  return bars.reverse();
}

/** Buckets bars into candles of `minutes`, aligned to `alignMs` (the session open): 09:15, 09:20, ... */
export function aggregate(bars: Bar[], minutes: number, alignMs: number): Bar[] {
  const size = minutes * MINUTE_MS;
  const out: Bar[] = [];
  for (const bar of bars) {
    const start = alignMs + Math.floor((bar.ts - alignMs) / size) * size;
    const last = out[out.length - 1];
    if (last && last.ts === start) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
    } else {
      out.push({ ...bar, ts: start });
    }
  }
  return out;
}
