import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { SessionInfo, SignInRequest } from '@desk/contracts';
import { RequestStatus, errorStatus, toApiErrorBody } from '@desk/web/http';
import { firstValueFrom } from 'rxjs';

export type SessionCheck = 'signed-in' | 'signed-out' | 'unreachable';

/** Sign-in to the dashboard itself (not to Upstox): the api's session cookie. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);

  /** The sign-in request; check and sign-out report their failures through it too. */
  private readonly request = new RequestStatus();
  /** Why the last check or sign-in failed (other than simply having no session). */
  readonly error = this.request.error;
  /** A sign-in is in flight. */
  readonly busy = this.request.loading;

  /**
   * Asks whether this browser has a session. The api answers "not signed in" as 200 {authenticated: false},
   * so a fresh start prints no HTTP error in the console; a 401 (an api from before that change) means the same.
   */
  async check(): Promise<SessionCheck> {
    try {
      const info = await firstValueFrom(this.http.get<SessionInfo>('/api/session'));
      this.request.clearError();
      return info.authenticated ? 'signed-in' : 'signed-out';
    } catch (e) {
      if (errorStatus(e) === 401) return 'signed-out';
      this.request.fail(toApiErrorBody(e));
      return 'unreachable';
    }
  }

  async signIn(token: string): Promise<boolean> {
    const body: SignInRequest = { token };
    return this.request.track(
      () => firstValueFrom(this.http.post('/api/session', body)),
      () => undefined,
    );
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.delete('/api/session'));
    } catch (e) {
      // Signing out of a session that is already gone is fine; anything else is worth saying.
      if (errorStatus(e) !== 401) this.request.fail(toApiErrorBody(e));
    }
  }
}
