import { roundToTick, SimInstrument, tickRupees } from '../market/instruments';
import type { Bar } from '../candles/minute-bars';
import { hashText } from '../candles/minute-bars';

export type FeedMode = 'ltpc' | 'full';

/** What one instrument's frame is built from: the quote now and today's minute bars (the same path as the candles). */
export interface FeedSnapshot {
  instrument: SimInstrument;
  ltp: number;
  ltq: number;
  ltt: number;
  /** Previous close. */
  cp: number;
  /** Today's one-minute bars up to the live one; empty before the session. */
  bars: Bar[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

const ltpc = (s: FeedSnapshot) => ({ ltp: s.ltp, ltt: s.ltt, ltq: s.ltq, cp: s.cp });

/** `1d` (the day so far) and `I1` (the live minute) candles, as Upstox's full feed carries them. */
function marketOhlc(s: FeedSnapshot): { ohlc: Record<string, unknown>[] } {
  if (!s.bars.length) return { ohlc: [] };
  const first = s.bars[0];
  const live = s.bars[s.bars.length - 1];
  const day = s.bars.reduce(
    (d, b) => ({ ...d, high: Math.max(d.high, b.high), low: Math.min(d.low, b.low), vol: d.vol + b.volume }),
    { high: first.high, low: first.low, vol: 0 },
  );
  return {
    ohlc: [
      { interval: '1d', open: first.open, high: day.high, low: day.low, close: live.close, vol: day.vol, ts: first.ts },
      { interval: 'I1', open: live.open, high: live.high, low: live.low, close: live.close, vol: live.volume, ts: live.ts },
    ],
  };
}

/** Five bid and five ask levels one tick apart around the last price; quantities are a stable hash of the state. */
interface Level {
  bidQ: number;
  bidP: number;
  askQ: number;
  askP: number;
}

function depth(s: FeedSnapshot): Level[] {
  const tick = tickRupees(s.instrument);
  const lot = Math.max(1, s.instrument.record.lot_size);
  const levels: Level[] = [];
  for (let level = 1; level <= 5; level++) {
    const h = hashText(`${s.instrument.record.instrument_key}/${s.ltp}/${level}`);
    levels.push({
      bidQ: (1 + (h % 50)) * lot * level,
      bidP: Math.max(tick, roundToTick(s.ltp - level * tick, s.instrument)),
      askQ: (1 + ((h >>> 8) % 50)) * lot * level,
      askP: roundToTick(s.ltp + level * tick, s.instrument),
    });
  }
  return levels;
}

/** One `Feed` of FeedResponse.feeds in `mode`: ltpc, or fullFeed (indexFF for an index, marketFF otherwise). */
export function feedFor(s: FeedSnapshot, mode: FeedMode): Record<string, unknown> {
  if (mode === 'ltpc') return { ltpc: ltpc(s), requestMode: 'ltpc' };
  if (s.instrument.record.instrument_type === 'INDEX') {
    return { fullFeed: { indexFF: { ltpc: ltpc(s), marketOHLC: marketOhlc(s) } }, requestMode: 'full_d5' };
  }
  const levels = depth(s);
  const volume = s.bars.reduce((v, b) => v + b.volume, 0);
  const traded = s.bars.reduce((v, b) => v + b.close * b.volume, 0);
  return {
    fullFeed: {
      marketFF: {
        ltpc: ltpc(s),
        marketLevel: { bidAskQuote: levels },
        marketOHLC: marketOhlc(s),
        atp: volume > 0 ? round2(traded / volume) : s.ltp,
        vtt: volume,
        oi: 0,
        iv: 0,
        tbq: levels.reduce((q, l) => q + l.bidQ, 0) * 20,
        tsq: levels.reduce((q, l) => q + l.askQ, 0) * 20,
      },
    },
    requestMode: 'full_d5',
  };
}
