import { ChangeDetectionStrategy, Component, DestroyRef, Injector, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { ApiErrorBody, STATIC_IP_REGISTRATION_STEPS, UpstoxKillSwitchSegment, UpstoxKillSwitchSegmentState } from '@desk/contracts';
import { ErrorCallout, openLazyDialog } from '@desk/web/ui';
import type { KillSwitchDialogData } from './kill-switch-dialog';
import { KillSwitchStore } from './kill-switch-store';
import { StaticIpStore } from './static-ip-store';

/**
 * The account panel's controls: the static IPs Upstox accepts orders from, the desk's own kill switch and Upstox's
 * per-segment kill switch. The sandbox has neither static IPs nor Upstox's kill switch.
 */
@Component({
  selector: 'desk-account-controls',
  imports: [ErrorCallout],
  templateUrl: './account-controls.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountControls {
  protected readonly staticIp = inject(StaticIpStore);
  protected readonly killSwitch = inject(KillSwitchStore);
  private readonly injector = inject(Injector);

  readonly connected = input(false);
  protected readonly steps = STATIC_IP_REGISTRATION_STEPS;
  protected readonly sandbox = computed(() => this.staticIp.view()?.available === false);
  protected readonly deskSending = signal(false);

  constructor() {
    effect(() => {
      const connected = this.connected();
      untracked(() => {
        this.staticIp.follow(connected);
        if (!connected) this.killSwitch.reset();
        else if (!this.killSwitch.deskLoaded()) void this.killSwitch.loadDesk();
      });
    });
    // Upstox's kill switch once the static-IP read has said whether this is the sandbox (which has none).
    effect(() => {
      const settled = this.staticIp.view() !== null || this.staticIp.error() !== null;
      const ready = this.connected() && settled && !this.sandbox();
      untracked(() => {
        if (ready && !this.killSwitch.upstoxLoaded() && !this.killSwitch.upstoxLoading() && !this.killSwitch.upstoxError()) {
          void this.killSwitch.loadUpstox();
        }
      });
    });
    // The account panel shows this only while connected: leaving means the account is gone (or the page is).
    inject(DestroyRef).onDestroy(() => {
      this.staticIp.follow(false);
      this.killSwitch.reset();
    });
  }

  /** The account panel's Refresh: everything read again from Upstox. */
  async refresh(): Promise<void> {
    await Promise.all([this.staticIp.refresh(), this.killSwitch.loadDesk()]);
    if (!this.sandbox()) await this.killSwitch.loadUpstox();
  }

  protected tone(error: ApiErrorBody): 'error' | 'info' {
    return error.code === 'NOT_AVAILABLE_IN_SANDBOX' ? 'info' : 'error';
  }

  protected state(row: UpstoxKillSwitchSegmentState): 'on' | 'off' | 'inactive' {
    if (row.killSwitchEngaged) return 'off';
    return row.segmentActive ? 'on' : 'inactive';
  }

  /**
   * Off (DISABLE) asks for the typed name inside the dialog; on (ENABLE) is a plain confirmation there. The dialog's
   * code loads on first open (not with the dashboard).
   */
  protected async change(row: UpstoxKillSwitchSegmentState): Promise<void> {
    const data: KillSwitchDialogData = { segment: row.segment as UpstoxKillSwitchSegment, action: row.killSwitchEngaged ? 'ENABLE' : 'DISABLE' };
    await openLazyDialog<boolean, KillSwitchDialogData, unknown>(this.injector, async () => (await import('./kill-switch-dialog')).KillSwitchDialog, {
      data,
      ariaLabelledBy: 'kill-switch-dialog-title',
      panelClass: 'desk-dialog-panel',
      width: 'min(520px, 96vw)',
      autoFocus: '[data-autofocus]',
      restoreFocus: true,
    });
  }

  protected async toggleDesk(): Promise<void> {
    const current = this.killSwitch.desk();
    if (!current || this.deskSending()) return;
    this.deskSending.set(true);
    await this.killSwitch.setDesk(!current.enabled);
    this.deskSending.set(false);
  }
}
