import {
  FieldError,
  Instrument,
  OrderType,
  PlaceOrderRequest,
  Product,
  TransactionType,
  Validity,
  needsPrice,
  needsTriggerPrice,
  toPaise,
  usesMarketProtection,
} from '@desk/contracts';

/**
 * What the Place Order dialog starts with when opened for a purpose (e.g. Exit from a position):
 * the instrument is looked up by its key; the user still reviews and confirms.
 */
export interface PlaceOrderPrefill {
  instrumentKey: string;
  tradingSymbol: string;
  transactionType: TransactionType;
  quantity: number;
  product: Product;
  /** Shown above the form, e.g. "Exit position: SELL 10 RELIANCE (Delivery)". */
  purpose: string;
}

export interface PlaceOrderData {
  prefill?: PlaceOrderPrefill;
}

/** What the Place Order form holds; numbers are null while their input is empty. */
export interface OrderFormValue {
  transactionType: TransactionType;
  quantity: number | null;
  orderType: OrderType;
  product: Product;
  validity: Validity;
  price: number | null;
  triggerPrice: number | null;
  isAmo: boolean;
  /** MARKET and SL-M: -1 = Upstox's automatic band, else 0-25 %. */
  marketProtection: number | null;
}

/** A request as the user has it so far: possibly invalid, checked by validatePlaceOrder. */
export type DraftOrder = { [K in keyof PlaceOrderRequest]?: unknown };

/**
 * The request the form would send. Price and trigger are sent only when the order type uses
 * them, so a hidden field can never carry a stale value to Upstox.
 */
export function draftFromForm(value: OrderFormValue, instrument: Instrument | null): DraftOrder {
  const draft: DraftOrder = {
    instrumentKey: instrument?.instrumentKey,
    transactionType: value.transactionType,
    quantity: value.quantity ?? undefined,
    orderType: value.orderType,
    product: value.product,
    validity: value.validity,
    isAmo: value.isAmo,
  };
  if (needsPrice(value.orderType)) draft.price = value.price ?? undefined;
  if (needsTriggerPrice(value.orderType)) draft.triggerPrice = value.triggerPrice ?? undefined;
  if (usesMarketProtection(value.orderType)) draft.marketProtection = value.marketProtection ?? undefined;
  return draft;
}

/** The confirmation's wording for a market protection value. */
export function describeMarketProtection(value: number): string {
  if (value === -1) return 'Automatic (Upstox sets the band)';
  if (value === 0) return 'None (0 %)';
  return `${value} % from the last price`;
}

/** The first message per field, for showing under each input. */
export function messagesByField(errors: FieldError[]): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {};
  for (const error of errors) byField[error.field] ??= error.message;
  return byField;
}

export interface OrderEstimate {
  /** In rupees; null when no price is known (a market order without a last price). */
  amount: number | null;
  basis: string;
}

/**
 * Roughly what the order is worth, computed in paise so no float artefacts appear. `lastPrice` is the live one the
 * dialog shows beside the instrument, not the price the search answered with (seconds or minutes older).
 */
export function estimateOrderValue(request: PlaceOrderRequest, lastPrice: number | null): OrderEstimate {
  const at = (price: number, basis: string): OrderEstimate => ({
    amount: (request.quantity * toPaise(price)) / 100,
    basis,
  });
  if (needsPrice(request.orderType) && request.price) return at(request.price, 'at your limit price');
  if (request.orderType === 'SL-M' && request.triggerPrice) return at(request.triggerPrice, 'at the trigger price');
  if (lastPrice) return at(lastPrice, 'at the last traded price');
  return { amount: null, basis: 'the market price is not known yet' };
}

/**
 * One Idempotency-Key per submit intent: retrying the same request reuses it (so the api can
 * tell a retry from a new order); a changed request, or a new intent after a clear outcome, gets
 * a fresh key.
 */
export class SubmitIntent {
  private fingerprint: string | null = null;
  private key: string | null = null;

  keyFor(request: PlaceOrderRequest): string {
    const fingerprint = JSON.stringify(request);
    if (this.key === null || fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.key = newIdempotencyKey();
    }
    return this.key;
  }

  /** The intent is settled (placed or definitely rejected): the next submit is a new one. */
  settle(): void {
    this.fingerprint = null;
    this.key = null;
  }
}

function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
