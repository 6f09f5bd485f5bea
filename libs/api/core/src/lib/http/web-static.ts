import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/** Paths the SPA never owns. */
export function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/callback' || path.startsWith('/callback/');
}

/** Angular's hashed bundle names (main-ABCD1234.js) never change content: cache them for a year. */
export function isFingerprinted(file: string): boolean {
  return /-[A-Z0-9]{8,}\.(js|css|mjs|woff2?|ttf|svg|png|jpg|webp)$/i.test(basename(file));
}

export function staticCacheHeaders(res: Response, file: string): void {
  if (basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
  else if (isFingerprinted(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}

const MISSING_BUILD_PAGE = (dir: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Upstox Desk</title></head><body><h1>Upstox Desk api is running</h1>
<p>The dashboard build was not found in <code>${dir.replace(/[<>&"]/g, '')}</code>.
Build it with <code>npx nx build web</code> (or set WEB_DIST_DIR), then reload.</p></body></html>`;

/**
 * SPA fallback: GET/HEAD of a path without a file extension, outside /api and /callback, gets index.html.
 * `/?link=` (the one-time sign-in link) and `/?token=` (refused there with a page saying why) go on to the
 * sign-in route.
 */
export function spaFallback(distDir: string) {
  const index = join(distDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    if (req.path === '/' && (req.query['link'] !== undefined || req.query['token'] !== undefined)) return next();
    if (extname(req.path) !== '') return next();
    if (!existsSync(index)) {
      res.status(200).type('html').setHeader('Cache-Control', 'no-store');
      res.send(MISSING_BUILD_PAGE(distDir));
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error) => (error ? next(error) : undefined));
  };
}
