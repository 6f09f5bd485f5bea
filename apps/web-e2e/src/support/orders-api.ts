import { expect } from '@playwright/test';
import type { Desk } from './desk';
import { INSTRUMENTS } from './sim';

/** Places an order over the REST API as a script would (RELIANCE, delivery, DAY unless given); returns its order id. */
export async function placeViaApi(desk: Desk, order: Record<string, unknown>): Promise<string> {
  const response = await desk.api(
    'POST',
    '/api/orders',
    { instrumentKey: INSTRUMENTS.reliance.key, product: 'D', validity: 'DAY', ...order },
    { 'Idempotency-Key': `e2e-${Math.random().toString(36).slice(2)}` },
  );
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { orderIds: string[] }).orderIds[0];
}
