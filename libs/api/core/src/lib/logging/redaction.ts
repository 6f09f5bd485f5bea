/** Field names that hold secrets anywhere in a log object (Upstox OAuth and our own sign-in). */
export const SECRET_FIELDS = [
  'token',
  'code',
  'state',
  'apiSecret',
  'api_secret',
  'accessToken',
  'access_token',
  'client_secret',
  'clientSecret',
  'password',
  'key',
  'loginToken',
  'sessionToken',
  'csrfToken',
];

const SECRET_HEADERS = ['authorization', 'cookie', 'x-xsrf-token', 'x-api-key', 'set-cookie', 'proxy-authorization'];

/** pino `redact` paths: secret headers, and each secret field name at depths 0-4 of any logged object. */
export function redactPaths(): string[] {
  const headerPaths = SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]);
  const prefixes = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];
  const fieldPaths = prefixes.flatMap((prefix) => SECRET_FIELDS.map((field) => `${prefix}${field}`));
  return [...headerPaths, ...fieldPaths];
}

/** Request headers worth logging; everything else (cookies, tokens, custom headers) stays out. */
export const LOGGED_HEADERS = ['host', 'origin', 'user-agent', 'content-type', 'content-length', 'sec-fetch-site'];

/** The URL without its query string: redact cannot mask part of a string, so `?token=`/`?code=` never reach a line. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
