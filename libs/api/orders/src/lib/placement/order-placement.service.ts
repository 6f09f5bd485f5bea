import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, describeError } from '@desk/api/core';
import { DeskError, PlaceOrderRequest } from '@desk/contracts';
import { isUpstoxApiError, UpstoxClient } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/auth';
import { randomUUID } from 'node:crypto';
import { checkPlaceOrderBody } from '../dto/order-body-validation';
import { newBrokerTag, newIntentId } from '../journal/broker-tag';
import { orderFingerprint } from '../journal/fingerprint';
import { OrderIntentRow, StoredResponse } from '../journal/order-intent';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { InstrumentsService } from '../instruments/instruments.service';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { IDEMPOTENCY_KEY_PATTERN, OrdersErrors } from '../orders.errors';
import { OrderGate } from './order-gate';
import { notPlacedError, OrderReconciler } from './order-reconciler';
import { placedResponse, sleep, unknownOutcomeResponse } from './placement-support';
import { StartupBarrier } from './startup-barrier';

export interface PlaceCaller {
  principalId: string;
  kind: 'session' | 'api-key';
  requestId: string;
}

/** What the controller sends: a fresh answer, or the replay of the first answer for this key. */
export type PlaceAnswer = { replay: false; response: StoredResponse } | { replay: true; response: StoredResponse };

/**
 * POST /api/orders, end to end: validate -> idempotency look-up -> local checks -> journal row
 * committed -> exactly one v3 place call -> record the outcome -> reconcile an unknown outcome.
 * Errors thrown from here reach the client through the global filter; before throwing, the
 * answer is stored so a retry with the same key gets the same status and body.
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger(OrderPlacementService.name);

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly reconciler: OrderReconciler,
    private readonly barrier: StartupBarrier,
    private readonly gate: OrderGate,
    private readonly instruments: InstrumentsService,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly clock: Clock,
  ) {}

  async place(caller: PlaceCaller, body: unknown, keyHeader: string | undefined): Promise<PlaceAnswer> {
    const key = this.idempotencyKey(caller, keyHeader);
    const order = await this.validate(body);
    const fingerprint = orderFingerprint(order);

    const earlier = this.journal.findByKey(caller.principalId, key);
    if (earlier) return this.answerForExisting(earlier, fingerprint);

    // Local refusals: nothing is journalled, nothing reaches Upstox, the key stays free.
    this.gate.assertOpen('place');
    await this.connection.requireAuth();
    const instrument = await this.instruments.find(order.instrumentKey).catch(() => undefined);
    await this.gate.checkLimits('place', order, instrument);
    // Again after the awaits above (the last-price look-up can take seconds): a kill switch turned on
    // meanwhile stops this order here. No await between this check and the claim.
    this.gate.assertOpen('place');

    const claim = this.journal.claim(
      {
        id: newIntentId(),
        principalId: caller.principalId,
        idempotencyKey: key,
        fingerprint,
        brokerTag: newBrokerTag(order.tag),
        userTag: order.tag ?? null,
        request: JSON.stringify(order),
      },
      this.clock.now(),
    );
    if (!claim.claimed) return this.answerForExisting(claim.existing, fingerprint);
    return { replay: false, response: await this.submit(claim.intent, order, caller.requestId) };
  }

  private idempotencyKey(caller: PlaceCaller, header: string | undefined): string {
    if (header === undefined || header === '') {
      if (caller.kind === 'api-key') throw OrdersErrors.idempotencyKeyRequired();
      // Session clients (the SPA) always send one; a key is generated for other session callers,
      // which then get no protection against their own retries (documented in the API docs).
      return `auto-${randomUUID()}`;
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(header)) throw OrdersErrors.idempotencyKeyInvalid();
    return header;
  }

  private async validate(body: unknown): Promise<PlaceOrderRequest> {
    const shape = checkPlaceOrderBody(body);
    if (!shape.ok) throw OrdersErrors.validation(shape.errors);
    const rules = await this.instruments.rulesFor(shape.value.instrumentKey);
    if (!rules) return shape.value;
    const withRules = checkPlaceOrderBody(body, rules);
    if (!withRules.ok) throw OrdersErrors.validation(withRules.errors);
    return withRules.value;
  }

  private answerForExisting(intent: OrderIntentRow, fingerprint: string): PlaceAnswer {
    if (intent.fingerprint !== fingerprint) throw OrdersErrors.keyReused();
    if (!intent.response) throw OrdersErrors.inFlight();
    return { replay: true, response: intent.response };
  }

  private async submit(intent: OrderIntentRow, order: PlaceOrderRequest, requestId: string): Promise<StoredResponse> {
    this.barrier.markLive(intent.id);
    try {
      let placed: { orderIds: string[]; latencyMs: number | null };
      try {
        placed = await this.connection.withUpstox((a) => {
          // Right before the call, synchronously: refused here, the intent is REJECTED and nothing is sent.
          this.gate.assertOpen('place');
          return this.client.placeOrder(a, { ...order, brokerTag: intent.brokerTag });
        });
      } catch (err) {
        return await this.afterFailure(intent, err, requestId);
      }
      const response = placedResponse(intent.id, placed.orderIds, placed.latencyMs);
      this.journal.transition(intent.id, 'SUBMITTED', { orderIds: placed.orderIds, latencyMs: placed.latencyMs, response }, this.clock.now());
      this.logger.log(`intent ${intent.id} placed: orders ${placed.orderIds.join(',')} (tag ${intent.brokerTag})`);
      return response;
    } finally {
      this.barrier.releaseLive(intent.id);
    }
  }

  /**
   * A definitive refusal (Upstox validated and refused, or our limiter never sent it) is REJECTED.
   * Anything else may have been placed: UNKNOWN, then look it up by tag. Never placed again.
   */
  private async afterFailure(intent: OrderIntentRow, err: unknown, requestId: string): Promise<StoredResponse> {
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
    const response = unknownOutcomeResponse(intent.id);
    this.journal.storeResponse(intent.id, response, this.clock.now());
    return response;
  }
}
