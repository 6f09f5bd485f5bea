/**
 * The life of one order intent in our journal. The row is written (PENDING_SUBMIT) and committed
 * BEFORE Upstox is called, so a crash at any point leaves a row that reconciliation can resolve.
 *
 *   PENDING_SUBMIT --placed--------> SUBMITTED   (Upstox answered with order ids)
 *        |        --rejected------> REJECTED    (a definitive error: Upstox did not process it)
 *        |        --ambiguous-----> UNKNOWN     (timeout, reset, 5xx, 429 on a write: it MAY exist)
 *        '--(crash, found at restart by tag)--> SUBMITTED | NOT_PLACED
 *   UNKNOWN   --found by tag------> SUBMITTED
 *             --not found in the settle window--> NOT_PLACED
 *   NOT_PLACED --seen late by tag--> SUBMITTED  (the broker recorded it after all: record the truth)
 *
 * Nothing ever moves an intent back to PENDING_SUBMIT: an intent is submitted to Upstox at most once.
 */
import { OrderIntentStatus } from '@desk/contracts';

export type { OrderIntentStatus };
export const ORDER_INTENT_STATUSES: readonly OrderIntentStatus[] = [
  'PENDING_SUBMIT',
  'SUBMITTED',
  'REJECTED',
  'UNKNOWN',
  'NOT_PLACED',
];

const ALLOWED_TRANSITIONS: Record<OrderIntentStatus, readonly OrderIntentStatus[]> = {
  PENDING_SUBMIT: ['SUBMITTED', 'REJECTED', 'UNKNOWN', 'NOT_PLACED'],
  UNKNOWN: ['SUBMITTED', 'NOT_PLACED'],
  NOT_PLACED: ['SUBMITTED'],
  SUBMITTED: [],
  REJECTED: [],
};

export function canTransition(from: OrderIntentStatus, to: OrderIntentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** The statuses an intent may be in when moving to `to` (used as a compare-and-set in SQL). */
export function sourcesOf(to: OrderIntentStatus): OrderIntentStatus[] {
  return ORDER_INTENT_STATUSES.filter((from) => canTransition(from, to));
}

/** Rows the startup barrier must resolve before new orders are accepted. */
export const UNRESOLVED_STATUSES: readonly OrderIntentStatus[] = ['PENDING_SUBMIT', 'UNKNOWN'];

export function isUnresolved(status: OrderIntentStatus): boolean {
  return UNRESOLVED_STATUSES.includes(status);
}

/** The response first given for an idempotency key; replayed byte-for-byte to a retry. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface OrderIntentRow {
  id: string;
  principalId: string;
  idempotencyKey: string;
  fingerprint: string;
  brokerTag: string;
  userTag: string | null;
  /** The validated PlaceOrderRequest as JSON. */
  request: string;
  status: OrderIntentStatus;
  orderIds: string[];
  latencyMs: number | null;
  errorCode: string | null;
  upstoxCode: string | null;
  errorMessage: string | null;
  response: StoredResponse | null;
  createdAt: string;
  updatedAt: string;
}
