import { GuardErrors, OpenApiAccess } from '@desk/api/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Authenticator } from './security/authenticator';
import { assertNotFromAnotherSite } from './security/fetch-metadata';
import { InboundLimiter } from './security/inbound-limiter';
import { DeskRequest } from './security/principal';
import { SESSION_COOKIE } from './security/session.service';

/**
 * The docs are behind the same sign-in as the api (session or API key): they list nothing secret, but there is
 * no reason to show them to strangers. The gate repeats the global guards' checks.
 */
export function openApiAccess(app: NestExpressApplication): OpenApiAccess {
  const authenticator = app.get(Authenticator);
  const limiter = app.get(InboundLimiter);
  return {
    gate: (req: Request, _res: Response, next: NextFunction) => {
      try {
        const deskRequest = req as DeskRequest;
        const { principal } = authenticator.authenticate(deskRequest);
        if (!principal) return next(GuardErrors.sessionRequired());
        assertNotFromAnotherSite(deskRequest, principal);
        deskRequest.principal = principal;
        const retryAfterSeconds = limiter.take(deskRequest);
        next(retryAfterSeconds > 0 ? GuardErrors.rateLimited(retryAfterSeconds) : undefined);
      } catch (error) {
        next(error);
      }
    },
    addSecuritySchemes: (builder) =>
      builder
        .addCookieAuth(SESSION_COOKIE)
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key (desk_...)' }),
  };
}
