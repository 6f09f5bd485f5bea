import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MARKET_PHASE_LABELS, MarketStatusStore } from './market-status-store';

/** "NSE Open" in the top bar, when the phase is known. Full market hours come with a later issue. */
@Component({
  selector: 'desk-market-phase-badge',
  template: `
    @if (phase(); as p) {
      <span class="market-phase market-phase--{{ p }}" role="status" data-testid="market-phase" [attr.data-phase]="p" [attr.title]="hint()">
        <span class="market-phase__dot" aria-hidden="true"></span>NSE {{ label() }}
      </span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarketPhaseBadge {
  private readonly store = inject(MarketStatusStore);
  protected readonly phase = this.store.nsePhase;
  protected readonly label = computed(() => {
    const phase = this.phase();
    return phase ? MARKET_PHASE_LABELS[phase] : '';
  });
  protected readonly hint = computed(() => {
    const upstox = this.store.nseUpstoxStatus();
    return upstox ? `NSE equity market: ${this.label().toLowerCase()} (Upstox: ${upstox})` : null;
  });
}
