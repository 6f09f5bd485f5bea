import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { ApiErrorBody, SessionInfo, SignInRequest } from '@desk/contracts';
import { errorStatus, toApiErrorBody } from '@desk/web/http';
import { firstValueFrom } from 'rxjs';

export type SessionCheck = 'signed-in' | 'signed-out' | 'unreachable';

/** Sign-in to the dashboard itself (not to Upstox): the api's session cookie. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);

  private readonly _error = signal<ApiErrorBody | null>(null);
  private readonly _busy = signal(false);
  /** Why the last check or sign-in failed (other than simply having no session). */
  readonly error = this._error.asReadonly();
  readonly busy = this._busy.asReadonly();

  /**
   * Asks whether this browser has a session. The api answers "not signed in" as 200 {authenticated: false},
   * so a fresh start prints no HTTP error in the console; a 401 (an api from before that change) means the same.
   */
  async check(): Promise<SessionCheck> {
    try {
      const info = await firstValueFrom(this.http.get<SessionInfo>('/api/session'));
      this._error.set(null);
      return info.authenticated ? 'signed-in' : 'signed-out';
    } catch (e) {
      if (errorStatus(e) === 401) return 'signed-out';
      this._error.set(toApiErrorBody(e));
      return 'unreachable';
    }
  }

  async signIn(token: string): Promise<boolean> {
    this._busy.set(true);
    try {
      const body: SignInRequest = { token };
      await firstValueFrom(this.http.post('/api/session', body));
      this._error.set(null);
      return true;
    } catch (e) {
      this._error.set(toApiErrorBody(e));
      return false;
    } finally {
      this._busy.set(false);
    }
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.delete('/api/session'));
    } catch (e) {
      // Signing out of a session that is already gone is fine; anything else is worth saying.
      if (errorStatus(e) !== 401) this._error.set(toApiErrorBody(e));
    }
  }
}
