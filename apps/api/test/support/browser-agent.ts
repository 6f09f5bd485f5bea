import { CSRF_COOKIE, CSRF_HEADER } from '@desk/contracts';
import { CookieJar } from './cookie-jar';
import { HttpResponse, rawRequest } from './http-client';

export interface NavigateOptions {
  method?: 'GET' | 'POST';
  /** Form fields, sent as application/x-www-form-urlencoded (a plain HTML form post). */
  form?: Record<string, string>;
  /** The page the navigation starts from (undefined = typed into the address bar). */
  from?: string;
  headers?: Record<string, string>;
  maxRedirects?: number;
}

export interface Navigation {
  /** The final response (the first one that is not a redirect). */
  response: HttpResponse;
  /** The final URL. */
  url: string;
  /** Every hop with its status, in order. */
  chain: { url: string; status: number; location?: string }[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A scripted browser for api tests: a cookie jar with host-only and SameSite rules, top-level navigations
 * that follow redirects by hand (including cross-origin hops to the simulator and back), and `api()`
 * calls that look exactly like the SPA's (same Origin, X-XSRF-TOKEN from the cookie, JSON bodies).
 */
export class BrowserAgent {
  readonly jar = new CookieJar();

  constructor(
    readonly apiUrl: string,
    private readonly loginToken: string,
  ) {}

  /** One request with this browser's cookies (no redirect following); stores the cookies it sets. */
  async request(
    method: string,
    url: string,
    init: { headers?: Record<string, string | null>; body?: string | Buffer; crossSite?: boolean } = {},
  ): Promise<HttpResponse> {
    const target = new URL(url);
    const cookie = this.jar.header(target, { crossSite: init.crossSite, method });
    const response = await rawRequest({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body,
    });
    this.jar.store(target, response.setCookies);
    return response;
  }

  /** A top-level navigation (link, address bar or form post), following redirects like a browser. */
  async navigate(url: string, options: NavigateOptions = {}): Promise<Navigation> {
    const chain: Navigation['chain'] = [];
    const initiator = options.from ? new URL(options.from) : undefined;
    let method = options.method ?? 'GET';
    let body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    let current = new URL(url);
    let crossSite = initiator !== undefined && initiator.hostname !== current.hostname;
    for (let hop = 0; hop <= (options.maxRedirects ?? 10); hop++) {
      const headers: Record<string, string> = {
        accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
        'sec-fetch-site': !initiator ? 'none' : crossSite ? 'cross-site' : initiator.origin === current.origin ? 'same-origin' : 'same-site',
        ...options.headers,
      };
      if (method === 'POST' && initiator) headers['origin'] = initiator.origin;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await this.request(method, current.toString(), { headers, body, crossSite });
      const location = response.header('location');
      chain.push({ url: current.toString(), status: response.status, location });
      if (!REDIRECTS.has(response.status) || !location) return { response, url: current.toString(), chain };
      const next = new URL(location, current);
      if (response.status !== 307 && response.status !== 308) {
        method = 'GET';
        body = undefined;
      }
      // Browsers treat the whole chain as cross-site once any hop left the initiator's site.
      crossSite = crossSite || (initiator ? initiator.hostname !== next.hostname : current.hostname !== next.hostname);
      current = next;
    }
    throw new Error(`Too many redirects from ${url}: ${chain.map((c) => `${c.status} ${c.url}`).join(' -> ')}`);
  }

  /**
   * Signs in like the dashboard's sign-in form (the lasting login token posted to /api/session; the printed
   * link works only once per start); afterwards the jar holds the session and XSRF-TOKEN cookies.
   */
  async signIn(): Promise<HttpResponse> {
    const response = await this.api('POST', '/api/session', { token: this.loginToken });
    if (response.status !== 200 || !this.xsrfToken()) {
      throw new Error(`Sign-in failed: ${response.status} ${response.text}`);
    }
    return response;
  }

  xsrfToken(): string | undefined {
    return this.jar.get(CSRF_COOKIE, new URL(this.apiUrl).hostname)?.value;
  }

  /**
   * A call like the SPA's HttpClient makes: same-origin fetch with the cookies, Origin, the XSRF header and a
   * JSON body. `headers` may override or remove (null) any of them.
   */
  api(method: string, path: string, body?: unknown, headers: Record<string, string | null> = {}): Promise<HttpResponse> {
    const xsrf = this.xsrfToken();
    const base: Record<string, string | null> = {
      accept: 'application/json, text/plain, */*',
      origin: this.apiUrl,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'cors',
      ...(xsrf && method !== 'GET' && method !== 'HEAD' ? { [CSRF_HEADER.toLowerCase()]: xsrf } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    for (const [name, value] of Object.entries(headers)) {
      const existing = Object.keys(base).find((key) => key.toLowerCase() === name.toLowerCase());
      if (existing) delete base[existing];
      base[name.toLowerCase()] = value;
    }
    return this.request(method, `${this.apiUrl}${path}`, {
      headers: base,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}
