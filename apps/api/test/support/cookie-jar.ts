export interface StoredCookie {
  name: string;
  value: string;
  /** Host the cookie belongs to (host-only cookies, as the api sets them). */
  host: string;
  path: string;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none';
  expiresAt?: number;
  /** The raw Set-Cookie line, to assert flags. */
  raw: string;
}

/**
 * A browser-like cookie jar: cookies are scoped by host name (not port, as in browsers), path prefix and
 * expiry; SameSite=Strict cookies are withheld on cross-site requests and Lax ones on cross-site
 * non-GET requests.
 */
export class CookieJar {
  private cookies: StoredCookie[] = [];

  store(url: URL, setCookieLines: string[]): void {
    for (const raw of setCookieLines) {
      const [pair, ...attributes] = raw.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, eq),
        value: pair.slice(eq + 1),
        host: url.hostname,
        path: '/',
        httpOnly: false,
        sameSite: 'lax',
        raw,
      };
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const value = rest.join('=');
        switch (key.toLowerCase()) {
          case 'path':
            cookie.path = value || '/';
            break;
          case 'httponly':
            cookie.httpOnly = true;
            break;
          case 'samesite':
            cookie.sameSite = value.toLowerCase() as StoredCookie['sameSite'];
            break;
          case 'max-age':
            cookie.expiresAt = Date.now() + Number(value) * 1000;
            break;
          case 'expires':
            cookie.expiresAt ??= Date.parse(value);
            break;
        }
      }
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.host === cookie.host && c.path === cookie.path));
      if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
    }
  }

  /** The Cookie header for a request to `url`, initiated from `siteOf` (undefined = same site). */
  header(url: URL, options: { crossSite?: boolean; method?: string } = {}): string | undefined {
    const now = Date.now();
    const sent = this.cookies.filter((c) => {
      if (c.host !== url.hostname || !url.pathname.startsWith(c.path)) return false;
      if (c.expiresAt !== undefined && c.expiresAt <= now) return false;
      if (options.crossSite && c.sameSite === 'strict') return false;
      if (options.crossSite && c.sameSite === 'lax' && (options.method ?? 'GET') !== 'GET') return false;
      return true;
    });
    return sent.length > 0 ? sent.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  get(name: string, host?: string): StoredCookie | undefined {
    return this.cookies.find((c) => c.name === name && (host === undefined || c.host === host));
  }

  all(): StoredCookie[] {
    return [...this.cookies];
  }

  clear(): void {
    this.cookies = [];
  }
}
