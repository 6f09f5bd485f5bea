import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { STATIC_IP_REGISTRATION_STEPS } from '@desk/contracts';
import { StaticIpStore } from './static-ip-store';

/**
 * "Orders will be refused until you register a static IP", shown next to the order buttons before a trader types an
 * order: since 1 April 2026 Upstox accepts order writes only from a registered static IP.
 */
@Component({
  selector: 'desk-static-ip-warning',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (connected() && store.missing()) {
      <div class="callout callout--warn" role="status" data-testid="static-ip-warning">
        <p class="callout__title">Orders will be refused until you register a static IP</p>
        <p>Upstox accepts orders only from a static IP registered for your account, and none is registered.</p>
        <details>
          <summary>How to register one</summary>
          <ol data-testid="static-ip-steps">
            @for (step of steps; track step) { <li>{{ step }}</li> }
          </ol>
        </details>
      </div>
    }
  `,
})
export class StaticIpWarning {
  protected readonly store = inject(StaticIpStore);
  protected readonly steps = STATIC_IP_REGISTRATION_STEPS;
  /** An account can be read: the IPs are read once per connection. */
  readonly connected = input(false);

  constructor() {
    effect(() => {
      const connected = this.connected();
      untracked(() => this.store.follow(connected));
    });
  }
}
