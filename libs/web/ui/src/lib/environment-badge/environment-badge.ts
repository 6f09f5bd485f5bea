import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ENVIRONMENT_LABELS, UpstoxEnvironment } from '@desk/contracts';

/**
 * Where orders go. The simulator is marked so that nobody mistakes it for their real account;
 * live is marked because real money moves there.
 */
@Component({
  selector: 'desk-environment-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (environment(); as env) {
      <span
        class="env-badge env-badge--{{ simulated() ? 'simulator' : env }}"
        data-testid="environment-badge"
        [attr.data-environment]="env"
        [attr.title]="explanation()"
      >
        @if (simulated()) {
          <span class="env-badge__tag">SIMULATED</span>
        }
        {{ label() }}
      </span>
    }
  `,
})
export class EnvironmentBadge {
  readonly environment = input<UpstoxEnvironment | null>(null);
  readonly simulated = input(false);

  protected readonly label = computed(() => {
    const env = this.environment();
    return env ? ENVIRONMENT_LABELS[env] : '';
  });

  protected readonly explanation = computed(() => {
    if (this.simulated()) return 'Built-in Upstox simulator: no real account, no real money.';
    if (this.environment() === 'sandbox') return 'Upstox sandbox: orders are not sent to the exchange.';
    return 'Live Upstox account: orders use real money.';
  });
}
