import { channel } from 'node:diagnostics_channel';

/**
 * Named points on the path of an order write (place, modify, cancel), published on a diagnostics channel so a
 * benchmark in the api's process can time the stages between them (bench/wall-stages.ts) without timers in the
 * product. Publishing is skipped while nobody subscribes, which is always outside a benchmark: a property read per mark.
 */
export const ORDER_PATH_CHANNEL = 'upstox-desk:order-path';

/**
 * In path order: the handler is entered (HTTP stack, guards done), the body is checked (instrument looked up; for a
 * modify or cancel, the order read and its status checked), the gates passed (idempotency look-up, kill switch,
 * connection, limits), the intent is committed, the outcome is committed. Only a place journals; a cancel passes no gate.
 */
export const ORDER_PATH_MARKS = ['handler', 'validated', 'gated', 'journaled', 'recorded'] as const;
export type OrderPathMark = (typeof ORDER_PATH_MARKS)[number];

const orderPath = channel(ORDER_PATH_CHANNEL);

export function markOrderPath(mark: OrderPathMark): void {
  if (orderPath.hasSubscribers) orderPath.publish(mark);
}
