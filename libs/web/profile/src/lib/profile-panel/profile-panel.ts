import { ChangeDetectionStrategy, Component, inject, input, viewChild } from '@angular/core';
import { ApiErrorBody, formatRupees } from '@desk/contracts';
import { ErrorCallout } from '@desk/web/ui';
import { AccountControls } from '../account-controls/account-controls';
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

  /** "Not available in the sandbox" is expected there, not an error worth red. */
  protected tone(error: ApiErrorBody): 'error' | 'info' {
    return error.code === 'NOT_AVAILABLE_IN_SANDBOX' ? 'info' : 'error';
  }

  protected refresh(): void {
    void this.store.load();
    void this.controls()?.refresh();
  }
}
