import { createHash } from 'node:crypto';
import { PlaceOrderRequest } from '@desk/contracts';

/**
 * The order fields in one canonical form: defaults filled in (an absent price and a price of 0
 * mean the same to Upstox), fixed key order. Two bodies that would place the same order have the
 * same canonical form, so a retry with the same Idempotency-Key is recognised as the same request.
 */
export function canonicalOrder(o: PlaceOrderRequest): PlaceOrderRequest {
  return {
    instrumentKey: o.instrumentKey,
    transactionType: o.transactionType,
    quantity: o.quantity,
    orderType: o.orderType,
    product: o.product,
    validity: o.validity,
    price: o.price ?? 0,
    triggerPrice: o.triggerPrice ?? 0,
    disclosedQuantity: o.disclosedQuantity ?? 0,
    tag: o.tag ?? '',
    isAmo: o.isAmo ?? false,
    // Only when given: fingerprints of orders journalled before the field existed stay the same.
    ...(o.marketProtection !== undefined ? { marketProtection: o.marketProtection } : {}),
  };
}

/** SHA-256 (hex) of the canonical order: compared when an Idempotency-Key is reused. */
export function orderFingerprint(o: PlaceOrderRequest): string {
  return createHash('sha256').update(JSON.stringify(canonicalOrder(o))).digest('hex');
}
