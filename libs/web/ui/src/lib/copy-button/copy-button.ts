import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';

/** Copies `text` to the clipboard and says whether it worked. */
@Component({
  selector: 'desk-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="btn btn--ghost btn--small" (click)="copy()" [attr.aria-label]="label()">
      {{ feedback() ?? 'Copy' }}
    </button>
    <span class="visually-hidden" aria-live="polite">{{ feedback() }}</span>
  `,
})
export class CopyButton {
  readonly text = input.required<string>();
  /** Accessible name, e.g. "Copy redirect URI". */
  readonly label = input('Copy');

  protected readonly feedback = signal<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.show('Copied');
    } catch {
      this.show('Copy failed: select the text and copy it by hand');
    }
  }

  private show(message: string): void {
    this.feedback.set(message);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.feedback.set(null), 2500);
  }
}
