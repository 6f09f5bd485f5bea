/** What the dashboard knows about whether an order could go out now. */
export interface TradingState {
  connected: boolean;
  /** The daily token died: reads go on with the extended token, but nothing can be placed, modified or cancelled. */
  readOnly: boolean;
  /** The desk's own api gave no answer to its last status read: an order typed now could not be sent. */
  deskUnreachable: boolean;
}

/**
 * Why a button that starts an order (Place Order, a position's Exit) is disabled, for its tooltip; null while it can
 * be used. One answer for every such button, so they are never enabled and disabled by different rules.
 */
export function tradingBlockedBy(state: TradingState): string | null {
  if (state.deskUnreachable) return 'Upstox Desk is not answering: check that `npm start` is still running.';
  if (state.readOnly) return 'Reconnect to trade';
  return state.connected ? null : 'Connect Upstox first';
}
