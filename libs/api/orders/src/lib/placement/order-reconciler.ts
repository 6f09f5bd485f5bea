import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Clock, describeError } from '@desk/api/core';
import { DeskError, ERROR_TITLES, notPlacedMessage } from '@desk/contracts';
import { BrokerOrderRow, isUpstoxApiError, UpstoxClient } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/connection';
import { OrderIntentRow, StoredResponse } from '../journal/order-intent';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { placedResponse, sleep } from './placement-support';

/** UNVERIFIABLE: the Upstox sandbox serves no order book or history, so the intent stays UNKNOWN for good. */
export type ReconcileResult = 'SUBMITTED' | 'NOT_PLACED' | 'UNRESOLVED' | 'UNVERIFIABLE';

/** What the desk says about an order sent to the Upstox sandbox whose outcome is unknown (issue 9 item 6). */
export const SANDBOX_UNKNOWN_MESSAGE =
  "Upstox's sandbox cannot tell whether this order was placed: it serves no order book or order history to check. " +
  'Check the sandbox order in the Upstox developer console if you need to know; the desk will not send it again.';

/**
 * Finds out what became of an order whose place call had an unknown outcome (or never returned,
 * because the process died): looks it up by its unique tag at the configured offsets after the
 * call, then in the order book before concluding it was not placed. It never places anything.
 */
@Injectable()
export class OrderReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger(OrderReconciler.name);
  private readonly running = new Map<string, Promise<ReconcileResult>>();
  /** Set at shutdown: pending look-ups stop; their intents stay unresolved for the next start. */
  private stopped = false;
  /** Intents already reported as unverifiable in the sandbox (the sweep meets them again and again). */
  private readonly reportedUnverifiable = new Set<string>();

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** The connection is to the Upstox sandbox: nothing can be looked up, so nothing can be reconciled. */
  sandboxed(): boolean {
    return this.connection.environment() === 'sandbox';
  }

  isRunning(intentId: string): boolean {
    return this.running.has(intentId);
  }

  /**
   * One reconciliation per intent at a time (a second caller joins the first). `storeResponse`:
   * record the answer an idempotent retry gets, for intents whose original request is gone
   * (found at startup or by the sweep); a live request stores its own answer.
   */
  reconcile(intent: OrderIntentRow, storeResponse: boolean): Promise<ReconcileResult> {
    const existing = this.running.get(intent.id);
    if (existing) return existing;
    const run = this.run(intent, storeResponse)
      .catch((err: unknown) => {
        this.logger.error(`reconciliation of intent ${intent.id} (tag ${intent.brokerTag}) failed: ${describeError(err)}`);
        return 'UNRESOLVED' as const;
      })
      .finally(() => this.running.delete(intent.id));
    this.running.set(intent.id, run);
    return run;
  }

  private async run(intent: OrderIntentRow, storeResponse: boolean): Promise<ReconcileResult> {
    if (this.sandboxed()) {
      if (!this.reportedUnverifiable.has(intent.id)) {
        this.reportedUnverifiable.add(intent.id);
        this.logger.warn(`intent ${intent.id} (tag ${intent.brokerTag}) stays UNKNOWN: the Upstox sandbox has no order book or history to reconcile with`);
      }
      return 'UNVERIFIABLE';
    }
    // An UNKNOWN intent's call failed at updatedAt. A PENDING_SUBMIT one was left by a process that died
    // before recording any outcome: its call may still be on its way into Upstox until the latest moment
    // it could have failed, so the settle window starts there (an order found earlier still counts).
    const orphaned = intent.status === 'PENDING_SUBMIT';
    const since = orphaned ? Date.parse(intent.createdAt) + this.config.placeCallMaxMs : Date.parse(intent.updatedAt);
    const offsets = this.config.reconcileDelaysMs;
    const settledAt = since + offsets[offsets.length - 1];
    const now = this.clock.now().getTime();
    const future = offsets.map((o) => since + o).filter((t) => t > now);
    // Offsets already past (a restart long after the crash) collapse into one look-up now; an orphaned
    // intent is also looked up at once, so one that reached Upstox is resolved without waiting.
    const checks = future.length === offsets.length && !orphaned ? future : [now, ...future];
    let lastError: unknown = null;
    for (let i = 0; i < checks.length; i++) {
      await sleep(checks[i] - this.clock.now().getTime());
      // Timers can fire a millisecond early against the wall clock (~2% of waits): without this, the
      // final look-up would not count as "after the settle window" and the intent would stay unresolved.
      const early = checks[i] - this.clock.now().getTime();
      if (early > 0) await sleep(early + 1);
      if (this.stopped) return 'UNRESOLVED';
      const final = i === checks.length - 1;
      try {
        const orderIds = await this.lookUp(intent.brokerTag, final);
        if (orderIds.length > 0) return this.record(intent, 'SUBMITTED', orderIds, storeResponse);
        lastError = null;
      } catch (err) {
        lastError = err;
        this.logger.warn(`look-up of order tag ${intent.brokerTag} failed: ${describeError(err)}`);
      }
    }
    // "Not placed" needs a successful empty look-up after the whole settle window.
    if (lastError === null && this.clock.now().getTime() >= settledAt) {
      return this.record(intent, 'NOT_PLACED', [], storeResponse);
    }
    return 'UNRESOLVED';
  }

  /**
   * Order ids carrying exactly this tag: order history by tag, and on the final check also the order book. Upstox
   * may answer history-by-tag for a tag with no orders with an error instead of an empty list (issue 9 f): such a
   * refusal says nothing about the order, so the order book answers instead, on every check.
   */
  private async lookUp(brokerTag: string, alsoOrderBook: boolean): Promise<string[]> {
    let rows: BrokerOrderRow[] | null;
    try {
      rows = await this.connection.withUpstox((a) => this.client.getOrderHistory(a, { tag: brokerTag }));
    } catch (err) {
      if (!isTagHistoryRefusal(err)) throw err;
      this.logger.warn(`order history for tag ${brokerTag} refused (${describeError(err)}); looking in the order book`);
      rows = null;
    }
    const ids = new Set((rows ?? []).filter((r) => r.tag === brokerTag).map((r) => r.orderId));
    if (ids.size === 0 && (alsoOrderBook || rows === null)) {
      const book = await this.connection.withUpstox((a) => this.client.getOrderBook(a));
      for (const o of book) if (o.tag === brokerTag) ids.add(o.orderId);
    }
    return [...ids].sort();
  }

  private record(intent: OrderIntentRow, to: 'SUBMITTED' | 'NOT_PLACED', orderIds: string[], storeResponse: boolean): ReconcileResult {
    const response: StoredResponse | undefined = storeResponse
      ? to === 'SUBMITTED'
        ? placedResponse(intent.id, orderIds, intent.latencyMs)
        : notPlacedResponse(intent)
      : undefined;
    const after = this.journal.transition(intent.id, to, { orderIds, response }, this.clock.now());
    if (after) {
      this.logger.log(`intent ${intent.id} (tag ${intent.brokerTag}) reconciled: ${to}${orderIds.length ? ` ${orderIds.join(',')}` : ''}`);
      return to;
    }
    const current = this.journal.findById(intent.id);
    this.logger.warn(`intent ${intent.id} was already ${current?.status} when reconciliation found ${to}`);
    return current?.status === 'SUBMITTED' || current?.status === 'NOT_PLACED' ? current.status : 'UNRESOLVED';
  }
}

