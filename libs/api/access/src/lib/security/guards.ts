import { ApiKeyScope, DeskError } from '@desk/contracts';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GuardErrors, HostAllowlist } from '@desk/api/core';
import { Authenticator } from './authenticator';
import { assertNotFromAnotherSite } from './fetch-metadata';
import { InboundLimiter } from './inbound-limiter';
import { DeskRequest, IS_PUBLIC, REQUIRED_SCOPE, SESSION_ONLY } from './principal';
import { VerifiedSession } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_OF = Symbol('desk:verified-session');

type RequestWithSession = DeskRequest & { [SESSION_OF]?: VerifiedSession };

/** 1. Authentication: every route needs a session or an API key unless marked @Public(). */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithSession>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    let result;
    try {
      result = this.authenticator.authenticate(req);
    } catch (error) {
      // A public route ignores a wrong API key, but not the 429 of an address that sent too many of them.
      if (isPublic && !(error instanceof DeskError && error.code === 'RATE_LIMITED')) return true;
      throw error;
    }
    req.principal = result.principal;
    req[SESSION_OF] = result.session;
    if (!result.principal && !isPublic) throw GuardErrors.sessionRequired();
    return true;
  }
}

/**
 * 2. Cross-site defence for the cookie: any cookie-authenticated /api request whose Sec-Fetch-Site names
 * another site (another localhost port included) is refused, reads too; state changes also need an allowed
 * Origin (or Sec-Fetch-Site: same-origin) plus X-XSRF-TOKEN equal to the XSRF-TOKEN cookie of this session.
 * API-key requests carry no cookies and a browser cannot add their Authorization header cross-site without
 * CORS, so they skip it. Runs before the rate limit: a refused request spends nothing.
 * 3. Bodies must be JSON (415), whoever sends them.
 */
@Injectable()
export class RequestOriginGuard implements CanActivate {
  constructor(
    private readonly hosts: HostAllowlist,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithSession>();
    assertNotFromAnotherSite(req, req.principal);
    if (SAFE_METHODS.has(req.method)) return true;
    if (req.principal?.kind !== 'api-key') {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!this.hosts.isAllowedOrigin(origin)) throw GuardErrors.originRefused(`origin ${JSON.stringify(origin.slice(0, 100))}`);
      } else if (req.headers['sec-fetch-site'] !== 'same-origin') {
        throw GuardErrors.originRefused('no Origin header and Sec-Fetch-Site is not same-origin');
      }
      const session = req[SESSION_OF];
      if (session && !this.authenticator.csrfMatches(req, session)) throw GuardErrors.csrfFailed();
    }
    if (hasBody(req) && !isJson(req.headers['content-type'])) throw GuardErrors.unsupportedMediaType();
    return true;
  }
}

function hasBody(req: DeskRequest): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

/** 4. Scopes: API keys need `read` for reads and `trade` for writes unless the route says otherwise. */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<DeskRequest>();
    const principal = req.principal;
    if (principal?.kind !== 'api-key') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets)) throw GuardErrors.sessionOnly();
    const declared = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, targets);
    const required: ApiKeyScope = declared ?? (SAFE_METHODS.has(req.method) ? 'read' : 'trade');
    if (!principal.scopes.includes(required)) throw GuardErrors.scopeMissing(required);
    return true;
  }
}

/**
 * 5. Inbound rate limit per session / API key (per client address for anonymous requests), in the bucket of
 * the route (see inboundBucketOf). The exception filter adds Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: InboundLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const retryAfterSeconds = this.limiter.take(context.switchToHttp().getRequest<DeskRequest>());
    if (retryAfterSeconds > 0) throw GuardErrors.rateLimited(retryAfterSeconds);
    return true;
  }
}
