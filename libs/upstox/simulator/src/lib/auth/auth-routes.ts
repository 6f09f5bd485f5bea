import { ERR, ErrorDetail, UpstoxHttpError, successBody } from '../envelope';
import { contentTypeOf, parseFormBody, redirect, Reply, RequestContext } from '../http/request-context';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { DEMO_USER, profileData } from '../user/demo-user';
import { loginExpiredPage, loginPage } from './login-page';

/** Where the dialog sends the browser: mirrors Upstox's hosted login (login.upstox.com/login/v2/oauth/authorize). */
export const LOGIN_PAGE_PATH = '/login/v2/oauth/authorize';

const wrongApp = (): UpstoxHttpError =>
  UpstoxHttpError.of(400, 'UDAPI100068', "Check your 'client_id' and 'redirect_uri'; one or both are incorrect");
const invalidCredentials = (): UpstoxHttpError => UpstoxHttpError.of(400, 'UDAPI100016', 'Invalid Credentials');

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

const html = (body: string, status = 200): Reply => ({
  status,
  raw: body,
  contentType: 'text/html; charset=utf-8',
  headers: { 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *" },
});

/** GET /v2/login/authorization/dialog (CONTRACT §2.1). Problems answer JSON 400 UDAPI100068, like the API gateway. */
function dialog(core: SimulatorCore, ctx: RequestContext): Reply {
  const q = ctx.query;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  if (q.get('response_type') !== 'code' || clientId !== core.app.clientId || redirectUri !== core.app.redirectUri) {
    throw wrongApp();
  }
  const login = core.tokens.createLoginRequest({ clientId, redirectUri, state: q.get('state') }, core.clock.now());
  return redirect(`${ctx.origin}${LOGIN_PAGE_PATH}?request_id=${encodeURIComponent(login.id)}`);
}

function showLogin(core: SimulatorCore, ctx: RequestContext): Reply {
  const login = core.tokens.peekLoginRequest(ctx.query.get('request_id') ?? '', core.clock.now());
  if (!login) return html(loginExpiredPage(), 400);
  return html(
    loginPage({ action: LOGIN_PAGE_PATH, requestId: login.id, clientId: login.clientId, redirectUri: login.redirectUri, userName: DEMO_USER.user_name }),
  );
}

/** Approve -> redirect_uri?code&state; Deny -> redirect_uri?error=access_denied&state (our documented choice). */
function decide(core: SimulatorCore, ctx: RequestContext): Reply {
  const form = parseFormBody(ctx);
  const now = core.clock.now();
  const login = core.tokens.takeLoginRequest(form.get('request_id') ?? '', now);
  if (!login) return html(loginExpiredPage(), 400);
  if (form.get('decision') !== 'approve') {
    return redirect(withParams(login.redirectUri, { error: 'access_denied', state: login.state }));
  }
  const code = core.tokens.issueCode({ clientId: login.clientId, redirectUri: login.redirectUri, userId: DEMO_USER.user_id }, now);
  return redirect(withParams(login.redirectUri, { code: code.code, state: login.state }));
}

/** POST /v2/login/authorization/token (CONTRACT §2.2): form fields, documented codes, FLAT response. */
function exchange(core: SimulatorCore, ctx: RequestContext): Reply {
  const form = contentTypeOf(ctx) === 'application/x-www-form-urlencoded' ? parseFormBody(ctx) : new URLSearchParams();
  const get = (name: string): string => form.get(name) ?? '';
  const missing: ErrorDetail[] = [];
  const need = (field: string, code: string, message: string): void => {
    if (!get(field)) missing.push({ code, message, propertyPath: field, invalidValue: null });
  };
  need('code', 'UDAPI1022', 'Code is required');
  need('client_id', 'UDAPI1017', 'API Key is required');
  need('client_secret', 'UDAPI1024', 'App Secret is required');
  need('redirect_uri', 'UDAPI1018', 'Redirect URI is required');
  need('grant_type', 'UDAPI1023', 'Grant type is required');
  // The code is consumed by this attempt whatever happens next (CONTRACT §2.2).
  const code = get('code') ? core.tokens.consumeCode(get('code'), core.clock.now()) : null;
  if (missing.length) throw new UpstoxHttpError(400, missing);
  if (get('grant_type') !== 'authorization_code') throw invalidCredentials();
  if (get('client_id') !== core.app.clientId || get('client_secret') !== core.app.clientSecret) throw invalidCredentials();
  if (!code || code.clientId !== get('client_id') || code.redirectUri !== get('redirect_uri')) throw invalidCredentials();
  const now = core.clock.now();
  const token = core.tokens.issueToken(code.userId, now);
  // The app setting decides whether Upstox hands out a read-only extended token; the same one again unless regenerated.
  const extended = core.tokens.issuesExtendedTokens ? core.tokens.extendedTokenFor(code.userId, now, get('refresh_extended_token') === 'true') : null;
  return { status: 200, body: { ...profileData(), access_token: token.token, extended_token: extended?.token ?? null } };
}

function logout(core: SimulatorCore, ctx: RequestContext): Reply {
  if (!ctx.accessToken) throw ERR.invalidToken();
  core.tokens.revoke(ctx.accessToken);
  core.closeFeedsOfDeadTokens(); // the logged-out token's portfolio sockets stop too
  return { status: 200, body: successBody(true) };
}

export function authRoutes(core: SimulatorCore): Route[] {
  return [
    { method: 'GET', path: '/v2/login/authorization/dialog', auth: 'none', rateGroup: null, handler: (ctx) => dialog(core, ctx) },
    { method: 'GET', path: LOGIN_PAGE_PATH, auth: 'none', rateGroup: null, handler: (ctx) => showLogin(core, ctx) },
    { method: 'POST', path: LOGIN_PAGE_PATH, auth: 'none', rateGroup: null, handler: (ctx) => decide(core, ctx) },
    { method: 'POST', path: '/v2/login/authorization/token', auth: 'none', rateGroup: null, handler: (ctx) => exchange(core, ctx) },
    { method: 'DELETE', path: '/v2/logout', auth: 'bearer', rateGroup: 'standard', handler: (ctx) => logout(core, ctx) },
  ];
}
