import { InjectionToken } from '@angular/core';
import { Candle, IST_OFFSET_MINUTES } from '@desk/contracts';
// Types only: the library itself is loaded by CHART_LIBRARY when a chart is first shown.
import type { CandlestickData, IChartApi, IPriceLine, ISeriesApi, UTCTimestamp } from 'lightweight-charts';

export type ChartLibrary = typeof import('lightweight-charts');

/**
 * Loads lightweight-charts on first use (a separate chunk: the dashboard's initial bundle does not carry it).
 * Tests provide a fake, jsdom has no canvas.
 */
export const CHART_LIBRARY = new InjectionToken<() => Promise<ChartLibrary>>('CHART_LIBRARY', {
  providedIn: 'root',
  factory: () => () => import('lightweight-charts'),
});

/** Colours from the app's theme variables (light or dark follows prefers-color-scheme). */
export interface ChartColors {
  background: string;
  text: string;
  grid: string;
  up: string;
  down: string;
  limit: string;
  trigger: string;
}

export function readChartColors(element: HTMLElement): ChartColors {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--surface', '#ffffff'),
    text: v('--text-muted', '#5b6675'),
    grid: v('--border', '#dde1e7'),
    up: v('--gain', '#15703f'),
    down: v('--loss', '#b42318'),
    limit: v('--accent', '#2f55d4'),
    trigger: v('--warn', '#8a5a00'),
  };
}

export interface DrawnLines {
  limit: number | null;
  trigger: number | null;
}

/**
 * lightweight-charts places its tick marks by UTC: hour marks on UTC hours (09:30, 10:30 in IST) and the day
 * boundary at UTC midnight (05:30 IST, drawn bold). The library's advice for a time zone is to shift the bars:
 * each bar is given IST wall-clock time as if it were UTC, and every label formats that shifted time in UTC.
 */
const IST_SHIFT_S = IST_OFFSET_MINUTES * 60;
export const toChartTime = (epochSeconds: number): UTCTimestamp => (epochSeconds + IST_SHIFT_S) as UTCTimestamp;

// hourCycle h23, not hour12: false, which writes the hour after midnight as 24.
const CLOCK = new Intl.DateTimeFormat('en-IN', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('en-IN', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const asDate = (chartTime: unknown): Date | null => (typeof chartTime === 'number' ? new Date(chartTime * 1000) : null);

/** The crosshair's label: the IST time of the bar. */
export const crosshairTime = (chartTime: unknown): string => {
  const date = asDate(chartTime);
  return date ? CLOCK.format(date) : String(chartTime);
};

/** TickMarkType.DayOfMonth: Year (0) and Month (1) come before it; the enum lives in the lazily loaded library. */
const DAY_OF_MONTH_TICK = 2;

/** The time axis: IST clock times, and the date where a new day starts ("2 Dec"). */
export const tickMark = (chartTime: unknown, tickMarkType: number): string => {
  const date = asDate(chartTime);
  if (!date) return String(chartTime);
  return tickMarkType <= DAY_OF_MONTH_TICK ? DAY.format(date) : CLOCK.format(date);
};

const toBar = (c: Candle): CandlestickData => ({ time: toChartTime(c.time), open: c.open, high: c.high, low: c.low, close: c.close });

/** One lightweight-charts candle chart with the order's limit and trigger lines. Times shown in IST (see toChartTime). */
export class ChartDrawing {
  private readonly chart: IChartApi;
  private readonly series: ISeriesApi<'Candlestick'>;
  private readonly lines: { limit: IPriceLine | null; trigger: IPriceLine | null } = { limit: null, trigger: null };
  private drawn: DrawnLines = { limit: null, trigger: null };

  constructor(
    private readonly lib: ChartLibrary,
    container: HTMLElement,
    private colors: ChartColors,
  ) {
    this.chart = lib.createChart(container, {
      autoSize: true,
      localization: { timeFormatter: crosshairTime, priceFormatter: (p: number) => p.toFixed(2) },
      timeScale: { timeVisible: true, secondsVisible: false, tickMarkFormatter: tickMark },
      handleScroll: false,
      handleScale: false,
    });
    this.series = this.chart.addSeries(lib.CandlestickSeries, { priceFormat: { type: 'price', precision: 2, minMove: 0.01 } });
    this.applyColors(colors);
  }

  applyColors(colors: ChartColors): void {
    this.colors = colors;
    this.chart.applyOptions({
      layout: { background: { type: this.lib.ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    });
    this.series.applyOptions({
      upColor: colors.up, downColor: colors.down, borderUpColor: colors.up, borderDownColor: colors.down,
      wickUpColor: colors.up, wickDownColor: colors.down,
    });
    this.redrawLines();
  }

  setCandles(candles: readonly Candle[]): void {
    this.series.setData(candles.map(toBar));
    this.chart.timeScale().fitContent();
  }

  /** The live last candle (or a new one after it). */
  updateCandle(candle: Candle): void {
    this.series.update(toBar(candle));
  }

  /** Draws (moves, removes) the limit and trigger lines; returns what is drawn now. */
  setLines(lines: DrawnLines): DrawnLines {
    this.drawn = { limit: validPrice(lines.limit), trigger: validPrice(lines.trigger) };
    this.redrawLines();
    return this.drawn;
  }

  destroy(): void {
    this.chart.remove();
  }

  private redrawLines(): void {
    this.drawLine('limit', 'Limit', this.colors.limit, this.lib.LineStyle.Solid);
    this.drawLine('trigger', 'Trigger', this.colors.trigger, this.lib.LineStyle.Dashed);
  }

  private drawLine(which: keyof DrawnLines, title: string, color: string, lineStyle: number): void {
    const price = this.drawn[which];
    const existing = this.lines[which];
    if (price === null) {
      if (existing) this.series.removePriceLine(existing);
      this.lines[which] = null;
      return;
    }
    const options = { price, color, lineStyle, lineWidth: 2 as const, axisLabelVisible: true, title };
    if (existing) existing.applyOptions(options);
    else this.lines[which] = this.series.createPriceLine(options);
  }
}

function validPrice(price: number | null): number | null {
  return price !== null && Number.isFinite(price) && price > 0 ? price : null;
}
