import { IST_OFFSET_MS } from '../clock';
import { roundToTick, SimInstrument } from '../market/instruments';
import { SeededRandom } from '../random';
import { aggregate, Bar, hashText, MINUTE_MS, SESSION_MINUTES, sessionOpenOf, syntheticMinutes } from './minute-bars';

const DAY_MS = 86_400_000;
/** How far back the simulator has history (trading days): older requests get no candles. */
export const MAX_PAST_TRADING_DAYS = 500;

/** IST calendar day number (days since 1970-01-01 IST) of an instant. */
export const istDay = (ms: number): number => Math.floor((ms + IST_OFFSET_MS) / DAY_MS);
/** 00:00 IST of an IST day number. */
export const istMidnight = (day: number): number => day * DAY_MS - IST_OFFSET_MS;
const isWeekday = (day: number): boolean => ![0, 6].includes(new Date(day * DAY_MS).getUTCDay());

/**
 * Past sessions of one instrument, made up but consistent: yesterday (the last weekday before today) closes at the
 * instrument's previous close (`cp` of the feed, the LTP quote's close), each day's minutes are a seeded walk ending at
 * its close, and the day before closes near that day's open. Exchange holidays are not modelled.
 */
export class PastDays {
  /** Most recent first: [yesterday, the day before, ...], extended on demand. */
  private readonly closes = new Map<string, { day: number; close: number }[]>();

  constructor(private readonly seed: number) {}

  reset(): void {
    this.closes.clear();
  }

  /** The minute bars of a past trading `day` (empty for weekends, today or beyond the history). */
  minuteBars(instrument: SimInstrument, day: number, today: number): Bar[] {
    const entry = this.chain(instrument, today, day).find((d) => d.day === day);
    if (!entry) return [];
    const close = sessionOpenOf(istMidnight(day)) + SESSION_MINUTES * MINUTE_MS;
    return syntheticMinutes(instrument, `${this.seed}/${instrument.record.instrument_key}@${day}`, close, SESSION_MINUTES, entry.close);
  }

  /** One daily bar per trading day from `fromDay` to `toDay` (both included, before today), `ts` = 00:00 IST. */
  dailyBars(instrument: SimInstrument, fromDay: number, toDay: number, today: number): Bar[] {
    const out: Bar[] = [];
    for (const { day } of this.chain(instrument, today, fromDay)) {
      if (day < fromDay || day > toDay) continue;
      const [bar] = aggregate(this.minuteBars(instrument, day, today), 24 * 60, istMidnight(day));
      if (bar) out.push({ ...bar, ts: istMidnight(day) });
    }
    return out.reverse();
  }

  /** The chain of past closes back to `oldest` (within MAX_PAST_TRADING_DAYS), most recent first. */
  private chain(instrument: SimInstrument, today: number, oldest: number): { day: number; close: number }[] {
    const id = `${instrument.record.instrument_key}<${today}`;
    let chain = this.closes.get(id);
    if (!chain) this.closes.set(id, (chain = []));
    let day = chain.length ? chain[chain.length - 1].day : today;
    while (chain.length < MAX_PAST_TRADING_DAYS && day > oldest) {
      day--;
      if (!isWeekday(day)) continue;
      const previous = chain[chain.length - 1];
      let close = instrument.basePrice;
      if (previous) {
        const open = this.minuteBars(instrument, previous.day, today)[0]?.open ?? previous.close;
        const gap = new SeededRandom(hashText(`${this.seed}/${instrument.record.instrument_key}#gap${previous.day}`)).gaussian() * 0.004;
        close = Math.max(instrument.record.tick_size / 100, roundToTick(open / (1 + gap), instrument));
      }
      chain.push({ day, close });
    }
    return chain;
  }
}
