import { PlaceOrderResponse } from '@desk/contracts';
import { StoredResponse } from '../journal/order-intent';

/** A wait that never keeps the process alive on its own (the HTTP server does while the app runs). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();
}

export function placedResponse(intentId: string, orderIds: string[], latencyMs: number | null): StoredResponse {
  const body: PlaceOrderResponse = { intentId, outcome: 'placed', orderIds, latencyMs };
  return { status: 201, body };
}

export function unknownOutcomeResponse(intentId: string, message?: string): StoredResponse {
  const body: PlaceOrderResponse = { intentId, outcome: 'unknown', orderIds: [], latencyMs: null, ...(message ? { message } : {}) };
  return { status: 202, body };
}
