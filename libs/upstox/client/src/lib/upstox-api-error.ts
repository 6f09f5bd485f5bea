import { DeskError, DeskErrorInit } from '@desk/contracts';

/**
 * `rejected`: Upstox (or our own limiter) refused the request; nothing happened.
 * `unknown`: the request may have been processed (timeout, reset, 5xx, unparseable answer, 429 on a
 * write). Callers must reconcile an unknown write (look the order up by tag), never resend it.
 */
export type UpstoxCallOutcome = 'rejected' | 'unknown';

export interface UpstoxApiErrorInit extends DeskErrorInit {
  /** HTTP status Upstox answered with; null when no answer arrived (network, timeout, local refusal). */
  upstreamStatus: number | null;
  outcome: UpstoxCallOutcome;
}

export class UpstoxApiError extends DeskError {
  readonly upstreamStatus: number | null;
  readonly outcome: UpstoxCallOutcome;

  constructor(init: UpstoxApiErrorInit) {
    super(init);
    this.upstreamStatus = init.upstreamStatus;
    this.outcome = init.outcome;
  }
}

export function isUpstoxApiError(value: unknown): value is UpstoxApiError {
  return value instanceof UpstoxApiError;
}
