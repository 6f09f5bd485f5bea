import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatIstClock } from '@desk/contracts';

/** "Live" while changes are pushed, else when the panel last got data (IST). */
@Component({
  selector: 'desk-updated-at',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="muted small" aria-live="polite" [attr.data-testid]="testId()">
      @if (live()) {
        <span class="live-dot live-dot--on" aria-hidden="true"></span> Live
      } @else if (text()) {
        Updated {{ text() }}
      }
    </span>
  `,
})
export class UpdatedAt {
  readonly live = input(false);
  readonly at = input<Date | null>(null);
  readonly testId = input<string | null>(null);

  protected readonly text = computed(() => {
    const at = this.at();
    return at ? formatIstClock(at) : '';
  });
}
