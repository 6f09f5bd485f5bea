import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { GuardErrors } from './errors/guard-errors';
import { Authenticator } from './security/authenticator';
import { DeskRequest } from './security/principal';
import { SESSION_COOKIE } from './security/session.service';
import { DESK_VERSION } from './version';

export const OPENAPI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/**
 * OpenAPI at /api/docs (+ /api/docs-json), generated from the controllers and DTOs. Behind the same sign-in
 * as the api (session or API key): it lists nothing secret, but there is no reason to show it to strangers.
 */
export function setupOpenApi(app: NestExpressApplication): void {
  const authenticator = app.get(Authenticator);
  const requireSignIn = (req: Request, _res: Response, next: NextFunction) => {
    try {
      next(authenticator.authenticate(req as DeskRequest).principal ? undefined : GuardErrors.sessionRequired());
    } catch (error) {
      next(error);
    }
  };
  app.use(`/${OPENAPI_PATH}`, requireSignIn);
  app.use(`/${OPENAPI_JSON_PATH}`, requireSignIn);
  const config = new DocumentBuilder()
    .setTitle('Upstox Desk API')
    .setDescription('Local REST gateway to your own Upstox account. Sign in with the dashboard session or an API key.')
    .setVersion(DESK_VERSION)
    .addCookieAuth(SESSION_COOKIE)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key (desk_...)' })
    .build();
  const document = () => SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/docs-yaml' });
}
