import { CSRF_COOKIE } from '@desk/contracts';
import { Injectable } from '@nestjs/common';
import { GuardErrors } from '@desk/api/core';
import { ApiKeyService } from './api-key.service';
import { InboundLimiter } from './inbound-limiter';
import { DeskRequest, Principal, SESSION_SCOPES } from './principal';
import { SESSION_COOKIE, SessionService, VerifiedSession } from './session.service';

export interface Authentication {
  principal?: Principal;
  /** Set for cookie-authenticated requests (they need the CSRF checks). */
  session?: VerifiedSession;
}

function cookie(req: DeskRequest, name: string): string | undefined {
  const cookies = (req as { cookies?: Record<string, unknown> }).cookies;
  const value = cookies?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Resolves who is calling: an API key (`Authorization: Bearer desk_...`) or the session cookie.
 * A Bearer header is decisive: a wrong key is refused even when a session cookie is also present.
 * Wrong keys spend the caller address's budget, and an address that spent it gets 429 before its next key
 * is even looked up.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionService,
    private readonly apiKeys: ApiKeyService,
    private readonly limits: InboundLimiter,
  ) {}

  authenticate(req: DeskRequest): Authentication {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const wait = this.limits.wrongApiKeyWait(req);
      if (wait > 0) throw GuardErrors.rateLimited(wait);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const key = match ? this.apiKeys.verify(match[1]) : undefined;
      if (!key) {
        this.limits.recordWrongApiKey(req);
        throw GuardErrors.apiKeyInvalid();
      }
      return { principal: { kind: 'api-key', id: key.id, scopes: key.scopes } };
    }
    const session = this.sessions.verify(cookie(req, SESSION_COOKIE));
    if (!session) return {};
    return { principal: { kind: 'session', id: session.id, scopes: [...SESSION_SCOPES] }, session };
  }

  csrfMatches(req: DeskRequest, session: VerifiedSession): boolean {
    const header = req.headers['x-xsrf-token'];
    return this.sessions.csrfMatches(session, typeof header === 'string' ? header : undefined, cookie(req, CSRF_COOKIE));
  }
}
