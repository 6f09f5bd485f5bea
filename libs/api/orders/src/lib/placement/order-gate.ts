import { Injectable, Optional } from '@nestjs/common';
import { Instrument } from '@desk/contracts';
import { ConnectionService, UpstoxSession } from '@desk/api/connection';
import { describeRegisteredIps, StaticIpService } from '@desk/api/profile';
import { isUpstoxApiError, UpstoxApiError, UpstoxAuth } from '@desk/upstox/client';
import { KillSwitchService } from './kill-switch.service';
import { GatedOrder, OrderAction, PreTradeChecks } from './pre-trade-checks';
import { StartupBarrier } from './startup-barrier';

/**
 * The one home of every gate an order that can add exposure passes: a new order (place) and an open order as it
 * would be after a change (modify). The gates: the kill switch, the start-up barrier, the Upstox connection and
 * the pre-trade limits. Cancel passes none of them: it only reduces exposure, and it must keep working while the
 * kill switch is on or the start-up barrier holds.
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
    private readonly connection: ConnectionService,
    @Optional() private readonly staticIps?: StaticIpService,
  ) {}

  /** Throws ORDERS_HALTED when the kill switch is on or the start-up barrier holds. Synchronous: no await inside. */
  assertOpen(action: OrderAction): void {
    this.killSwitch.assertOff(action);
    this.barrier.assertOpen(action);
  }

  /**
   * The connection gate: NOT_AUTHENTICATED / CONNECTION_EXPIRED before anything is journalled. The session it
   * returns (the token decrypted once) serves every Upstox call of this request.
   */
  connect(): UpstoxSession {
    return this.connection.openSession();
  }

  /**
   * Throws RISK_LIMIT (with `details.limit`) when the order is above ORDER_MAX_QUANTITY or ORDER_MAX_NOTIONAL.
   * `session`: the request's connection for the last-price look-up (null: opened when needed).
   */
  checkLimits(action: OrderAction, order: GatedOrder, instrument: Instrument | undefined, session: UpstoxSession | null): Promise<void> {
    return this.checks.check(order, instrument, action, session);
  }

  /**
   * The broker call, with the last gate inside it: the kill switch and the barrier, synchronously right before the
   * call (refused here, nothing is sent). A 401 marks the connection expired (ConnectionService.withSession).
   */
  send<T>(action: OrderAction, session: UpstoxSession | null, call: (auth: UpstoxAuth) => Promise<T>): Promise<T> {
    return this.connection.withSession(session, (auth) => {
      this.assertOpen(action);
      return call(auth);
    }).catch((err: unknown) => {
      throw this.withRegisteredIps(err);
    });
  }

  /** Upstox refused the write for its origin (UDAPI1154): the message names the static IPs registered there. */
  private withRegisteredIps(err: unknown): unknown {
    if (!isUpstoxApiError(err) || err.upstoxCode !== 'UDAPI1154' || !this.staticIps) return err;
    return new UpstoxApiError({
      code: err.code, title: err.title, httpStatus: err.httpStatus, nextStep: err.nextStep, upstoxCode: err.upstoxCode,
      details: err.details, upstreamStatus: err.upstreamStatus, outcome: err.outcome, logDetail: err.logDetail,
      message: err.message + describeRegisteredIps(this.staticIps.current()),
    });
  }
}
