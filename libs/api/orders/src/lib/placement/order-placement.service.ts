import { Injectable } from '@nestjs/common';
import { Clock } from '@desk/api/core';
import { Instrument, INSTRUMENT_KEY_PATTERN, PlaceOrderRequest } from '@desk/contracts';
import { randomUUID } from 'node:crypto';
import { checkPlaceOrderBody } from '../dto/order-body-validation';
import { rulesOf } from '../instruments/instrument-search';
import { InstrumentsService } from '../instruments/instruments.service';
import { newBrokerTag, newIntentId } from '../journal/broker-tag';
import { orderFingerprint } from '../journal/fingerprint';
import { OrderIntentRow, StoredResponse } from '../journal/order-intent';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { IDEMPOTENCY_KEY_PATTERN, OrdersErrors } from '../orders.errors';
import { OrderGate } from './order-gate';
import { markOrderPath } from './order-path-marks';
import { OrderSubmission } from './order-submission';

export interface PlaceCaller {
  principalId: string;
  kind: 'session' | 'api-key';
  requestId: string;
}

/** What the controller sends: a fresh answer, or the replay of the first answer for this key. */
export type PlaceAnswer = { replay: false; response: StoredResponse } | { replay: true; response: StoredResponse };

/**
 * POST /api/orders, end to end: validate -> idempotency look-up -> the gates (OrderGate) -> journal row
 * committed -> exactly one v3 place call (OrderSubmission) -> record the outcome -> reconcile an unknown
 * outcome (PlaceOutcomes). The instrument is looked up once and the connection opened once per request.
 * Errors thrown from here reach the client through the global filter; before throwing, the answer is stored
 * so a retry with the same key gets the same status and body.
 */
@Injectable()
export class OrderPlacementService {
  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly gate: OrderGate,
    private readonly instruments: InstrumentsService,
    private readonly submission: OrderSubmission,
    private readonly clock: Clock,
  ) {}

  async place(caller: PlaceCaller, body: unknown, keyHeader: string | undefined): Promise<PlaceAnswer> {
    const key = this.idempotencyKey(caller, keyHeader);
    const { order, instrument } = await this.validate(body);
    const fingerprint = orderFingerprint(order);
    markOrderPath('validated');

    const earlier = this.journal.findByKey(caller.principalId, key);
    if (earlier) return this.answerForExisting(earlier, fingerprint);

    // Local refusals: nothing is journalled, nothing reaches Upstox, the key stays free.
    this.gate.assertOpen('place');
    const session = this.gate.connect();
    await this.gate.checkLimits('place', order, instrument, session);
    // Again after the await above (the last-price look-up can take seconds): a kill switch turned on
    // meanwhile stops this order here. No await between this check and the claim.
    this.gate.assertOpen('place');
    markOrderPath('gated');

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
    markOrderPath('journaled');
    return { replay: false, response: await this.submission.submit(claim.intent, order, session, caller.requestId, instrument) };
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

  /**
   * The body checked once, against the instrument's lot and tick size when the instrument is known; the instrument
   * serves the limits too. It is looked up from the raw body first, so the checks run once, not twice.
   */
  private async validate(body: unknown): Promise<{ order: PlaceOrderRequest; instrument: Instrument | undefined }> {
    const key = instrumentKeyOf(body);
    const instrument = key ? await this.instruments.lookUp(key) : undefined;
    const checked = checkPlaceOrderBody(body, rulesOf(instrument));
    if (!checked.ok) throw OrdersErrors.validation(checked.errors);
    return { order: checked.value, instrument };
  }

  private answerForExisting(intent: OrderIntentRow, fingerprint: string): PlaceAnswer {
    if (intent.fingerprint !== fingerprint) throw OrdersErrors.keyReused();
    if (!intent.response) throw OrdersErrors.inFlight();
    return { replay: true, response: intent.response };
  }
}

/** The instrument key a body names, when it is a well-formed one (anything else fails validation anyway). */
function instrumentKeyOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const key = (body as { instrumentKey?: unknown }).instrumentKey;
  return typeof key === 'string' && INSTRUMENT_KEY_PATTERN.test(key) ? key : null;
}
