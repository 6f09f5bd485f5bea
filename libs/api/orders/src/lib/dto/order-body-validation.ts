import {
  FieldError,
  INSTRUMENT_KEY_PATTERN,
  InstrumentRules,
  ModifyOrderRequest,
  PlaceOrderRequest,
  TRANSACTION_TYPES,
  TransactionType,
  validateModifyOrder,
  validatePlaceOrder,
} from '@desk/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ModifyOrderDto, PlaceOrderDto } from './order.dto';

const PLACE_FIELDS: readonly (keyof PlaceOrderRequest)[] = [
  'instrumentKey', 'transactionType', 'quantity', 'orderType', 'product', 'validity',
  'price', 'triggerPrice', 'disclosedQuantity', 'tag', 'isAmo', 'marketProtection',
];
const MODIFY_FIELDS: readonly (keyof ModifyOrderRequest)[] = [
  'instrumentKey', 'transactionType', 'orderType', 'validity', 'quantity', 'price', 'triggerPrice', 'disclosedQuantity',
  'marketProtection',
];
/** What a modify in the Upstox sandbox must carry besides the type and its prices: the order cannot be read there. */
export const SANDBOX_MODIFY_FIELDS = ['instrumentKey', 'transactionType', 'quantity'] as const;

export type BodyCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One message per field. The shared rules speak first (the order form shows the same words);
 * the DTO decorators add what the rules do not cover (e.g. a wrong type for an optional field).
 * Unknown fields are refused: a misspelt `trigger_price` silently ignored could place a
 * different order than the one the caller meant.
 */
function merge(ruleErrors: FieldError[], dtoErrors: FieldError[], unknown: string[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const e of [...ruleErrors, ...dtoErrors]) if (!byField.has(e.field)) byField.set(e.field, e.message);
  for (const f of unknown) byField.set(f, `Unknown field '${f}'.`);
  return [...byField.entries()].map(([field, message]) => ({ field, message }));
}

function dtoErrors(cls: new () => object, body: Record<string, unknown>): FieldError[] {
  try {
    const instance = plainToInstance(cls, body);
    return validateSync(instance, { forbidUnknownValues: false }).map((e) => ({
      field: e.property,
      message: `Invalid value for ${e.property}: ${Object.values(e.constraints ?? {})[0] ?? 'not allowed'}.`,
    }));
  } catch {
    // A validator library bug must refuse the request, never turn it into a 500 or let it through.
    return [{ field: 'body', message: 'The request body could not be checked; send plain JSON values.' }];
  }
}

function unknownFields(body: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(body).filter((k) => !known.includes(k));
}

const NOT_AN_OBJECT: FieldError[] = [{ field: 'body', message: 'The request body must be a JSON object.' }];

export function checkPlaceOrderBody(body: unknown, instrument?: InstrumentRules): BodyCheck<PlaceOrderRequest> {
  if (!isPlainObject(body)) return { ok: false, errors: NOT_AN_OBJECT };
  const errors = merge(
    validatePlaceOrder(body, instrument),
    dtoErrors(PlaceOrderDto, body),
    unknownFields(body, PLACE_FIELDS),
  );
  if (errors.length > 0) return { ok: false, errors };
  const b = body as unknown as PlaceOrderRequest;
  const value: PlaceOrderRequest = {
    instrumentKey: b.instrumentKey,
    transactionType: b.transactionType,
    quantity: b.quantity,
    orderType: b.orderType,
    product: b.product,
    validity: b.validity,
    ...(b.price ? { price: b.price } : {}),
    ...(b.triggerPrice ? { triggerPrice: b.triggerPrice } : {}),
    ...(b.disclosedQuantity ? { disclosedQuantity: b.disclosedQuantity } : {}),
    ...(b.tag ? { tag: b.tag } : {}),
    ...(b.isAmo !== undefined && b.isAmo !== null ? { isAmo: b.isAmo } : {}),
    ...(b.marketProtection !== undefined && b.marketProtection !== null ? { marketProtection: b.marketProtection } : {}),
  };
  return { ok: true, value };
}

