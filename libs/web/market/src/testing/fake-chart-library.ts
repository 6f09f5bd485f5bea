import { ChartLibrary } from '../lib/candle-chart/chart-drawing';

/** Records what the chart code draws (jsdom has no canvas for the real lightweight-charts). Test code only. */
export class FakeChart {
  data: { time: number; close: number }[] = [];
  updates: { time: number; close: number }[] = [];
  lines = new Map<string, number>();
  removed = false;

  library(): ChartLibrary {
    const priceLines = (title: string) => ({
      applyOptions: (o: { price: number }) => this.lines.set(title, o.price),
    });
    const series = {
      setData: (bars: { time: number; close: number }[]) => (this.data = bars),
      update: (bar: { time: number; close: number }) => this.updates.push(bar),
      applyOptions: () => undefined,
      createPriceLine: (o: { price: number; title: string }) => {
        this.lines.set(o.title, o.price);
        return { ...priceLines(o.title), title: o.title };
      },
      removePriceLine: (line: { title: string }) => this.lines.delete(line.title),
    };
    const chart = {
      addSeries: () => series,
      applyOptions: () => undefined,
      timeScale: () => ({ fitContent: () => undefined }),
      remove: () => (this.removed = true),
    };
    return {
      createChart: () => chart,
      CandlestickSeries: {},
      ColorType: { Solid: 'solid' },
      LineStyle: { Solid: 0, Dashed: 2 },
    } as unknown as ChartLibrary;
  }
}
