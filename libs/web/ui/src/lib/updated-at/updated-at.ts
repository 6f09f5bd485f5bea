import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatIstClock } from '@desk/contracts';

/**
 * A panel's freshness, beside its Refresh button: "Live" while changes are pushed, "Auto-refreshing" while the
 * panel polls because something is still moving, and when it last got data (IST). Panels whose rows change with
 * every tick leave the time out while live (`timeWhileLive` false): it would change every second and say nothing.
 */
@Component({
  selector: 'desk-updated-at',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="muted small" aria-live="polite" [attr.data-testid]="testId()">
      @if (live()) {
        <span class="live-dot live-dot--on" aria-hidden="true"></span> Live
      } @else if (autoRefreshing()) {
        <span class="live-dot" aria-hidden="true"></span> Auto-refreshing
      }
      @if (time(); as time) {
        @if (live() || autoRefreshing()) {
          ·
        }
        Updated {{ time }}
      }
    </span>
  `,
})
export class UpdatedAt {
  readonly live = input(false);
  /** Not live, but the panel re-reads often (an order is still working). */
  readonly autoRefreshing = input(false);
  readonly at = input<Date | null>(null);
  readonly timeWhileLive = input(false);
  readonly testId = input<string | null>(null);

  protected readonly time = computed(() => {
    const at = this.at();
    if (!at || (this.live() && !this.timeWhileLive())) return null;
    return formatIstClock(at);
  });
}
