import { FieldError } from './errors';
import { INSTRUMENT_KEY_PATTERN } from './instruments';
import { hasAtMostTwoDecimals, isOnTick, formatRupees } from './money';
import {
  MARKET_PROTECTION,
  ModifyOrderRequest,
  ORDER_TYPES,
  OrderType,
  PlaceOrderRequest,
  PRODUCTS,
  TRANSACTION_TYPES,
  usesMarketProtection,
  VALIDITIES,
} from './orders';

/**
 * The order rules, as pure functions. The api's DTO validation and the Angular form both call
 * these, so a trader sees the same message in the form as a script gets from the REST API.
 */

/** What the rules need to know about the instrument, when the api or the form knows it. */
export interface InstrumentRules {
  lotSize: number;
  /** In rupees. */
  tickSize: number;
}

export const ORDER_LIMITS = {
  maxQuantity: 1_000_000,
  maxPrice: 10_000_000,
  maxTagLength: 20,
  tagPattern: /^[A-Za-z0-9_-]*$/,
} as const;

export function needsPrice(orderType: OrderType): boolean {
  return orderType === 'LIMIT' || orderType === 'SL';
}

export function needsTriggerPrice(orderType: OrderType): boolean {
  return orderType === 'SL' || orderType === 'SL-M';
}

type Loose<T> = { [K in keyof T]?: unknown };

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function oneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

function checkQuantity(quantity: unknown, instrument: InstrumentRules | undefined, errors: FieldError[]): void {
  if (!isPositiveInteger(quantity)) {
    errors.push({ field: 'quantity', message: 'Quantity must be a whole number greater than 0.' });
  } else if (quantity > ORDER_LIMITS.maxQuantity) {
    errors.push({ field: 'quantity', message: `Quantity must be at most ${ORDER_LIMITS.maxQuantity}.` });
  } else if (instrument && instrument.lotSize > 1 && quantity % instrument.lotSize !== 0) {
    errors.push({
      field: 'quantity',
      message: `Quantity must be a multiple of the lot size ${instrument.lotSize}.`,
    });
  }
}

function checkPriceField(
  field: 'price' | 'triggerPrice',
  label: string,
  value: unknown,
  required: boolean,
  orderType: string,
  instrument: InstrumentRules | undefined,
  errors: FieldError[],
): void {
  const absent = value === undefined || value === null || value === 0;
  if (!required) {
    if (!absent) errors.push({ field, message: `${label} must be empty for ${orderType} orders.` });
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    errors.push({ field, message: `${label} is required and must be greater than 0 for ${orderType} orders.` });
  } else if (value > ORDER_LIMITS.maxPrice) {
    errors.push({ field, message: `${label} must be at most ${formatRupees(ORDER_LIMITS.maxPrice)}.` });
  } else if (!hasAtMostTwoDecimals(value)) {
    errors.push({ field, message: `${label} can have at most 2 decimals.` });
  } else if (instrument && !isOnTick(value, instrument.tickSize)) {
    errors.push({ field, message: `${label} must be a multiple of the tick size ${formatRupees(instrument.tickSize)}.` });
  }
}

/** The price and trigger rules shared by place and modify. */
function checkPrices(
  input: { orderType?: unknown; price?: unknown; triggerPrice?: unknown; transactionType?: unknown },
  instrument: InstrumentRules | undefined,
  errors: FieldError[],
): void {
  if (!oneOf(ORDER_TYPES, input.orderType)) return;
  const orderType = input.orderType;
  checkPriceField('price', 'Price', input.price, needsPrice(orderType), orderType, instrument, errors);
  checkPriceField('triggerPrice', 'Trigger price', input.triggerPrice, needsTriggerPrice(orderType), orderType, instrument, errors);
  if (orderType !== 'SL' || errors.some((e) => e.field === 'price' || e.field === 'triggerPrice')) return;
  const price = input.price as number;
  const trigger = input.triggerPrice as number;
  // A stop-loss buy triggers as the price rises to the trigger, then rests as a limit at or above it;
  // a stop-loss sell is the mirror image. Anything else is rejected by the exchange.
  if (input.transactionType === 'BUY' && trigger > price) {
    errors.push({ field: 'triggerPrice', message: 'For an SL buy, the trigger price must not be above the price.' });
  }
  if (input.transactionType === 'SELL' && trigger < price) {
    errors.push({ field: 'triggerPrice', message: 'For an SL sell, the trigger price must not be below the price.' });
  }
}

