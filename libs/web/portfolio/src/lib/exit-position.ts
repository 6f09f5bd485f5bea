import { PRODUCTS, PRODUCT_LABELS, Position, Product } from '@desk/contracts';
import { PlaceOrderPrefill } from '@desk/web/orders';

function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/**
 * The order that closes a position: the opposite side, the whole net quantity, the same product and
 * instrument. Null when there is nothing to close, or the product is one the Place Order form cannot
 * send (it would silently become another product).
 */
export function exitPrefill(position: Position): PlaceOrderPrefill | null {
  if (position.quantity === 0 || !isProduct(position.product)) return null;
  const transactionType = position.quantity > 0 ? 'SELL' : 'BUY';
  const quantity = Math.abs(position.quantity);
  const product = position.product;
  return {
    instrumentKey: position.instrumentKey,
    tradingSymbol: position.tradingSymbol,
    transactionType,
    quantity,
    product,
    purpose: `Exit position: ${transactionType} ${quantity} ${position.tradingSymbol} (${PRODUCT_LABELS[product]})`,
  };
}

/** Why a row has no Exit, for its tooltip. */
export function exitUnavailableReason(position: Position): string | null {
  if (position.quantity === 0) return 'This position is closed.';
  if (!isProduct(position.product)) return `Exit is not available for product ${position.product}: place the order in the Upstox app.`;
  return null;
}
