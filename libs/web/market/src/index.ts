export * from './lib/market-api';
export * from './lib/quotes-store';
export * from './lib/market-status-store';
export * from './lib/market-hours-store';
export * from './lib/market-hours-text';
export * from './lib/market-phase-badge';
export { MarketDialogs } from './lib/market-dialogs';
export type { ChartDialogData } from './lib/chart-dialog';
// The candle chart has its own entry, @desk/web/market/chart (loaded with the dialogs that show it).
