import { ChangeDetectionStrategy, Component, computed, inject, input, viewChild } from '@angular/core';
import { ApiErrorBody, formatRupees } from '@desk/contracts';
import { ErrorCallout } from '@desk/web/ui';
import { AccountControls } from '../account-controls/account-controls';
import { KillSwitchStore } from '../account-controls/kill-switch-store';
import { StaticIpStore } from '../account-controls/static-ip-store';
import { ProfileStore } from '../profile-store';

/** Who is connected, how much margin they have, their static IPs and kill switches. */
@Component({
  selector: 'desk-profile-panel',
  imports: [ErrorCallout, AccountControls],
  templateUrl: './profile-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePanel {
  protected readonly store = inject(ProfileStore);
  readonly connected = input(false);
  /** Read-only after the daily token expired: the static IPs and Upstox's kill switch need today's login. */
  readonly readOnly = input(false);
  protected readonly rupees = formatRupees;
  private readonly controls = viewChild(AccountControls);
  private readonly staticIp = inject(StaticIpStore);
  private readonly killSwitch = inject(KillSwitchStore);

  /**
   * The first of this panel's reads that got no answer from the desk's api (npm start stopped), shown once at the
   * top over what every part showed last: the same note five times in this narrow column pushed the account out of
   * view. An error the api answered stays with its own part.
   */
  protected readonly noAnswer = computed(() => {
    const reads = [
      [this.store.fundsNoAnswer(), this.store.fundsError()],
      [this.store.profileNoAnswer(), this.store.profileError()],
      [this.staticIp.noAnswer(), this.staticIp.error()],
      [this.killSwitch.deskNoAnswer(), this.killSwitch.deskError()],
      [this.killSwitch.upstoxNoAnswer(), this.killSwitch.upstoxError()],
    ] as const;
    return reads.find(([noAnswer]) => noAnswer)?.[1] ?? null;
  });

  /** "Not available in the sandbox" is expected there, not an error worth red. */
  protected tone(error: ApiErrorBody): 'error' | 'info' {
    return error.code === 'NOT_AVAILABLE_IN_SANDBOX' ? 'info' : 'error';
  }

  protected refresh(): void {
    void this.store.load();
    void this.controls()?.refresh();
  }
}
