import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, untracked } from '@angular/core';
import { ErrorCode, ORDER_STATUS_CLASSES } from '@desk/contracts';
import { ConnectionStore } from '@desk/web/connect';
import { DeskEvents } from '@desk/web/events';
import { OrdersSection, OrdersStore } from '@desk/web/orders';
import { HoldingsPanel, PortfolioStore, PositionsPanel } from '@desk/web/portfolio';
import { ProfilePanel, ProfileStore } from '@desk/web/profile';
import { ApiKeysPanel } from '@desk/web/profile/api-keys';
import { ErrorCallout } from '@desk/web/ui';
import { DeskNavigation } from '../navigation/desk-navigation';
import { SessionStore } from '../session/session-store';
import { TopBar } from '../top-bar/top-bar';

/** Codes that mean the Upstox connection itself is gone: re-read it so the top bar says so. */
const CONNECTION_LOST: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CONNECTION_EXPIRED', 'NOT_AUTHENTICATED', 'TOKEN_INVALID']);

/**
 * The screen a trader keeps open: top bar, orders, positions, holdings, account. Wires the domain
 * stores together and opens the event stream (GET /api/events) while connected.
 */
@Component({
  selector: 'desk-dashboard-page',
  imports: [TopBar, OrdersSection, PositionsPanel, HoldingsPanel, ProfilePanel, ApiKeysPanel, ErrorCallout],
  templateUrl: './dashboard-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly connection = inject(ConnectionStore);
  private readonly events = inject(DeskEvents);
  private readonly orders = inject(OrdersStore);
  private readonly portfolio = inject(PortfolioStore);
  private readonly profile = inject(ProfileStore);
  private readonly session = inject(SessionStore);
  private readonly navigation = inject(DeskNavigation);

  /**
   * Changes when a different connection (user, token, environment) becomes readable. Read-only (the daily token died,
   * the extended token still reads) keeps the key: the lists stay and keep loading from snapshots.
   */
  private readonly connectionKey = computed(() => {
    if (!this.connection.canRead()) return null;
    const s = this.connection.status();
    return `${s?.environment}|${s?.userId}|${s?.expiresAt}`;
  });

  /**
   * Changes when an order fills or reaches a new status class: the moments money moves. Totals are enough (a fill
   * only adds to an order's filled quantity, and an order moves on from its status class), and cheap: one string
   * of every order's id cost about 7 ms per change in a 10,000-order book, on each order event.
   */
  private readonly fillsKey = computed(() => {
    const orders = this.orders.orders();
    if (orders.length === 0) return ''; // no list yet (or none today): the first one is not a change
    const filled = orders.reduce((sum, o) => sum + o.filledQuantity, 0);
    const counts = this.orders.statusCounts();
    return `${orders.length}|${filled}|${ORDER_STATUS_CLASSES.map((c) => counts[c]).join(',')}`;
  });

  constructor() {
    void this.connection.refresh();
    this.connection.startClock();
    effect(() => {
      const key = this.connectionKey();
      untracked(() => {
        // Another account (or none): its events and lists start from scratch.
        this.events.stop();
        if (key) {
          this.events.start();
          this.orders.activate();
          this.portfolio.activate();
          void this.profile.load();
        } else {
          this.orders.deactivate();
          this.portfolio.deactivate();
          this.profile.reset();
        }
      });
    });
    effect(() => {
      const stream = this.connection.isConnected() ? (this.connection.status()?.stream ?? null) : null;
      untracked(() => this.events.reportUpstream(stream));
    });
    effect(() => {
      const codes = [
        this.orders.error()?.code,
        this.portfolio.positions.error()?.code,
        this.portfolio.holdings.error()?.code,
        this.profile.profileError()?.code,
        this.profile.fundsError()?.code,
      ];
      if (codes.some((code) => code !== undefined && CONNECTION_LOST.has(code))) {
        untracked(() => void this.connection.refresh());
      }
    });
    let previousFills = '';
    effect(() => {
      const fills = this.fillsKey();
      untracked(() => {
        // The first list after connecting comes with the profile load; later fills re-read funds and
        // positions, unless updates are live (then `funds` and `position` events bring them).
        if (previousFills !== '' && fills !== previousFills && this.connectionKey() && !this.events.live()) {
          void this.profile.refreshFunds();
          void this.portfolio.reload();
        }
        previousFills = fills;
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.connection.stopClock();
      this.events.stop();
      this.orders.deactivate();
      this.portfolio.deactivate();
    });
  }

  protected async signOut(): Promise<void> {
    // Closed first: the api ends the session's event stream with it, and a stream cut mid-response is logged by the
    // browser as a failed request (ERR_INCOMPLETE_CHUNKED_ENCODING).
    this.events.stop();
    await this.session.signOut();
    await this.navigation.go('/sign-in');
  }
}