/**
 * Upstox refused the history-by-tag request itself (a 400/404 answer it gave, not a token, rate-limit, server or
 * network problem): the order book is then the only way to tell whether an order with the tag exists.
 */
function isTagHistoryRefusal(err: unknown): boolean {
  return isUpstoxApiError(err) && err.outcome === 'rejected' && (err.upstreamStatus === 400 || err.upstreamStatus === 404);
}

/** The error a client gets (now or on an idempotent retry) for an intent that Upstox never recorded. */
export function notPlacedError(intent: Pick<OrderIntentRow, 'id' | 'errorCode' | 'upstoxCode' | 'errorMessage'>): DeskError {
  return new DeskError({
    code: 'ORDER_REJECTED',
    title: ERROR_TITLES.orderRejected,
    httpStatus: 502,
    message: notPlacedMessage(intent.errorMessage),
    nextStep: 'Check the order book, then submit again if you still want this order (a new submit uses a new Idempotency-Key).',
    upstoxCode: intent.upstoxCode ?? undefined,
    details: { intentId: intent.id, intentStatus: 'NOT_PLACED', cause: intent.errorCode },
  });
}

function notPlacedResponse(intent: OrderIntentRow): StoredResponse {
  const err = notPlacedError(intent);
  return { status: err.httpStatus, body: err.toBody(`reconciled-${intent.id}`) };
}
