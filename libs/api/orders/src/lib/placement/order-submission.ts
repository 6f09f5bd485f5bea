import { Injectable } from '@nestjs/common';
import { UpstoxSession } from '@desk/api/connection';
import { Instrument, PlaceOrderRequest } from '@desk/contracts';
import { OrderInstrumentFacts, UpstoxClient } from '@desk/upstox/client';
import { OrderIntentRow, StoredResponse } from '../journal/order-intent';
import { OrderGate } from './order-gate';
import { PlaceOutcomes } from './place-outcomes';
import { StartupBarrier } from './startup-barrier';

/**
 * The one place call for a journalled intent: exactly one v3 place request, sent through the gate (kill switch
 * and barrier re-checked inside the call), then the outcome recorded. The intent is marked live meanwhile so the
 * start-up sweep leaves it to this request.
 */
@Injectable()
export class OrderSubmission {
  constructor(
    private readonly gate: OrderGate,
    private readonly barrier: StartupBarrier,
    private readonly client: UpstoxClient,
    private readonly outcomes: PlaceOutcomes,
  ) {}

  /** `instrument` (from the instrument list) decides the wire quantity (lots for MCX) and `slice` (freeze quantity). */
  async submit(
    intent: OrderIntentRow,
    order: PlaceOrderRequest,
    session: UpstoxSession,
    requestId: string,
    instrument?: Instrument,
  ): Promise<StoredResponse> {
    const facts = instrumentFacts(order.instrumentKey, instrument);
    this.barrier.markLive(intent.id);
    try {
      let placed: { orderIds: string[]; latencyMs: number | null };
      try {
        // Right before the call, synchronously (inside send): refused there, the intent is REJECTED and nothing is sent.
        placed = await this.gate.send('place', session, (a) => this.client.placeOrder(a, { ...order, brokerTag: intent.brokerTag, instrument: facts }));
      } catch (err) {
        return await this.outcomes.failed(intent, err, requestId);
      }
      return this.outcomes.placed(intent, placed);
    } finally {
      this.barrier.releaseLive(intent.id);
    }
  }
}

/** The instrument's lot size and freeze quantity for the wire body; unknown ones are null (the client then refuses MCX). */
export function instrumentFacts(instrumentKey: string, instrument: Instrument | undefined): OrderInstrumentFacts {
  return { instrumentKey, lotSize: instrument?.lotSize ?? null, freezeQuantity: instrument?.freezeQuantity ?? null };
}
