import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { ErrorCode } from '@desk/contracts';
import { ConnectionStore } from '@desk/web/connect';
import { OrdersSection, OrdersStore } from '@desk/web/orders';
import { ApiKeysPanel, ProfilePanel, ProfileStore } from '@desk/web/profile';
import { ErrorCallout } from '@desk/web/ui';
import { SessionStore } from '../session/session-store';
import { TopBar } from '../top-bar/top-bar';

/** Codes that mean the Upstox connection itself is gone: re-read it so the top bar says so. */
const CONNECTION_LOST: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CONNECTION_EXPIRED', 'NOT_AUTHENTICATED', 'TOKEN_INVALID']);

/** The screen a trader keeps open: top bar, orders, account. Wires the domain stores together. */
@Component({
  selector: 'desk-dashboard-page',
  imports: [TopBar, OrdersSection, ProfilePanel, ApiKeysPanel, ErrorCallout],
  templateUrl: './dashboard-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly connection = inject(ConnectionStore);
  private readonly orders = inject(OrdersStore);
  private readonly profile = inject(ProfileStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** Changes when a different connection (user, token, environment) becomes usable. */
  private readonly connectionKey = computed(() => {
    if (!this.connection.isConnected()) return null;
    const s = this.connection.status();
    return `${s?.environment}|${s?.userId}|${s?.expiresAt}`;
  });

  /** Changes when an order fills or reaches a new status class: the moments money moves. */
  private readonly fillsKey = computed(() =>
    this.orders
      .orders()
      .map((o) => `${o.orderId}:${o.filledQuantity}:${o.statusClass}`)
      .join('|'),
  );

  constructor() {
    void this.connection.refresh();
    this.connection.startClock();
    effect(() => {
      const key = this.connectionKey();
      untracked(() => {
        if (key) {
          this.orders.activate();
          void this.profile.load();
        } else {
          this.orders.deactivate();
          this.profile.reset();
        }
      });
    });
    effect(() => {
      const codes = [this.orders.error()?.code, this.profile.profileError()?.code, this.profile.fundsError()?.code];
      if (codes.some((code) => code !== undefined && CONNECTION_LOST.has(code))) {
        untracked(() => void this.connection.refresh());
      }
    });
    let previousFills = '';
    effect(() => {
      const fills = this.fillsKey();
      untracked(() => {
        // The first list after connecting comes with the profile load; later changes re-read funds.
        if (previousFills !== '' && fills !== previousFills && this.connectionKey()) void this.profile.refreshFunds();
        previousFills = fills;
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.connection.stopClock();
      this.orders.deactivate();
    });
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/sign-in');
  }
}
