import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, describeError } from '@desk/api/core';
import { DeskError } from '@desk/contracts';
import { isUpstoxApiError } from '@desk/upstox/client';
import { OrderIntentRow, StoredResponse } from '../journal/order-intent';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { notPlacedError, OrderReconciler, SANDBOX_UNKNOWN_MESSAGE } from './order-reconciler';
import { markOrderPath } from './order-path-marks';
import { placedResponse, sleep, unknownOutcomeResponse } from './placement-support';

/**
 * Records what became of a place call in the journal, and the answer a retry with the same key gets: placed,
 * refused (REJECTED), or unknown (reconciled by tag for up to ORDER_OUTCOME_WAIT_MS before answering).
 */
@Injectable()
export class PlaceOutcomes {
  /** The log context these lines had before placement was split (operators search for it). */
  private readonly logger = new Logger('OrderPlacementService');

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly reconciler: OrderReconciler,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly clock: Clock,
  ) {}

  placed(intent: OrderIntentRow, placed: { orderIds: string[]; latencyMs: number | null }): StoredResponse {
    const response = placedResponse(intent.id, placed.orderIds, placed.latencyMs);
    this.journal.transition(intent.id, 'SUBMITTED', { orderIds: placed.orderIds, latencyMs: placed.latencyMs, response }, this.clock.now());
    markOrderPath('recorded');
    this.logger.log(`intent ${intent.id} placed: orders ${placed.orderIds.join(',')} (tag ${intent.brokerTag})`);
    return response;
  }

  /**
   * A definitive refusal (Upstox validated and refused, or our limiter never sent it) is REJECTED.
   * Anything else may have been placed: UNKNOWN, then look it up by tag. Never placed again.
   */
  async failed(intent: OrderIntentRow, err: unknown, requestId: string): Promise<StoredResponse> {
    // An UpstoxApiError says whether the call may have reached Upstox; any other DeskError (a local refusal) never did.
    const definitive = err instanceof DeskError && !(isUpstoxApiError(err) && err.outcome === 'unknown');
    const code = err instanceof DeskError ? err.code : 'INTERNAL_ERROR';
    const upstoxCode = err instanceof DeskError ? (err.upstoxCode ?? null) : null;
    const message = err instanceof Error ? err.message : String(err);
    if (definitive) {
      const response: StoredResponse = { status: err.httpStatus, body: err.toBody(requestId) };
      this.journal.transition(intent.id, 'REJECTED', { errorCode: code, upstoxCode, errorMessage: message, response }, this.clock.now());
      this.logger.warn(`intent ${intent.id} rejected: ${describeError(err)}`);
      throw err;
    }
    this.journal.transition(intent.id, 'UNKNOWN', { errorCode: code, upstoxCode, errorMessage: message }, this.clock.now());
    this.logger.warn(`intent ${intent.id} outcome unknown after place call (tag ${intent.brokerTag}): ${describeError(err)}; reconciling`);
    const unknownRow = this.journal.findById(intent.id) as OrderIntentRow;
    const reconciled = this.reconciler.reconcile(unknownRow, false);
    const settled = await Promise.race([reconciled, sleep(this.config.outcomeWaitMs).then(() => null)]);
    const now = this.journal.findById(intent.id) as OrderIntentRow;
    if (settled === 'SUBMITTED' && now.status === 'SUBMITTED') {
      const response = placedResponse(intent.id, now.orderIds, now.latencyMs);
      this.journal.storeResponse(intent.id, response, this.clock.now());
      return response;
    }
    if (settled === 'NOT_PLACED' && now.status === 'NOT_PLACED') {
      const notPlaced = notPlacedError(now);
      this.journal.storeResponse(intent.id, { status: notPlaced.httpStatus, body: notPlaced.toBody(requestId) }, this.clock.now());
      throw notPlaced;
    }
    const response = unknownOutcomeResponse(intent.id, settled === 'UNVERIFIABLE' ? SANDBOX_UNKNOWN_MESSAGE : undefined);
    this.journal.storeResponse(intent.id, response, this.clock.now());
    return response;
  }
}
