import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MarketSegmentPhase } from '@desk/contracts';
import { MarketHoursStore } from './market-hours-store';
import { MARKET_PHASE_LABELS, MarketStatusStore } from './market-status-store';

/**
 * NSE in the top bar: its hours when known ("NSE open until 15:30", "NSE closed - opens Mon 09:15", issue 9
 * item 2), else the feed's phase ("NSE Open"); nothing while neither is known.
 */
@Component({
  selector: 'desk-market-phase-badge',
  template: `
    @if (text(); as t) {
      <span class="market-phase market-phase--{{ phase() }}" role="status" data-testid="market-phase" [attr.data-phase]="phase()" [attr.title]="hint()">
        <span class="market-phase__dot" aria-hidden="true"></span>{{ t }}</span
      >
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarketPhaseBadge {
  private readonly store = inject(MarketStatusStore);
  private readonly hours = inject(MarketHoursStore);
  /** The feed's phase; without one, open or closed by the hours (the colour follows it). */
  protected readonly phase = computed<MarketSegmentPhase | null>(() => {
    const phase = this.store.nsePhase();
    if (phase) return phase;
    const hours = this.hours.hours();
    return hours ? (hours.open ? 'open' : 'closed') : null;
  });
  private readonly phaseLabel = computed(() => {
    const phase = this.store.nsePhase();
    return phase ? MARKET_PHASE_LABELS[phase] : '';
  });
  protected readonly text = computed(() => this.hours.label() ?? (this.phaseLabel() ? `NSE ${this.phaseLabel()}` : null));
  protected readonly hint = computed(() => {
    const upstox = this.store.nseUpstoxStatus();
    return upstox ? `NSE equity market: ${this.phaseLabel().toLowerCase()} (Upstox: ${upstox})` : null;
  });
}
