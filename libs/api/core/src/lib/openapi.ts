import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { GuardErrors } from './errors/guard-errors';
import { Authenticator } from './security/authenticator';
import { assertNotFromAnotherSite } from './security/fetch-metadata';
import { InboundLimiter } from './security/inbound-limiter';
import { DeskRequest } from './security/principal';
import { SESSION_COOKIE } from './security/session.service';
import { DESK_VERSION } from './version';

export const OPENAPI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
export const OPENAPI_YAML_PATH = 'api/docs-yaml';

/**
 * OpenAPI at /api/docs (+ /api/docs-json, /api/docs-yaml), generated from the controllers and DTOs. Behind the
 * same sign-in as the api (session or API key): it lists nothing secret, but there is no reason to show it
 * to strangers. Every path Swagger serves is listed here (express mounts match whole path segments, so
 * /api/docs does not cover /api/docs-yaml).
 */
export function setupOpenApi(app: NestExpressApplication): void {
  const authenticator = app.get(Authenticator);
  const limiter = app.get(InboundLimiter);
  // The same checks as the global guards (these pages are served outside Nest's routing).
  const requireSignIn = (req: Request, _res: Response, next: NextFunction) => {
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
  };
  for (const path of [OPENAPI_PATH, OPENAPI_JSON_PATH, OPENAPI_YAML_PATH]) app.use(`/${path}`, requireSignIn);
  const config = new DocumentBuilder()
    .setTitle('Upstox Desk API')
    .setDescription('Local REST gateway to your own Upstox account. Sign in with the dashboard session or an API key.')
    .setVersion(DESK_VERSION)
    .addCookieAuth(SESSION_COOKIE)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key (desk_...)' })
    .build();
  const document = () => SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: OPENAPI_YAML_PATH });
}
