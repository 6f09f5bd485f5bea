import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Candle } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSource, FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { FakeChart } from '../../testing/fake-chart-library';
import { RELIANCE, candlesView, lease, quote } from '../../testing/market-fixtures';
import { CandleChart } from './candle-chart';
import { CHART_LIBRARY } from './chart-drawing';

const T0 = Date.parse('2026-12-01T04:00:00Z') / 1000;
/** The chart is given IST wall-clock times (see toChartTime). */
const IST_SECONDS = 330 * 60;
const bar = (time: number, low: number, high: number, close: number): Candle => ({ time, open: close, high, low, close, volume: 10 });

@Component({
  imports: [CandleChart],
  template: `<desk-candle-chart [instrumentKey]="key()" tradingSymbol="RELIANCE" [limitPrice]="limit()" [triggerPrice]="trigger()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly key = signal<string | null>(RELIANCE);
  readonly limit = signal<number | null>(null);
  readonly trigger = signal<number | null>(null);
}

describe('CandleChart', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;
  let chart: FakeChart;
  let source: FakeEventSource;

  beforeEach(async () => {
    jest.useFakeTimers();
    chart = new FakeChart();
    const fakes = new FakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        provideFakeEventSources(fakes),
        { provide: CHART_LIBRARY, useValue: () => Promise.resolve(chart.library()) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const events = TestBed.inject(DeskEvents);
    events.start();
    source = fakes.latest;
    source.open(upstreamStatus('live'));
    fixture = TestBed.createComponent(Host);
    await render();
  });

  afterEach(() => {
    fixture.destroy();
    jest.useRealTimers();
  });

  async function render(): Promise<void> {
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
  }

  const el = (): HTMLElement => fixture.nativeElement.querySelector('desk-candle-chart');
  const text = (testId: string): string => el().querySelector(`[data-testid=${testId}]`)?.textContent?.trim() ?? '';

  async function loadCandles(candles: Candle[]): Promise<void> {
    backend.expectOne({ method: 'POST', url: '/api/market/interest' }).flush(lease('L1', [RELIANCE]));
    const read = backend.expectOne((r) => r.url === '/api/market/candles');
    expect(read.request.params.get('instrumentKey')).toBe(RELIANCE);
    read.flush(candlesView(RELIANCE, candles, read.request.params.get('interval') as '1minute'));
    await render();
  }

  it('loads today\'s candles, draws them and states the facts in text', async () => {
    expect(el().getAttribute('data-state')).toBe('loading');
    expect(text('chart-loading')).toContain("Loading today's candles");
    await loadCandles([bar(T0, 1280.1, 1300, 1290), bar(T0 + 60, 1289, 1310, 1301.2)]);
    expect(el().getAttribute('data-state')).toBe('ready');
    expect(chart.data.map((b) => b.close)).toEqual([1290, 1301.2]);
    expect(text('chart-summary')).toBe("Last ₹1,301.20; today's range ₹1,280.10 – ₹1,310.00");
  });

  it('draws the limit and trigger lines where the form says and moves them as it changes', async () => {
    await loadCandles([bar(T0, 1280.1, 1310, 1301.2)]);
    fixture.componentInstance.limit.set(1295);
    await render();
    expect(chart.lines.get('Limit')).toBe(1295);
    expect(el().getAttribute('data-limit-line')).toBe('1295.00');
    expect(el().getAttribute('data-trigger-line')).toBeNull();
    expect(text('chart-summary')).toContain('your limit ₹1,295.00 is 0.48 % below the last price');

    fixture.componentInstance.limit.set(1320.5);
    fixture.componentInstance.trigger.set(1315);
    await render();
    expect(chart.lines.get('Limit')).toBe(1320.5);
    expect(chart.lines.get('Trigger')).toBe(1315);
    expect(el().getAttribute('data-limit-line')).toBe('1320.50');
    expect(el().getAttribute('data-trigger-line')).toBe('1315.00');

    fixture.componentInstance.trigger.set(null);
    await render();
    expect(chart.lines.has('Trigger')).toBe(false);
    expect(el().getAttribute('data-trigger-line')).toBeNull();
  });

  it('moves the live last candle with quotes', async () => {
    await loadCandles([bar(T0, 1280, 1300, 1290)]);
    source.emit('quote', { quotes: [quote(RELIANCE, 1305.5, new Date((T0 + 30) * 1000).toISOString())] }, 0);
    await render();
    expect(chart.updates.at(-1)).toMatchObject({ time: T0 + IST_SECONDS, close: 1305.5 });
    expect(text('chart-summary')).toBe("Last ₹1,305.50; today's range ₹1,280.00 – ₹1,305.50");
    expect(el().getAttribute('data-last-price')).toBe('1305.50');
  });

  it('says "No trades yet today" without candles, and shows the error with Try again when the read fails', async () => {
    await loadCandles([]);
    expect(text('chart-empty')).toBe('No trades yet today');

    // 5-minute: a new read, which fails.
    const buttons = Array.from(el().querySelectorAll<HTMLButtonElement>('[role=group] button'));
    buttons[1].click();
    await render();
    expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
    const read = backend.expectOne((r) => r.url === '/api/market/candles');
    expect(read.request.params.get('interval')).toBe('5minute');
    read.flush({ code: 'UPSTOX_UNAVAILABLE', title: 'Upstox Unavailable', message: 'Upstox did not answer.', nextStep: 'Try again.' }, { status: 503, statusText: 'x' });
    await render();
    expect(el().getAttribute('data-state')).toBe('error');
    expect(text('chart-error')).toContain('Upstox did not answer.');
    el().querySelector<HTMLButtonElement>('[data-testid=chart-error] button')?.click();
    await render();
    backend.expectOne((r) => r.url === '/api/market/candles').flush(candlesView(RELIANCE, [bar(T0, 1, 2, 1.5)], '5minute'));
    await render();
    expect(el().getAttribute('data-state')).toBe('ready');
  });

  it('releases the lease and removes the chart when it goes away', async () => {
    await loadCandles([bar(T0, 1280, 1300, 1290)]);
    fixture.destroy();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/L1' }).flush(null);
    expect(chart.removed).toBe(true);
  });
});
