/** Field names that hold secrets anywhere in a log object (Upstox OAuth and our own sign-in). */
export const SECRET_FIELDS = [
  'token',
  'code',
  'state',
  'apiSecret',
  'api_secret',
  'accessToken',
  'access_token',
  'extended_token',
  'extendedToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'clientSecret',
  'secret',
  'authorization',
  'password',
  'key',
  'loginToken',
  'sessionToken',
  'csrfToken',
];

const SECRET_HEADERS = ['authorization', 'cookie', 'x-xsrf-token', 'x-api-key', 'set-cookie', 'proxy-authorization'];

export const REDACTED = '[REDACTED]';

/** `Refresh-Token`, `refresh_token` and `refreshToken` are one name. */
function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SECRET_NAMES = new Set([...SECRET_FIELDS, ...SECRET_HEADERS].map(normalizedName));
/** Cheap test before parsing a line: a key that might be one of the secret names. */
const MAYBE_SECRET_KEY = /"[^"]*(?:token|secret|code|state|password|key|authori[sz]ation|cookie)[^"]*"\s*:/i;

function censor(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = censor(item);
      changed ||= result.changed;
      return result.value;
    });
    return { value: items, changed };
  }
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (SECRET_NAMES.has(normalizedName(key))) {
      out[key] = REDACTED;
      changed ||= child !== REDACTED;
    } else {
      const result = censor(child);
      out[key] = result.value;
      changed ||= result.changed;
    }
  }
  return { value: out, changed };
}

/**
 * The one redaction of every JSON log line (pino's streamWrite hook, so stdout and LOG_FILE alike): a secret
 * field or header name at any depth and in any spelling (`Authorization`, `refresh-token`, `extendedToken`,
 * `x-api-key`, ...) has its value replaced. Lines without such a key pass untouched, after one regex test.
 */
export function redactLine(line: string): string {
  if (!MAYBE_SECRET_KEY.test(line)) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line;
  }
  const { value, changed } = censor(parsed);
  if (!changed) return line;
  return JSON.stringify(value) + (line.endsWith('\n') ? '\n' : '');
}

/** Request headers worth logging; everything else (cookies, tokens, custom headers) stays out. */
export const LOGGED_HEADERS = ['host', 'origin', 'user-agent', 'content-type', 'content-length', 'sec-fetch-site'];

/** The URL without its query string: redact cannot mask part of a string, so `?token=`/`?code=` never reach a line. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
