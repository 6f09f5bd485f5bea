import { Injectable, Logger, Optional } from '@nestjs/common';
import { Clock } from '@desk/api/core';
import { KillSwitchState } from '@desk/contracts';
import { EventHub } from '@desk/api/events';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { OrdersErrors } from '../orders.errors';


const SETTING = 'kill_switch';

/** The local kill switch: persisted, so a restart does not silently re-enable trading. */
@Injectable()
export class KillSwitchService {
  private readonly logger = new Logger(KillSwitchService.name);

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly clock: Clock,
    /** Every dashboard tab and event client (a bot) learns of a change at once: GET /api/events `kill-switch`. */
    @Optional() private readonly events?: EventHub,
  ) {}

  get(): KillSwitchState {
    const stored = this.journal.readSetting<{ enabled: boolean }>(SETTING);
    return { enabled: stored?.value.enabled === true, updatedAt: stored?.updatedAt ?? null };
  }

  set(enabled: boolean): KillSwitchState {
    this.journal.writeSetting(SETTING, { enabled }, this.clock.now());
    this.logger.warn(`order kill switch turned ${enabled ? 'ON: new orders and modifications are refused (cancel still works)' : 'OFF'}`);
    const state = this.get();
    this.events?.publish('kill-switch', state);
    return state;
  }

  /** Synchronous (one SQLite read), so it can sit right before the journal claim and the broker call. */
  assertOff(action: 'place' | 'modify' = 'place'): void {
    if (this.get().enabled) throw OrdersErrors.killSwitch(action);
  }
}
