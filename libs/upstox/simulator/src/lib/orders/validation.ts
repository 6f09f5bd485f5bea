import { ErrorDetail, UpstoxHttpError } from '../envelope';
import { SimInstrument, wireToUnits } from '../market/instruments';
import type { OrderType, TransactionType, Validity } from './order-model';

/** A place request that passed the synchronous checks (CONTRACT §5.1 / §5.2). */
export interface PlaceRequest {
  quantity: number;
  product: string;
  validity: Validity;
  price: number;
  tag: string | null;
  instrument: SimInstrument;
  order_type: OrderType;
  transaction_type: TransactionType;
  disclosed_quantity: number;
  trigger_price: number;
  is_amo: boolean;
  slice: boolean;
  market_protection: number | null;
}

export interface ModifyRequest {
  order_id: string;
  order_type: OrderType;
  validity: Validity;
  price: number;
  trigger_price: number;
  quantity: number | null;
  disclosed_quantity: number | null;
  /** null = keep the order's value. */
  market_protection: number | null;
}

const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'];
const VALIDITIES = ['DAY', 'IOC'];
const PRODUCTS = ['I', 'D', 'MTF'];
const TRANSACTION_TYPES = ['BUY', 'SELL'];
const ORDER_ID_PATTERN = /^[-a-zA-Z0-9]+$/;

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNumber(v) && Number.isInteger(v);

function invalid(path: string, value: unknown, message = 'Invalid input passed to the API'): ErrorDetail {
  return { code: 'UDAPI100038', message, propertyPath: path, invalidValue: value === undefined ? null : value };
}

function asBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid input passed to the API');
  }
  return body as Record<string, unknown>;
}

function checkOrderType(b: Record<string, unknown>, errors: ErrorDetail[]): void {
  const v = b['order_type'];
  if (!present(v)) errors.push({ code: 'UDAPI1004', message: 'Valid order type is required', propertyPath: 'order_type', invalidValue: v ?? null });
  else if (!ORDER_TYPES.includes(v as string)) errors.push({ code: 'UDAPI1056', message: "The 'order_type' is invalid", propertyPath: 'order_type', invalidValue: v });
}

function checkValidity(b: Record<string, unknown>, errors: ErrorDetail[]): void {
  const v = b['validity'];
  if (!present(v)) errors.push({ code: 'UDAPI1007', message: 'Validity is required', propertyPath: 'validity', invalidValue: v ?? null });
  else if (!VALIDITIES.includes(v as string)) errors.push({ code: 'UDAPI1055', message: "The 'validity' is invalid", propertyPath: 'validity', invalidValue: v });
}

function checkPrices(b: Record<string, unknown>, errors: ErrorDetail[]): void {
  for (const field of ['price', 'trigger_price']) {
    const v = b[field];
    if (!isNumber(v) || v < 0) errors.push(invalid(field, v));
  }
  if (errors.length) return;
  const type = b['order_type'];
  if ((type === 'LIMIT' || type === 'SL') && (b['price'] as number) <= 0) {
    errors.push(invalid('price', b['price'], 'Price must be greater than zero for LIMIT and SL orders'));
  }
  if ((type === 'SL' || type === 'SL-M') && (b['trigger_price'] as number) <= 0) {
    errors.push(invalid('trigger_price', b['trigger_price'], 'Trigger price is required for SL and SL-M orders'));
  }
}

/** `market_protection` (place v2/v3 and modify v3, CONTRACT §5.2/§5.3): optional, -1..25; above 25 is UDAPI1159. */
function checkMarketProtection(protection: unknown, errors: ErrorDetail[]): void {
  if (!present(protection)) return;
  if (!isNumber(protection) || protection < -1) errors.push(invalid('market_protection', protection));
  else if (protection > 25) {
    errors.push({ code: 'UDAPI1159', message: 'Market protection cannot be more than 25', propertyPath: 'market_protection', invalidValue: protection });
  }
}

/**
 * Since the exchanges' 1 April 2026 rules Upstox refuses MARKET and SL-M orders sent without `market_protection`
 * (CONTRACT §3.1 UDAPI1158, §5.2). Only an absent value counts as "without": 0 (none) and -1 (automatic) are
 * values the trader chose. Checked after the field checks, so a bad value is reported as such first.
 */
export function marketProtectionMissing(orderType: unknown, protection: number | null): UpstoxHttpError | null {
  if ((orderType !== 'MARKET' && orderType !== 'SL-M') || protection !== null) return null;
  return UpstoxHttpError.of(
    400,
    'UDAPI1158',
    'Market orders are not allowed. Try placing an order with market protection.',
    'market_protection',
    null,
  );
}

