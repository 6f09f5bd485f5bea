import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ApiErrorBody, FundsView, Profile } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { toApiErrorBody } from '@desk/web/http';
import { ProfileApi } from './profile-api';

/**
 * The connected user's profile and funds; each can fail on its own (the sandbox has neither).
 * Funds follow `funds` events while updates are live; otherwise the dashboard re-reads them on fills.
 */
@Injectable({ providedIn: 'root' })
export class ProfileStore {
  private readonly api = inject(ProfileApi);
  private readonly events = inject(DeskEvents);

  private readonly _profile = signal<Profile | null>(null);
  private readonly _funds = signal<FundsView | null>(null);
  private readonly _loading = signal(false);
  private readonly _profileError = signal<ApiErrorBody | null>(null);
  private readonly _fundsError = signal<ApiErrorBody | null>(null);

  readonly profile = this._profile.asReadonly();
  readonly funds = this._funds.asReadonly();
  readonly loading = this._loading.asReadonly();
  readonly profileError = this._profileError.asReadonly();
  readonly fundsError = this._fundsError.asReadonly();

  /** Between load() and reset(): events and resyncs apply. */
  private active = false;
  /** Bumped by reset() and by each funds event, so an older funds read never overwrites newer funds. */
  private fundsVersion = 0;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('funds')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => {
        if (!this.active) return;
        this.fundsVersion++;
        this._funds.set(data);
        this._fundsError.set(null);
      });
    this.events.sync$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (this.active) void this.loadFunds();
    });
  }

  async load(): Promise<void> {
    this.active = true;
    this._loading.set(true);
    await Promise.all([this.loadProfile(), this.loadFunds()]);
    this._loading.set(false);
  }

  /** Funds move when orders fill or end (margin blocked or released): re-read just them. */
  async refreshFunds(): Promise<void> {
    await this.loadFunds();
  }

  /** Disconnected: forget the previous user's data. */
  reset(): void {
    this.active = false;
    this.fundsVersion++;
    this._profile.set(null);
    this._funds.set(null);
    this._profileError.set(null);
    this._fundsError.set(null);
  }

  private async loadProfile(): Promise<void> {
    try {
      this._profile.set(await this.api.profile());
      this._profileError.set(null);
    } catch (e) {
      this._profileError.set(toApiErrorBody(e));
    }
  }

  private async loadFunds(): Promise<void> {
    const version = this.fundsVersion;
    try {
      const funds = await this.api.funds();
      if (version !== this.fundsVersion) return;
      this._funds.set(funds);
      this._fundsError.set(null);
    } catch (e) {
      if (version === this.fundsVersion) this._fundsError.set(toApiErrorBody(e));
    }
  }
}
