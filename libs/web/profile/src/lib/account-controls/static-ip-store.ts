import { Injectable, computed, inject } from '@angular/core';
import { StaticIpView } from '@desk/contracts';
import { RequestState } from '@desk/web/http';
import { AccountControlsApi } from './account-controls-api';

/**
 * The static IPs registered at Upstox for the connected user, read once per connection and shared by the account
 * panel and the orders section (which warns before an order when none is registered: Upstox refuses every order).
 */
@Injectable({ providedIn: 'root' })
export class StaticIpStore {
  private readonly api = inject(AccountControlsApi);
  private readonly read = new RequestState<StaticIpView | null>(null);

  readonly view = this.read.data;
  readonly loading = this.read.loading;
  readonly error = this.read.error;
  /** The last read got no answer from the desk's api: the view last read stays, under a short note. */
  readonly noAnswer = this.read.noAnswer;
  readonly answeredError = this.read.answeredError;
  /** Upstox has no static IP for this user: orders will be refused (never true in the sandbox). */
  readonly missing = computed(() => this.view()?.missing === true);

  /**
   * Called by every component that shows it, with whether an account can be read: the first caller while connected
   * reads (once), a disconnect forgets the previous user's IPs.
   */
  follow(connected: boolean): void {
    if (!connected) {
      this.read.reset();
      return;
    }
    if (!this.read.loaded() && !this.read.loading() && !this.read.error()) void this.read.run(() => this.api.staticIp());
  }

  /** Asks Upstox again (after registering an IP, the Refresh of the account panel). */
  async refresh(): Promise<void> {
    await this.read.run(() => this.api.staticIp(true));
  }
}
