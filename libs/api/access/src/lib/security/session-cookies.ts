import { CSRF_COOKIE } from '@desk/contracts';
import type { CookieOptions, Response } from 'express';
import { NewSession, SESSION_COOKIE, SESSION_MAX_AGE_MS } from './session.service';

/** Host-only (no Domain), Path=/, SameSite=Strict; the session cookie is HttpOnly, the XSRF one readable by the SPA. */
const BASE: CookieOptions = { path: '/', sameSite: 'strict', maxAge: SESSION_MAX_AGE_MS };

export function setSessionCookies(res: Response, session: NewSession): void {
  res.cookie(SESSION_COOKIE, session.sessionToken, { ...BASE, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...BASE, httpOnly: false });
}

export function clearSessionCookies(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'strict', httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict' });
}
