import { ApiKeyScope } from '@desk/contracts';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/** Who made the request: the browser session or an API key (with its scopes). */
export interface Principal {
  kind: 'session' | 'api-key';
  id: string;
  scopes: ApiKeyScope[];
}

export const SESSION_SCOPES: ApiKeyScope[] = ['read', 'trade'];

/** The authenticated request as the guards leave it. */
export interface DeskRequest extends Request {
  principal?: Principal;
  /** The request id (X-Request-Id), set by core's requestLogging before any guard runs. */
  id?: string;
}

export const IS_PUBLIC = 'desk:public';
export const REQUIRED_SCOPE = 'desk:required-scope';
export const SESSION_ONLY = 'desk:session-only';

/** Marks a route reachable without a session or API key (keep this list short: health, /callback, sign-in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The API-key scope a route needs. Without it, API keys need `read` for GET/HEAD and `trade` for anything else;
 * sessions have every scope.
 */
export const RequireScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

/** Only a browser session may call this route (key management, broker connection): API keys get 403. */
export const SessionOnly = () => SetMetadata(SESSION_ONLY, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => {
  return context.switchToHttp().getRequest<DeskRequest>().principal;
});
