/**
 * The short-lived cookies of the OAuth flow. Path=/callback keeps them off every other request; SameSite=Lax
 * because the session cookie (Strict) is not sent on Upstox's cross-site redirect back, but a Lax cookie is
 * sent on that top-level GET navigation, so it can bind `state` to the browser that started the flow.
 */
export const TRANSACTION_COOKIE = 'desk_oauth_tx';
/** Carries a random id of the flow's outcome from /callback to the clean /callback/done page. */
export const OUTCOME_COOKIE = 'desk_oauth_outcome';
export const CALLBACK_PATH = '/callback';
export const OUTCOME_TTL_MS = 5 * 60_000;

export interface CookieOptions {
  maxAgeMs: number;
  secure: boolean;
}

export function serializeFlowCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${CALLBACK_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeMs / 1000))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearFlowCookie(name: string, secure: boolean): string {
  return serializeFlowCookie(name, '', { maxAgeMs: 0, secure });
}

/**
 * Reads one cookie from a Cookie header without depending on a parser middleware. Returns null when the
 * cookie is absent or appears more than once (an injected duplicate must not win).
 */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  if (values.length !== 1) return null;
  const value = values[0];
  return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : null;
}
