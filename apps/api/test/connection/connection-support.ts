import { BrowserAgent, HttpResponse, Navigation, rawRequest, Stack } from '../support/stack';

export const TOKEN_EXCHANGE = 'POST /v2/login/authorization/token';

/** The simulator's control API (/__sim/...), never counted as Upstox traffic. */
export async function sim(stack: Stack, method: string, path: string, body?: unknown): Promise<HttpResponse> {
  const res = await rawRequest({
    method,
    url: `${stack.simUrl}/__sim/${path}`,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`simulator ${method} ${path}: ${res.status} ${res.text}`);
  return res;
}

/** How many requests the simulator saw on one Upstox route (rejected ones included). */
export async function upstoxCalls(stack: Stack, route: string): Promise<number> {
  const counts = (await sim(stack, 'GET', 'calls')).body.counts as Record<string, number>;
  return counts[route] ?? 0;
}

export async function mintToken(stack: Stack): Promise<string> {
  return (await sim(stack, 'POST', 'tokens', {})).body.access_token as string;
}

export async function signedIn(stack: Stack): Promise<BrowserAgent> {
  const browser = stack.browser();
  await browser.signIn();
  return browser;
}

export interface OAuthStart {
  apiKey?: string;
  apiSecret?: string;
  redirectUri?: string;
  environment?: string;
}

/** POST /api/connection/oauth as the SPA does, with the simulator's demo app unless overridden. */
export async function startOAuth(stack: Stack, browser: BrowserAgent, over: OAuthStart = {}): Promise<HttpResponse> {
  return browser.api('POST', '/api/connection/oauth', {
    apiKey: stack.sim.app.clientId,
    apiSecret: stack.sim.app.clientSecret,
    redirectUri: stack.sim.app.redirectUri,
    environment: 'simulator',
    ...over,
  });
}

/**
 * Opens the authorization URL like the popup does, and answers the simulator's consent form. Returns the
 * simulator's redirect back to us (the callback URL with code/state or error/state) WITHOUT visiting it.
 */
export async function consent(browser: BrowserAgent, authorizationUrl: string, decision: 'approve' | 'deny'): Promise<string> {
  const page = await browser.navigate(authorizationUrl, { from: browser.apiUrl });
  if (page.response.status !== 200 || !page.response.text.includes('Upstox simulator - sign in')) {
    throw new Error(`expected the simulator sign-in page, got ${page.response.status}: ${page.response.text.slice(0, 300)}`);
  }
  const forms = page.response.text.match(/<form method="post" action="([^"]+)">/g) ?? [];
  if (forms.length !== 1) throw new Error(`expected exactly one form, found ${forms.length}`);
  const action = /action="([^"]+)"/.exec(forms[0])?.[1] ?? '';
  const hidden: Record<string, string> = {};
  for (const m of page.response.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]] = m[2];
  const answer = await browser.request('POST', new URL(action, page.url).toString(), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(page.url).origin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ ...hidden, decision }).toString(),
  });
  const location = answer.header('location');
  if (answer.status !== 302 || !location) throw new Error(`expected a 302 back to the app, got ${answer.status}`);
  return location;
}

/** Follows the simulator's redirect to /callback like a browser (a cross-site top-level navigation). */
export function visitCallback(browser: BrowserAgent, callbackUrl: string, simUrl: string): Promise<Navigation> {
  return browser.navigate(callbackUrl, { from: simUrl });
}

/** The whole Option A flow in one browser: start, consent, callback. */
export async function connectWithOAuth(stack: Stack, browser: BrowserAgent, decision: 'approve' | 'deny' = 'approve', over: OAuthStart = {}) {
  const started = await startOAuth(stack, browser, over);
  if (started.status !== 200) throw new Error(`oauth start failed: ${started.status} ${started.text}`);
  const callbackUrl = await consent(browser, started.body.authorizationUrl as string, decision);
  const landing = await visitCallback(browser, callbackUrl, stack.simUrl);
  return { started, callbackUrl, landing };
}

export function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

/** The visible cause on a failure page (HTML entities decoded for the few we emit). */
export function causeOf(html: string): string {
  const raw = /<p id="cause">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
  return raw.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}
