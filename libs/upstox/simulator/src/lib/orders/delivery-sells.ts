import { SEEDED_HOLDINGS } from '../portfolio/portfolio';
import { isTerminal, SimOrder } from './order-model';
import type { OrderControls } from './order-controls';
import type { OrderStore } from './order-store';

/**
 * Delivery sells (issue 9 contract fix d). Selling shares from the demat account needs the shares, and a user
 * without DDPI/POA must first authorise the sale with CDSL TPIN + OTP (eDIS). Upstox documents no error code for
 * either refusal, so both are modelled like its other RMS checks (CONTRACT §3.1): the place call succeeds and the
 * order is then `rejected` with a status message. The texts are ours; the TPIN one names "CDSL TPIN", which the
 * dashboard recognises to explain the step.
 */
export const TPIN_REQUIRED_MESSAGE =
  'Delivery sell not authorised: CDSL TPIN authorisation is required to sell these shares (the account has no DDPI or POA).';

/** Only equity delivery is a sale of shares; product D on F&O/MCX is carry-forward (a short, not a sale). */
function isDeliverySell(order: SimOrder): boolean {
  const v = order.view;
  return v.product === 'D' && v.transaction_type === 'SELL' && order.instrument.record.segment.endsWith('_EQ');
}

/**
 * Shares of this order's instrument the user can still sell: demat holdings + today's delivery buys, less today's
 * delivery sells (filled, and still working in other orders).
 */
export function sellableShares(order: SimOrder, store: OrderStore): number {
  const key = order.instrument.record.instrument_key;
  const held = SEEDED_HOLDINGS.filter((h) => h.symbol === order.instrument.record.trading_symbol && order.instrument.record.segment === 'NSE_EQ')
    .reduce((sum, h) => sum + h.quantity, 0);
  let bought = 0;
  let sold = 0;
  for (const t of store.tradesForUser(order.userId)) {
    if (t.view.instrument_token !== key || t.view.product !== 'D') continue;
    if (t.view.transaction_type === 'BUY') bought += t.view.quantity;
    else sold += t.view.quantity;
  }
  const working = store
    .forUser(order.userId)
    .filter((o) => o !== order && isDeliverySell(o) && o.view.instrument_token === key && !isTerminal(o))
    .reduce((sum, o) => sum + o.view.pending_quantity, 0);
  return held + bought - sold - working;
}

/** Why a delivery sell is refused, or null. Holdings first: without the shares, an authorisation would not help. */
export function deliverySellRefusal(order: SimOrder, store: OrderStore, controls: OrderControls): string | null {
  if (!isDeliverySell(order)) return null;
  const sellable = Math.max(0, sellableShares(order, store));
  if (order.view.quantity > sellable) {
    return `Insufficient holdings: you can sell ${sellable} shares of ${order.instrument.record.trading_symbol} (holdings and today's delivery buys, less sells already placed); this order is for ${order.view.quantity}.`;
  }
  // Simplification: every delivery sell needs the authorisation (Upstox asks only for shares already in demat).
  if (!controls.ddpi && !controls.tpinAuthorised) return TPIN_REQUIRED_MESSAGE;
  return null;
}