/** Synchronous checks of a place body; every problem is reported, each with its property_path. */
export function validatePlace(
  body: unknown,
  findInstrument: (key: string) => SimInstrument | undefined,
  version: 'v2' | 'v3',
): PlaceRequest {
  const b = asBody(body);
  const errors: ErrorDetail[] = [];

  const quantity = b['quantity'];
  if (quantity === 0) errors.push({ code: 'UDAPI1052', message: 'Order quantity cannot be zero', propertyPath: 'quantity', invalidValue: 0 });
  else if (!isInt(quantity) || quantity < 0) errors.push(invalid('quantity', quantity));

  if (!PRODUCTS.includes(b['product'] as string)) errors.push(invalid('product', b['product']));
  checkValidity(b, errors);
  checkOrderType(b, errors);
  if (!TRANSACTION_TYPES.includes(b['transaction_type'] as string)) errors.push(invalid('transaction_type', b['transaction_type']));

  const key = b['instrument_token'];
  let instrument: SimInstrument | undefined;
  if (!present(key)) {
    errors.push({ code: 'UDAPI1026', message: 'Instrument key is required', propertyPath: 'instrument_token', invalidValue: key ?? null });
  } else {
    instrument = typeof key === 'string' ? findInstrument(key) : undefined;
    if (!instrument) {
      // CONTRACT §3.1: UDAPI100011 "Invalid Instrument key" is the unknown key; UDAPI1026 is the missing one.
      errors.push({ code: 'UDAPI100011', message: 'Invalid Instrument key', propertyPath: 'instrument_token', invalidValue: key });
    } else if (!instrument.tradable) {
      // A known key that cannot be ordered (an index): refused as an invalid instrument for an order.
      errors.push({ code: 'UDAPI1026', message: 'Invalid instrument key', propertyPath: 'instrument_token', invalidValue: key });
    }
  }

  const disclosed = b['disclosed_quantity'];
  if (!isInt(disclosed) || disclosed < 0) errors.push(invalid('disclosed_quantity', disclosed));
  if (typeof b['is_amo'] !== 'boolean') errors.push(invalid('is_amo', b['is_amo']));
  checkPrices(b, errors);

  const tag = b['tag'];
  if (present(tag) && typeof tag !== 'string') errors.push(invalid('tag', tag));
  else if (typeof tag === 'string' && tag.length > 40) {
    errors.push({ code: 'UDAPI1119', message: 'Tag length should not exceed 40 characters', propertyPath: 'tag', invalidValue: tag });
  }

  const protection = b['market_protection'];
  checkMarketProtection(protection, errors);
  const slice = b['slice'];
  if (version === 'v3' && present(slice) && typeof slice !== 'boolean') errors.push(invalid('slice', slice));

  if (errors.length) throw new UpstoxHttpError(400, errors);
  const missing = marketProtectionMissing(b['order_type'], isNumber(protection) ? protection : null);
  if (missing) throw missing;
  return {
    // MCX quantities are lots on the wire (CONTRACT §5.1); from here on the order holds units, as Upstox reports them.
    quantity: wireToUnits(instrument as SimInstrument, quantity as number),
    product: b['product'] as string,
    validity: b['validity'] as Validity,
    price: b['price'] as number,
    tag: typeof tag === 'string' && tag.length ? tag : null,
    instrument: instrument as SimInstrument,
    order_type: b['order_type'] as OrderType,
    transaction_type: b['transaction_type'] as TransactionType,
    disclosed_quantity: disclosed as number,
    trigger_price: b['trigger_price'] as number,
    is_amo: b['is_amo'] as boolean,
    slice: version === 'v3' && slice === true,
    market_protection: isNumber(protection) ? protection : null,
  };
}

/** order_id from a query string or body: UDAPI1023 when missing, UDAPI1010 when malformed. */
export function requireOrderId(value: unknown): string {
  if (!present(value)) throw UpstoxHttpError.of(400, 'UDAPI1023', 'Order id is required', 'order_id', value ?? null);
  if (typeof value !== 'string' || !ORDER_ID_PATTERN.test(value)) {
    throw UpstoxHttpError.of(400, 'UDAPI1010', "Order id accepts only alphanumeric characters and '-'", 'order_id', value);
  }
  return value;
}

/** CONTRACT §5.3: order_id, order_type, price, trigger_price and validity are required. */
export function validateModify(body: unknown): ModifyRequest {
  const b = asBody(body);
  const orderId = requireOrderId(b['order_id']);
  const errors: ErrorDetail[] = [];
  checkOrderType(b, errors);
  checkValidity(b, errors);
  checkPrices(b, errors);
  const quantity = b['quantity'];
  if (present(quantity) && (!isInt(quantity) || quantity <= 0)) {
    errors.push(quantity === 0 ? { code: 'UDAPI1052', message: 'Order quantity cannot be zero', propertyPath: 'quantity', invalidValue: 0 } : invalid('quantity', quantity));
  }
  // CONTRACT §5.3: disclosed_quantity is optional on modify, but "if provided must be non-zero".
  const disclosed = b['disclosed_quantity'];
  if (present(disclosed) && (!isInt(disclosed) || disclosed <= 0)) {
    errors.push(invalid('disclosed_quantity', disclosed, 'Disclosed quantity, when given, must be greater than zero'));
  }
  const protection = b['market_protection'];
  checkMarketProtection(protection, errors);
  if (errors.length) throw new UpstoxHttpError(400, errors);
  return {
    order_id: orderId,
    order_type: b['order_type'] as OrderType,
    validity: b['validity'] as Validity,
    price: b['price'] as number,
    trigger_price: b['trigger_price'] as number,
    quantity: isInt(quantity) ? quantity : null,
    disclosed_quantity: isInt(disclosed) ? disclosed : null,
    market_protection: isNumber(protection) ? protection : null,
  };
}
