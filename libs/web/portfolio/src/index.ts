export * from './lib/portfolio-api';
export * from './lib/account-section';
export * from './lib/portfolio-store';
export * from './lib/pnl-format';
export * from './lib/table-sort';
export * from './lib/exit-position';
export * from './lib/positions-panel/positions-panel';
export * from './lib/holdings-panel/holdings-panel';
