import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { KillSwitchState, UpstoxKillSwitchChange, UpstoxKillSwitchSegmentState, latestKillSwitchState } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { ActionResult, RequestState, attempt } from '@desk/web/http';
import { AccountControlsApi } from './account-controls-api';

/**
 * Both kill switches: the desk's own (local: the api refuses new orders and modifies) and Upstox's per segment
 * (Upstox cancels the segment's pending orders and refuses new ones; 12 hours before it can be enabled again).
 */
@Injectable({ providedIn: 'root' })
export class KillSwitchStore {
  private readonly api = inject(AccountControlsApi);
  private readonly upstoxRead = new RequestState<UpstoxKillSwitchSegmentState[] | null>(null);
  private readonly deskRead = new RequestState<KillSwitchState | null>(null);

  readonly upstoxSegments = this.upstoxRead.data;
  readonly upstoxLoading = this.upstoxRead.loading;
  readonly upstoxError = this.upstoxRead.error;
  readonly upstoxNoAnswer = this.upstoxRead.noAnswer;
  readonly upstoxAnsweredError = this.upstoxRead.answeredError;
  readonly upstoxLoaded = this.upstoxRead.loaded;
  readonly desk = this.deskRead.data;
  readonly deskError = this.deskRead.error;
  readonly deskNoAnswer = this.deskRead.noAnswer;
  readonly deskAnsweredError = this.deskRead.answeredError;
  readonly deskLoaded = this.deskRead.loaded;

  constructor() {
    // Turned on or off in another tab: the Account panel follows at once (the `kill-switch` event).
    inject(DeskEvents)
      .on('kill-switch')
      .pipe(takeUntilDestroyed())
      .subscribe((event) => this.deskRead.set(latestKillSwitchState(this.deskRead.data(), event.data)));
  }

  /** A `kill-switch` event that arrives while this read is on its way wins: RequestState.set drops the read's answer. */
  async loadDesk(): Promise<void> {
    await this.deskRead.run(() => this.api.deskKillSwitch());
  }

  async loadUpstox(): Promise<void> {
    await this.upstoxRead.run(() => this.api.upstoxKillSwitch());
  }

  /** One segment on or off at Upstox; the answer (every segment) replaces the list. */
  async setUpstox(change: UpstoxKillSwitchChange): Promise<ActionResult<UpstoxKillSwitchSegmentState[]>> {
    const result = await attempt(() => this.api.setUpstoxKillSwitch(change));
    if (result.ok) {
      this.upstoxRead.set(result.value);
      this.upstoxRead.clearError();
    }
    return result;
  }

  async setDesk(enabled: boolean): Promise<ActionResult<KillSwitchState>> {
    const result = await attempt(() => this.api.setDeskKillSwitch(enabled));
    if (result.ok) {
      this.deskRead.set(result.value);
      this.deskRead.clearError();
    } else {
      this.deskRead.fail(result.error);
    }
    return result;
  }

  /** Disconnected: the previous user's segments are not this one's. */
  reset(): void {
    this.upstoxRead.reset();
    this.deskRead.reset();
  }
}
