import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { InstrumentListStatus } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';
import { describeListStatus } from './instrument-list-status-text';

/** While a download runs, the status is read again this often. */
export const LIST_STATUS_POLL_MS = 1000;

/**
 * One line under the instrument search: the list's date, download progress, or that the list is stale because the
 * latest download failed (GET /api/instruments/status; reading it also starts a due download). Self-contained on
 * purpose: no store, polling only while a download runs, stopped when the dialog closes.
 */
@Component({
  selector: 'desk-instrument-list-status',
  template: `
    @if (line(); as l) {
      <p
        data-testid="instrument-list-status"
        [class]="l.tone === 'hint' ? 'field__hint' : 'callout callout--' + l.tone"
        [attr.role]="l.tone === 'warn' ? 'status' : null"
        aria-live="polite"
      >{{ l.text }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstrumentListStatusLine {
  private readonly http = inject(HttpClient);
  private readonly status = signal<InstrumentListStatus | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  protected readonly line = computed(() => {
    const s = this.status();
    return s ? describeListStatus(s) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
    });
    void this.read();
  }

  private async read(): Promise<void> {
    try {
      const s = await firstValueFrom(this.http.get<InstrumentListStatus>('/api/instruments/status'));
      if (this.stopped) return;
      this.status.set(s);
      if (s.downloading) this.timer = setTimeout(() => void this.read(), LIST_STATUS_POLL_MS);
    } catch {
      // The status line is a courtesy: the search itself reports what went wrong.
    }
  }
}
