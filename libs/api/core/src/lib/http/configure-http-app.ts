import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { WEB_CONFIG, WebConfig } from '../config/web.config';
import { GuardErrors } from '../errors/guard-errors';
import { DESK_PINO } from '../logging/desk-logger';
import { requestLogContext } from '../logging/desk-nest-logger';
import { requestLogging } from '../logging/request-log';
import { HostAllowlist } from './host-allowlist';
import { parseCookies } from './cookies';
import { JSON_BODY_LIMIT, rejectForbiddenKeys } from './json-body';
import { securityHeaders } from './security-headers';
import { isServerPath, spaFallback, staticCacheHeaders } from './web-static';

/**
 * The express-level pipeline, in request order, before Nest's routing and guards:
 * request log + id -> Host allowlist (static files included) -> security headers -> cookies ->
 * no-store for /api -> JSON body (16 kB, nothing else is parsed) -> prototype-key check -> SPA files.
 * Create the app with `bodyParser: false` so no urlencoded/text parser ever runs.
 */
export function configureHttpPipeline(app: NestExpressApplication): void {
  const hosts = app.get(HostAllowlist);
  const web = app.get<WebConfig>(WEB_CONFIG);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers are no-store, so an ETag (a hash of every JSON answer) is never used; static files keep theirs.
  app.set('etag', false);
  app.use(requestLogging(app.get<Logger>(DESK_PINO), (log, next) => requestLogContext.run(log, next)));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const host = req.headers.host;
    next(hosts.isAllowedHost(host) ? undefined : GuardErrors.hostRefused(host ?? '(missing)'));
  });
  app.use(securityHeaders());
  app.use(parseCookies);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isServerPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(rejectForbiddenKeys);
  // The dashboard's files; /api and /callback never touch the disk (a stat per API request cost ~15 % of a read).
  const files = serveStatic(web.distDir, { index: false, redirect: false, dotfiles: 'ignore', setHeaders: staticCacheHeaders });
  app.use((req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : files(req, res, next)));
  app.use(spaFallback(web.distDir));
}
