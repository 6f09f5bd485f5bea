import { randomUUID } from 'node:crypto';
import { HttpResponse } from '../support/stack';
import { limitBuy, OrdersStack } from './orders-harness';

export const WRITE_LIMIT_PER_SECOND = 8; // the Upstox client's outbound limiter (PLAN §2), below Upstox's 10/s

export interface FloodResult {
  sent: number;
  placed: number;
  refusedLocally: number;
  brokerRateLimited: number;
  placeCalls: number;
  /** Most orders the simulator timestamped within one wall-clock second. */
  maxPerSecond: number;
  statuses: Record<number, number>;
}

/** Fires `count` order writes at once and reads back what reached the simulator, and when. */
export async function flood(s: OrdersStack, count: number, tag: string): Promise<FloodResult> {
  const before = await s.sim.placeCalls();
  const responses: HttpResponse[] = await Promise.all(
    Array.from({ length: count }, (_, i) => s.place(limitBuy({ price: 900 + i * 0.05, tag }), randomUUID())),
  );
  const statuses: Record<number, number> = {};
  for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const orders = (await s.sim.orders()).filter((o) => o.tag?.endsWith(`-${tag}`));
  // When each order reached the broker: its first history entry ('put order req received'), 1 s resolution
  // (the order book's order_timestamp moves with every later transition).
  const perSecond = new Map<string, number>();
  for (const o of orders) {
    const details = await s.browser.api('GET', `/api/orders/${o.order_id}`);
    const receivedAt = String(details.body.history?.[0]?.at);
    perSecond.set(receivedAt, (perSecond.get(receivedAt) ?? 0) + 1);
  }
  return {
    sent: count,
    placed: responses.filter((r) => r.status === 201).length,
    refusedLocally: responses.filter((r) => r.body?.code === 'RATE_LIMITED').length,
    brokerRateLimited: responses.filter((r) => r.body?.upstoxCode === 'UDAPI10005').length,
    placeCalls: (await s.sim.placeCalls()) - before,
    maxPerSecond: Math.max(0, ...perSecond.values()),
    statuses,
  };
}
