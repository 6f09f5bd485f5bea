import { PlaceOrderRequest, formatRupees, needsTriggerPrice } from '@desk/contracts';
import { distanceFromLast } from '@desk/web/market/chart';

/**
 * How far a limit price may sit from the last price before the confirmation asks the trader to look again. A
 * slipped digit (₹245 for ₹2,450) is far beyond it; an ordinary limit a few ticks away is well within it.
 */
export const FAR_FROM_LAST_PRICE = 0.1;

export interface PriceWarning {
  field: 'price' | 'triggerPrice';
  message: string;
}

type PricedRequest = Pick<PlaceOrderRequest, 'transactionType' | 'orderType' | 'price' | 'triggerPrice'>;

/**
 * What the confirmation says about the order's prices against the live last price: a limit far from the market
 * (a typo, or an order that fills at once at a worse price than meant) and a stop-loss trigger already crossed
 * (it triggers the moment it arrives). Nothing when no last price is known: the order is then shown as it is.
 */
export function priceWarnings(request: PricedRequest, lastPrice: number | null): PriceWarning[] {
  if (lastPrice === null || !(lastPrice > 0)) return [];
  const warnings: PriceWarning[] = [];
  if (request.orderType === 'LIMIT' && request.price) {
    const warning = limitWarning(request.transactionType, request.price, lastPrice);
    if (warning) warnings.push({ field: 'price', message: warning });
  }
  if (needsTriggerPrice(request.orderType) && request.triggerPrice) {
    const warning = crossedTriggerWarning(request.transactionType, request.triggerPrice, lastPrice);
    if (warning) warnings.push({ field: 'triggerPrice', message: warning });
  }
  return warnings;
}

function limitWarning(side: PlaceOrderRequest['transactionType'], price: number, lastPrice: number): string | null {
  const away = (price - lastPrice) / lastPrice;
  if (Math.abs(away) <= FAR_FROM_LAST_PRICE) return null;
  // The chart beside it says the same distance in the same words.
  const where = `Your limit price ${formatRupees(price)} is ${distanceFromLast(price, lastPrice)} (${formatRupees(lastPrice)}).`;
  // A buy above the market or a sell below it is marketable: it trades at once, as far as the limit allows.
  const marketable = side === 'BUY' ? away > 0 : away < 0;
  const consequence = !marketable
    ? `The order waits until the price ${away > 0 ? 'rises' : 'falls'} that far.`
    : side === 'BUY'
      ? `A BUY limit above the market trades at once, at any price up to ${formatRupees(price)}.`
      : `A SELL limit below the market trades at once, at any price down to ${formatRupees(price)}.`;
  return `${where} ${consequence} Check it is the price you meant.`;
}

function crossedTriggerWarning(side: PlaceOrderRequest['transactionType'], trigger: number, lastPrice: number): string | null {
  const crossed = side === 'BUY' ? trigger <= lastPrice : trigger >= lastPrice;
  if (!crossed) return null;
  const moves = side === 'BUY' ? 'rises' : 'falls';
  const where = side === 'BUY' ? 'at or below' : 'at or above';
  return (
    `A ${side} stop-loss triggers when the price ${moves} to its trigger. This trigger ${formatRupees(trigger)} is ${where} ` +
    `the last price ${formatRupees(lastPrice)}, so it triggers as soon as it reaches the exchange (or the exchange refuses it). ` +
    `Check the trigger, or use a LIMIT order to trade now.`
  );
}
