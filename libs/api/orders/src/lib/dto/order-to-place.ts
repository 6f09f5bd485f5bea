import type { Instrument, PlaceOrderRequest } from '@desk/contracts';
import { rulesOf } from '../instruments/instrument-search';
import { OrdersErrors } from '../orders.errors';
import { checkPlaceOrderBody } from './order-body-validation';

/**
 * A place-order body checked exactly as POST /api/orders checks it (the same DTO and shared rules, then the
 * instrument's lot and tick size), for routes that take an order without placing it (POST /api/orders/costs).
 * Throws VALIDATION_FAILED with one message per field.
 */
export async function checkOrderToPlace(
  body: unknown,
  lookUp: (instrumentKey: string) => Promise<Instrument | undefined>,
): Promise<{ order: PlaceOrderRequest; instrument: Instrument | undefined }> {
  const shape = checkPlaceOrderBody(body);
  if (!shape.ok) throw OrdersErrors.validation(shape.errors);
  const instrument = await lookUp(shape.value.instrumentKey);
  const rules = rulesOf(instrument);
  if (!rules) return { order: shape.value, instrument };
  const withRules = checkPlaceOrderBody(body, rules);
  if (!withRules.ok) throw OrdersErrors.validation(withRules.errors);
  return { order: withRules.value, instrument };
}
