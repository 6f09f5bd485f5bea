import { Injectable, inject, signal } from '@angular/core';
import { ApiErrorBody, Funds, Profile } from '@desk/contracts';
import { toApiErrorBody } from '@desk/web/ui';
import { ProfileApi } from './profile-api';

/** The connected user's profile and funds; each can fail on its own (the sandbox has neither). */
@Injectable({ providedIn: 'root' })
export class ProfileStore {
  private readonly api = inject(ProfileApi);

  private readonly _profile = signal<Profile | null>(null);
  private readonly _funds = signal<Funds | null>(null);
  private readonly _loading = signal(false);
  private readonly _profileError = signal<ApiErrorBody | null>(null);
  private readonly _fundsError = signal<ApiErrorBody | null>(null);

  readonly profile = this._profile.asReadonly();
  readonly funds = this._funds.asReadonly();
  readonly loading = this._loading.asReadonly();
  readonly profileError = this._profileError.asReadonly();
  readonly fundsError = this._fundsError.asReadonly();

  async load(): Promise<void> {
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
    try {
      this._funds.set(await this.api.funds());
      this._fundsError.set(null);
    } catch (e) {
      this._fundsError.set(toApiErrorBody(e));
    }
  }
}
