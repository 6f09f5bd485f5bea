import { GuardErrors, pathOnly } from '@desk/api/core';
import { DeskRequest, Principal } from './principal';

/** Sec-Fetch-Site of the dashboard's own calls (same-origin) and of what the user typed or bookmarked (none). */
const OWN_SITES = new Set(['same-origin', 'none']);

/**
 * Another page on localhost (another port) is same-site: the SameSite=Strict session cookie goes with its
 * requests, reads included. A browser that says where a request comes from (Sec-Fetch-Site) and names
 * anything else than this origin or the user is refused for cookie-authenticated /api requests, so such a
 * page cannot spend the session's limits or the Upstox read budget. Clients without the header (curl,
 * scripts, old browsers) are unaffected; writes also need Origin + CSRF (RequestOriginGuard).
 */
export function assertNotFromAnotherSite(req: DeskRequest, principal: Principal | undefined): void {
  if (principal?.kind !== 'session') return;
  // originalUrl: middleware mounted on a path (the OpenAPI pages) sees a shortened req.path.
  const path = pathOnly(req.originalUrl ?? req.url).toLowerCase(); // routes match case-insensitively
  if (path !== '/api' && !path.startsWith('/api/')) return;
  const site = req.headers['sec-fetch-site'];
  if (site === undefined) return;
  const value = String(site).trim().toLowerCase();
  if (!OWN_SITES.has(value)) throw GuardErrors.originRefused(`cookie request with Sec-Fetch-Site ${JSON.stringify(value.slice(0, 40))}`);
}
