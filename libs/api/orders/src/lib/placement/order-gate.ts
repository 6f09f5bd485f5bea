import { Injectable } from '@nestjs/common';
import { Instrument } from '@desk/contracts';
import { KillSwitchService } from './kill-switch.service';
import { GatedOrder, OrderAction, PreTradeChecks } from './pre-trade-checks';
import { StartupBarrier } from './startup-barrier';

/**
 * The one set of gates every order that can add exposure passes: a new order (place) and an open order as it
 * would be after a change (modify). Cancel passes none of them: it only reduces exposure, and it must keep
 * working while the kill switch is on or the start-up barrier holds.
 *
 * The kill switch and the barrier are checked first (no Upstox call for a refused order), and again,
 * synchronously, right before the journal claim and right before the broker call: the limit checks wait on
 * Upstox (the last price), and an order already in them when the switch is turned on must not go through.
 */
@Injectable()
export class OrderGate {
  constructor(
    private readonly killSwitch: KillSwitchService,
    private readonly barrier: StartupBarrier,
    private readonly checks: PreTradeChecks,
  ) {}

  /** Throws ORDERS_HALTED when the kill switch is on or the start-up barrier holds. Synchronous: no await inside. */
  assertOpen(action: OrderAction): void {
    this.killSwitch.assertOff(action);
    this.barrier.assertOpen(action);
  }

  /** Throws RISK_LIMIT (with `details.limit`) when the order is above ORDER_MAX_QUANTITY or ORDER_MAX_NOTIONAL. */
  checkLimits(action: OrderAction, order: GatedOrder, instrument: Instrument | undefined): Promise<void> {
    return this.checks.check(order, instrument, action);
  }
}
