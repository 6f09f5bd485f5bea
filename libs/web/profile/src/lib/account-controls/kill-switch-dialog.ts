import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ApiErrorBody, UPSTOX_KILL_SWITCH_COOLING_HOURS, UpstoxKillSwitchChange } from '@desk/contracts';
import { ErrorCallout } from '@desk/web/ui';
import { KillSwitchStore } from './kill-switch-store';

export type KillSwitchDialogData = UpstoxKillSwitchChange;

/**
 * Confirms one change of Upstox's kill switch. Turning a segment off cannot be undone for 12 hours and cancels its
 * pending orders, so the trader types the segment's name; turning it on again is a plain confirmation.
 */
@Component({
  selector: 'desk-kill-switch-dialog',
  imports: [ErrorCallout],
  templateUrl: './kill-switch-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KillSwitchDialog {
  protected readonly data = inject<KillSwitchDialogData>(DIALOG_DATA);
  private readonly store = inject(KillSwitchStore);
  private readonly dialogRef = inject(DialogRef, { optional: true });

  protected readonly coolingHours = UPSTOX_KILL_SWITCH_COOLING_HOURS;
  protected readonly turningOff = this.data.action === 'DISABLE';
  protected readonly typed = signal('');
  protected readonly mismatch = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly title = computed(() => `Turn ${this.turningOff ? 'off' : 'on'} trading in ${this.data.segment}`);

  protected onTyped(value: string): void {
    this.typed.set(value);
    this.mismatch.set(false);
  }

  protected async confirm(): Promise<void> {
    if (this.sending()) return;
    if (this.turningOff && this.typed().trim() !== this.data.segment) {
      this.mismatch.set(true);
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    const result = await this.store.setUpstox({ segment: this.data.segment, action: this.data.action });
    this.sending.set(false);
    if (result.ok) this.dialogRef?.close(true);
    else this.error.set(result.error);
  }

  protected cancel(): void {
    this.dialogRef?.close(false);
  }
}
