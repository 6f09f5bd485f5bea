import { Injectable } from '@nestjs/common';
import { Clock, randomToken, sameSecret, sha256 } from '@desk/api/core';
import { PrincipalRevocations } from './principal-revocations';
import { SessionRepository } from './session.repository';

export const SESSION_COOKIE = 'desk_session';
/** Absolute lifetime of a dashboard session, and how long it may sit unused. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600_000;
export const SESSION_IDLE_MS = 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** Cookie value (HttpOnly). */
  sessionToken: string;
  /** XSRF-TOKEN cookie value, echoed by the SPA in X-XSRF-TOKEN. */
  csrfToken: string;
}

export interface VerifiedSession {
  /** Stable, non-secret id for logs, rate limits and bindings (a prefix of the stored hash). */
  id: string;
  csrfHash: string;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly revocations: PrincipalRevocations,
  ) {}

  create(): NewSession {
    const now = this.clock.now().getTime();
    this.sessions.deleteExpired(now, now - SESSION_IDLE_MS);
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    this.sessions.insert({
      idHash: sha256(sessionToken),
      csrfHash: sha256(csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_MAX_AGE_MS,
    });
    return { sessionToken, csrfToken };
  }

  verify(sessionToken: string | undefined): VerifiedSession | undefined {
    if (!sessionToken || sessionToken.length > 200) return undefined;
    const idHash = sha256(sessionToken);
    const row = this.sessions.find(idHash);
    if (!row) return undefined;
    const now = this.clock.now().getTime();
    if (row.expiresAt <= now || row.lastSeenAt + SESSION_IDLE_MS <= now) {
      this.sessions.delete(idHash);
      return undefined;
    }
    if (now - row.lastSeenAt > TOUCH_EVERY_MS) this.sessions.touch(idHash, now);
    return { id: idHash.slice(0, 16), csrfHash: row.csrfHash };
  }

  /** The header must equal the cookie, and both must be the token issued with this session. */
  csrfMatches(session: VerifiedSession, header: string | undefined, cookie: string | undefined): boolean {
    if (!header || !cookie || header.length > 200 || !sameSecret(header, cookie)) return false;
    return sha256(header) === session.csrfHash;
  }

  revoke(sessionToken: string | undefined): void {
    if (!sessionToken) return;
    const idHash = sha256(sessionToken);
    this.sessions.delete(idHash);
    this.revocations.notify({ kind: 'session', id: idHash.slice(0, 16) });
  }
}
