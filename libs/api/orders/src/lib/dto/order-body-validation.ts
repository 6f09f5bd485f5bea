import {
  FieldError,
  InstrumentRules,
  ModifyOrderRequest,
  PlaceOrderRequest,
  validateModifyOrder,
  validatePlaceOrder,
} from '@desk/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ModifyOrderDto, PlaceOrderDto } from './order.dto';

const PLACE_FIELDS: readonly (keyof PlaceOrderRequest)[] = [
  'instrumentKey', 'transactionType', 'quantity', 'orderType', 'product', 'validity',
  'price', 'triggerPrice', 'disclosedQuantity', 'tag', 'isAmo',
];
const MODIFY_FIELDS: readonly (keyof ModifyOrderRequest)[] = [
  'orderType', 'validity', 'quantity', 'price', 'triggerPrice', 'disclosedQuantity',
];

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
  };
  return { ok: true, value };
}

export function checkModifyOrderBody(
  body: unknown,
  context?: { instrument?: InstrumentRules; transactionType?: string },
): BodyCheck<ModifyOrderRequest> {
  if (!isPlainObject(body)) return { ok: false, errors: NOT_AN_OBJECT };
  const errors = merge(
    validateModifyOrder({ ...body, transactionType: context?.transactionType }, context?.instrument),
    dtoErrors(ModifyOrderDto, body),
    unknownFields(body, MODIFY_FIELDS),
  );
  if (errors.length > 0) return { ok: false, errors };
  const b = body as unknown as ModifyOrderRequest;
  const value: ModifyOrderRequest = {
    orderType: b.orderType,
    validity: b.validity,
    ...(b.quantity !== undefined && b.quantity !== null ? { quantity: b.quantity } : {}),
    ...(b.price ? { price: b.price } : {}),
    ...(b.triggerPrice ? { triggerPrice: b.triggerPrice } : {}),
    ...(b.disclosedQuantity !== undefined && b.disclosedQuantity !== null ? { disclosedQuantity: b.disclosedQuantity } : {}),
  };
  return { ok: true, value };
}
