// @desk/web/market/chart: the candle chart, for dialogs that load on first open (Place Order, the chart dialog).
// Kept out of the lib's main entry so the dashboard's first load does not carry it.
export * from './lib/candle-chart/candle-chart';
export * from './lib/candle-chart/chart-drawing';
export * from './lib/candle-chart/chart-summary';
export * from './lib/candle-chart/live-candles';