function checkDisclosed(disclosed: unknown, quantity: unknown, errors: FieldError[]): void {
  if (disclosed === undefined || disclosed === null) return;
  if (!isNonNegativeInteger(disclosed)) {
    errors.push({ field: 'disclosedQuantity', message: 'Disclosed quantity must be a whole number, 0 or more.' });
  } else if (isPositiveInteger(quantity) && disclosed > quantity) {
    errors.push({ field: 'disclosedQuantity', message: 'Disclosed quantity cannot exceed the quantity.' });
  }
}

/** -1 (automatic) or 0-25 percent with at most 2 decimals, and only on MARKET and SL-M orders. */
function checkMarketProtection(value: unknown, orderType: unknown, errors: FieldError[]): void {
  if (value === undefined || value === null) return;
  if (oneOf(ORDER_TYPES, orderType) && !usesMarketProtection(orderType)) {
    errors.push({ field: 'marketProtection', message: `Market protection applies only to MARKET and SL-M orders; leave it empty for ${orderType}.` });
    return;
  }
  const ok =
    typeof value === 'number' &&
    (value === MARKET_PROTECTION.automatic ||
      (value >= MARKET_PROTECTION.min && value <= MARKET_PROTECTION.max && hasAtMostTwoDecimals(value)));
  if (!ok) {
    errors.push({
      field: 'marketProtection',
      message: `Market protection must be -1 (Upstox's automatic band) or a percentage from ${MARKET_PROTECTION.min} to ${MARKET_PROTECTION.max}.`,
    });
  }
}

export function validatePlaceOrder(
  input: Loose<PlaceOrderRequest>,
  instrument?: InstrumentRules,
): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof input.instrumentKey !== 'string' || !INSTRUMENT_KEY_PATTERN.test(input.instrumentKey)) {
    errors.push({ field: 'instrumentKey', message: 'Choose an instrument (e.g. NSE_EQ|INE002A01018).' });
  }
  if (!oneOf(TRANSACTION_TYPES, input.transactionType)) {
    errors.push({ field: 'transactionType', message: 'Side must be BUY or SELL.' });
  }
  checkQuantity(input.quantity, instrument, errors);
  if (!oneOf(ORDER_TYPES, input.orderType)) {
    errors.push({ field: 'orderType', message: 'Order type must be MARKET, LIMIT, SL or SL-M.' });
  }
  if (!oneOf(PRODUCTS, input.product)) {
    errors.push({ field: 'product', message: 'Product must be I (intraday), D (delivery) or MTF.' });
  }
  if (!oneOf(VALIDITIES, input.validity)) {
    errors.push({ field: 'validity', message: 'Validity must be DAY or IOC.' });
  }
  checkPrices(input, instrument, errors);
  checkDisclosed(input.disclosedQuantity, input.quantity, errors);
  checkMarketProtection(input.marketProtection, input.orderType, errors);
  if (input.tag !== undefined && input.tag !== null) {
    if (typeof input.tag !== 'string' || input.tag.length > ORDER_LIMITS.maxTagLength || !ORDER_LIMITS.tagPattern.test(input.tag)) {
      errors.push({
        field: 'tag',
        message: `Tag can have at most ${ORDER_LIMITS.maxTagLength} letters, digits, '-' or '_'.`,
      });
    }
  }
  if (input.isAmo !== undefined && typeof input.isAmo !== 'boolean') {
    errors.push({ field: 'isAmo', message: 'AMO must be true or false.' });
  }
  return errors;
}

export function validateModifyOrder(
  input: Loose<ModifyOrderRequest> & { transactionType?: unknown },
  instrument?: InstrumentRules,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!oneOf(ORDER_TYPES, input.orderType)) {
    errors.push({ field: 'orderType', message: 'Order type must be MARKET, LIMIT, SL or SL-M.' });
  }
  if (!oneOf(VALIDITIES, input.validity)) {
    errors.push({ field: 'validity', message: 'Validity must be DAY or IOC.' });
  }
  if (input.quantity !== undefined) checkQuantity(input.quantity, instrument, errors);
  checkPrices(input, instrument, errors);
  checkDisclosed(input.disclosedQuantity, input.quantity, errors);
  checkMarketProtection(input.marketProtection, input.orderType, errors);
  return errors;
}
