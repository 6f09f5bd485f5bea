import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Candle, CandleInterval, formatRupees } from '@desk/contracts';
import { RequestStatus } from '@desk/web/http';
import { ErrorCallout } from '@desk/web/ui';
import { MarketApi } from '../market-api';
import { QuotesStore } from '../quotes-store';
import { CHART_LIBRARY, ChartDrawing, DrawnLines, readChartColors } from './chart-drawing';
import { describeChart } from './chart-summary';
import { applyQuote, dayRange } from './live-candles';

/**
 * Today's candles of one instrument (1- or 5-minute) with the live last candle from quotes, and the order's
 * limit and trigger prices as lines. The same facts are written out next to it for keyboard and screen-reader
 * users. lightweight-charts is loaded on first use; the instrument is leased while the chart is shown.
 */
@Component({
  selector: 'desk-candle-chart',
  imports: [ErrorCallout],
  templateUrl: './candle-chart.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'candle-chart',
    'data-testid': 'candle-chart',
    '[attr.data-state]': 'state()',
    '[attr.data-interval]': 'interval()',
    '[attr.data-limit-line]': 'drawnLines().limit?.toFixed(2) ?? null',
    '[attr.data-trigger-line]': 'drawnLines().trigger?.toFixed(2) ?? null',
    '[attr.data-last-price]': 'lastPrice()?.toFixed(2) ?? null',
  },
})
export class CandleChart {
  private readonly api = inject(MarketApi);
  private readonly quotes = inject(QuotesStore);
  private readonly loadLibrary = inject(CHART_LIBRARY);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');

  readonly instrumentKey = input.required<string | null>();
  readonly tradingSymbol = input<string | null>(null);
  readonly limitPrice = input<number | null>(null);
  readonly triggerPrice = input<number | null>(null);
  /** What the page already knows (e.g. the instrument search's LTP), until a quote or the candles say more. */
  readonly knownLastPrice = input<number | null>(null);

  protected readonly interval = signal<CandleInterval>('1minute');
  protected readonly reads = new RequestStatus();
  protected readonly libraryError = signal<string | null>(null);
  private readonly drawing = signal<ChartDrawing | null>(null);
  protected readonly drawnLines = signal<DrawnLines>({ limit: null, trigger: null });

  /** The day's candles as drawn; mutated in place by quotes, so these signals carry what the template needs. */
  private candles: Candle[] = [];
  private readonly candleCount = signal(0);
  private readonly range = signal<{ low: number; high: number } | null>(null);
  private readonly lastClose = signal<number | null>(null);

  private readonly quote = computed(() => {
    const key = this.instrumentKey();
    return key ? this.quotes.quote(key)() : null;
  });
  readonly lastPrice = computed(() => this.quote()?.lastPrice ?? this.lastClose() ?? this.knownLastPrice());
  protected readonly state = computed(() => {
    if (this.reads.error() && !this.reads.loaded()) return 'error';
    if (!this.reads.loaded()) return 'loading';
    return this.candleCount() === 0 ? 'empty' : 'ready';
  });
  protected readonly summary = computed(() =>
    describeChart({
      lastPrice: this.lastPrice(),
      limitPrice: this.limitPrice(),
      triggerPrice: this.triggerPrice(),
      range: this.reads.loaded() ? this.range() : undefined,
    }),
  );
  protected readonly rupees = formatRupees;

  constructor() {
    const watch = this.quotes.watch({ lease: true });
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      watch.release();
      this.drawing()?.destroy();
    });

    effect(() => {
      const key = this.instrumentKey();
      const interval = this.interval();
      untracked(() => {
        watch.set(key ? [key] : []);
        void this.load(key, interval);
      });
    });
    effect(() => {
      const quote = this.quote();
      if (quote) untracked(() => this.applyLive());
    });
    effect(() => {
      const drawing = this.drawing();
      const lines = { limit: this.limitPrice(), trigger: this.triggerPrice() };
      if (drawing) untracked(() => this.drawnLines.set(drawing.setLines(lines)));
    });

    afterNextRender(() => void this.createDrawing(destroyRef));
  }

  protected setInterval(interval: CandleInterval): void {
    this.interval.set(interval);
  }

  protected retry(): void {
    void this.load(this.instrumentKey(), this.interval());
  }

  private async load(key: string | null, interval: CandleInterval): Promise<void> {
    // A new instrument or interval: reads for the previous one no longer land.
    this.reads.reset();
    this.setCandles([]);
    if (!key) return;
    await this.reads.track(
      () => this.api.candles(key, interval),
      (view) => {
        this.setCandles([...view.candles].sort((a, b) => a.time - b.time));
        this.applyLive();
      },
    );
  }

  private setCandles(candles: Candle[]): void {
    this.candles = candles;
    this.drawing()?.setCandles(candles);
    this.candlesChanged();
  }

  /** The newest quote moves the last candle (or opens the next one). */
  private applyLive(): void {
    const quote = this.quote();
    if (!quote || !this.reads.loaded() || quote.instrumentKey !== this.instrumentKey()) return;
    const changed = applyQuote(this.candles, quote, this.interval());
    if (!changed) return;
    this.drawing()?.updateCandle(changed);
    this.candlesChanged();
  }

  private candlesChanged(): void {
    this.candleCount.set(this.candles.length);
    this.range.set(dayRange(this.candles));
    this.lastClose.set(this.candles[this.candles.length - 1]?.close ?? null);
  }

  private async createDrawing(destroyRef: DestroyRef): Promise<void> {
    let destroyed = false;
    destroyRef.onDestroy(() => (destroyed = true));
    try {
      const lib = await this.loadLibrary();
      if (destroyed) return;
      const drawing = new ChartDrawing(lib, this.canvas().nativeElement, readChartColors(this.host));
      drawing.setCandles(this.candles);
      this.drawing.set(drawing);
      this.followTheme(drawing, destroyRef);
    } catch {
      this.libraryError.set('The chart could not be loaded (reload the page to try again). The prices below are current.');
    }
  }

  /** Light and dark follow prefers-color-scheme: the theme variables change, the canvas needs telling. */
  private followTheme(drawing: ChartDrawing, destroyRef: DestroyRef): void {
    const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    if (!query) return;
    const onChange = () => drawing.applyColors(readChartColors(this.host));
    query.addEventListener('change', onChange);
    destroyRef.onDestroy(() => query.removeEventListener('change', onChange));
  }
}
