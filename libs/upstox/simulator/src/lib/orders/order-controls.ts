/**
 * Switches the control API sets on the simulator's order handling (issue 9 contract fixes). `reset()` returns to
 * the defaults, which model a plain retail account at a well-behaved exchange.
 */
export type ExchangeAction = 'modify' | 'cancel';

/** How GET /v2/order/history?tag= answers a tag with no orders: Upstox has been seen to do either. */
export type EmptyTagHistory = 'empty-list' | 'error';

export class OrderControls {
  /** How many of the next modifies / cancels the exchange refuses (`not modified` / `not cancelled`). */
  private readonly refusals: Record<ExchangeAction, number> = { modify: 0, cancel: 0 };
  emptyTagHistory: EmptyTagHistory = 'empty-list';
  /** The demo user has neither DDPI nor POA (CONTRACT §4.1 sample: `ddpi false`, `poa false`). */
  ddpi = false;
  /**
   * Delivery sells authorised with CDSL TPIN + OTP today (eDIS), as Upstox's own apps ask before such a sell. On by
   * default so `npm start`'s demo can sell its holdings; tests that need the refusal turn it off (POST /__sim/demat).
   */
  tpinAuthorised = true;

  refuseNext(action: ExchangeAction, count: number): void {
    this.refusals[action] = count;
  }

  /** Takes one refusal for `action`, if any is armed. */
  takeRefusal(action: ExchangeAction): boolean {
    if (this.refusals[action] <= 0) return false;
    this.refusals[action]--;
    return true;
  }

  pendingRefusals(): Record<ExchangeAction, number> {
    return { ...this.refusals };
  }

  reset(): void {
    this.refusals.modify = 0;
    this.refusals.cancel = 0;
    this.emptyTagHistory = 'empty-list';
    this.ddpi = false;
    this.tpinAuthorised = true;
  }
}
