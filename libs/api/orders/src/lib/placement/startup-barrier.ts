import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { ORDERS_CONFIG, OrdersConfig } from '../orders.config';
import { OrdersErrors } from '../orders.errors';
import { OrderBookAudit } from './order-book-audit';
import { OrderReconciler, SANDBOX_UNKNOWN_MESSAGE } from './order-reconciler';

export type BarrierState = 'reconciling' | 'ready' | 'blocked';

export interface BarrierStatus {
  state: BarrierState;
  /** Intents left unresolved from before this start. */
  unresolved: number;
  message: string | null;
}

/**
 * The startup barrier: intents left PENDING_SUBMIT or UNKNOWN by an earlier run (a crash, a kill,
 * a restart while Upstox was slow) are resolved before any new order is accepted, so an order
 * the user thinks failed is never placed a second time by a hasty resubmit. When they cannot be
 * resolved yet (no connection, Upstox down), orders stay halted and the sweep keeps trying.
 * The sweep also finishes intents whose live reconciliation could not conclude.
 */
@Injectable()
export class StartupBarrier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StartupBarrier.name);
  private state: BarrierState = 'reconciling';
  private unresolved = 0;
  private message: string | null = null;
  private pass: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Intents owned by a request in progress: the sweep leaves them to it. */
  private readonly live = new Set<string>();
  /**
   * Opened only because the connection is to the Upstox sandbox, where unknown outcomes cannot be looked up: the
   * barrier holds again (and reconciles) as soon as the connection is not the sandbox.
   */
  private sandboxReleased = false;

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly reconciler: OrderReconciler,
    private readonly audit: OrderBookAudit,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    const leftovers = this.journal.listUnresolved();
    this.unresolved = leftovers.length;
    if (leftovers.length === 0) {
      this.state = 'ready';
    } else {
      this.logger.warn(`${leftovers.length} order intent(s) from an earlier run are unresolved; reconciling before accepting orders`);
      void this.runPass();
    }
    this.timer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  status(): BarrierStatus {
    if (this.state === 'ready' && this.sandboxReleased && this.unresolved > 0) {
      return { state: this.state, unresolved: this.unresolved, message: `${this.unresolved} earlier order(s) in the sandbox: ${SANDBOX_UNKNOWN_MESSAGE}` };
    }
    return { state: this.state, unresolved: this.unresolved, message: this.message };
  }

  /**
   * Throws ORDERS_HALTED unless the barrier is open; a blocked barrier gets another attempt now. Holds for
   * place and modify alike (a modify can raise exposure); cancel is never held. Synchronous.
   */
  assertOpen(action: 'place' | 'modify' = 'place'): void {
    if (this.state === 'ready' && this.sandboxReleased && !this.reconciler.sandboxed()) {
      this.sandboxReleased = false;
      this.state = 'reconciling';
      void this.runPass();
    }
    if (this.state === 'ready') return;
    if (this.state === 'blocked') void this.runPass();
    const nextStep =
      this.state === 'blocked'
        ? 'Connect to Upstox (or wait until it answers again); the check runs again automatically, then retry.'
        : 'Wait a few seconds and retry; nothing will be placed twice.';
    throw OrdersErrors.halted(
      this.message ??
        `Orders are paused while ${this.unresolved} earlier order(s) with an unknown outcome are checked with Upstox.`,
      action === 'modify' ? `${nextStep} Cancelling an order still works meanwhile.` : nextStep,
      { limit: 'STARTUP_BARRIER', unresolved: this.unresolved },
    );
  }

  markLive(intentId: string): void {
    this.live.add(intentId);
  }

  releaseLive(intentId: string): void {
    this.live.delete(intentId);
  }

  /** Resolve every unresolved intent not owned by a live request. One pass at a time. */
  runPass(): Promise<void> {
    if (this.pass) return this.pass;
    this.pass = (async () => {
      if (this.state !== 'ready') this.state = 'reconciling';
      const rows = this.journal.listUnresolved().filter((r) => !this.live.has(r.id));
      const results = await Promise.all(rows.map((r) => this.reconciler.reconcile(r, true)));
      const left = results.filter((r) => r === 'UNRESOLVED').length;
      // Sandbox only: outcomes it cannot tell stay UNKNOWN but do not hold new (sandbox) orders.
      const unverifiable = results.filter((r) => r === 'UNVERIFIABLE').length;
      if (this.state === 'ready') return; // a sweep after startup: the barrier stays open
      this.unresolved = left + unverifiable;
      if (left === 0) {
        this.state = 'ready';
        this.message = null;
        this.sandboxReleased = unverifiable > 0;
        this.logger.log(
          unverifiable > 0
            ? `startup reconciliation: ${unverifiable} order(s) sent to the Upstox sandbox stay unknown (it cannot be asked); new sandbox orders are accepted`
            : 'startup reconciliation complete: new orders are accepted',
        );
      } else {
        this.state = 'blocked';
        this.message =
          `Orders are halted: ${left} earlier order(s) with an unknown outcome could not be checked with Upstox yet ` +
          `(it needs a working connection).`;
        this.logger.warn(this.message);
      }
    })().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private sweeping = false;

  /** Every ORDER_SWEEP_INTERVAL_MS: finish unresolved intents, then diff the order book against the journal. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const pending = this.journal.listUnresolved().filter((r) => !this.live.has(r.id) && !this.reconciler.isRunning(r.id));
      if (pending.length > 0 || this.state === 'blocked') await this.runPass();
      await this.audit.run();
    } catch (err) {
      this.logger.error(`order sweep failed: ${(err as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