export interface ModifyCheckContext {
  instrument?: InstrumentRules;
  /** The order being changed, when it could be read: the body's instrument and side must match it. */
  order?: { instrumentKey: string; transactionType: TransactionType };
  /** The Upstox sandbox: the order cannot be read, so the body must carry the full new order. */
  fullOrder?: boolean;
}

function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

/** The instrument and side: optional (then the order's), never a change, required when the order cannot be read. */
function identityErrors(body: Record<string, unknown>, context: ModifyCheckContext | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const { instrumentKey, transactionType, quantity } = body;
  const order = context?.order;
  if (absent(instrumentKey)) {
    if (context?.fullOrder) errors.push({ field: 'instrumentKey', message: 'Required in the Upstox sandbox: the instrument of the order (e.g. NSE_EQ|INE002A01018).' });
  } else if (typeof instrumentKey !== 'string' || !INSTRUMENT_KEY_PATTERN.test(instrumentKey)) {
    errors.push({ field: 'instrumentKey', message: 'Choose an instrument (e.g. NSE_EQ|INE002A01018).' });
  } else if (order && instrumentKey !== order.instrumentKey) {
    errors.push({ field: 'instrumentKey', message: `This order is for ${order.instrumentKey}; a modify cannot change the instrument (place a new order instead).` });
  }
  if (absent(transactionType)) {
    if (context?.fullOrder) errors.push({ field: 'transactionType', message: 'Required in the Upstox sandbox: the side of the order, BUY or SELL.' });
  } else if (!(TRANSACTION_TYPES as readonly unknown[]).includes(transactionType)) {
    errors.push({ field: 'transactionType', message: 'Side must be BUY or SELL.' });
  } else if (order && transactionType !== order.transactionType) {
    errors.push({ field: 'transactionType', message: `This order is a ${order.transactionType}; a modify cannot change the side (cancel it and place a new order instead).` });
  }
  if (context?.fullOrder && absent(quantity)) {
    errors.push({ field: 'quantity', message: 'Required in the Upstox sandbox: the quantity the order should have after the change.' });
  }
  return errors;
}

/** The side the price rules (SL trigger side) use: the order's when it was read, else the body's when valid. */
function sideOf(body: Record<string, unknown>, context: ModifyCheckContext | undefined): TransactionType | undefined {
  if (context?.order) return context.order.transactionType;
  const t = body['transactionType'];
  return (TRANSACTION_TYPES as readonly unknown[]).includes(t) ? (t as TransactionType) : undefined;
}

export function checkModifyOrderBody(body: unknown, context?: ModifyCheckContext): BodyCheck<ModifyOrderRequest> {
  if (!isPlainObject(body)) return { ok: false, errors: NOT_AN_OBJECT };
  const errors = merge(
    [...identityErrors(body, context), ...validateModifyOrder({ ...body, transactionType: sideOf(body, context) }, context?.instrument)],
    dtoErrors(ModifyOrderDto, body),
    unknownFields(body, MODIFY_FIELDS),
  );
  if (errors.length > 0) return { ok: false, errors };
  const b = body as unknown as ModifyOrderRequest;
  const value: ModifyOrderRequest = {
    ...(b.instrumentKey ? { instrumentKey: b.instrumentKey } : {}),
    ...(b.transactionType ? { transactionType: b.transactionType } : {}),
    orderType: b.orderType,
    validity: b.validity,
    ...(b.quantity !== undefined && b.quantity !== null ? { quantity: b.quantity } : {}),
    ...(b.price ? { price: b.price } : {}),
    ...(b.triggerPrice ? { triggerPrice: b.triggerPrice } : {}),
    ...(b.disclosedQuantity !== undefined && b.disclosedQuantity !== null ? { disclosedQuantity: b.disclosedQuantity } : {}),
    ...(b.marketProtection !== undefined && b.marketProtection !== null ? { marketProtection: b.marketProtection } : {}),
  };
  return { ok: true, value };
}
