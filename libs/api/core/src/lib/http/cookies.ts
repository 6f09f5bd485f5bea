import type { NextFunction, Request, Response } from 'express';

/** Parses the Cookie header into req.cookies (first value wins; malformed pairs are skipped). */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export function parseCookies(req: Request, _res: Response, next: NextFunction): void {
  (req as Request & { cookies: Record<string, string> }).cookies = parseCookieHeader(req.headers.cookie);
  next();
}
