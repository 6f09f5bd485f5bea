/**
 * Sign-in to the dashboard itself (not to Upstox). The api prints a login link with a random
 * token at start; opening it, or posting the token here, creates an HttpOnly session cookie.
 */
export interface SignInRequest {
  token: string;
}

/** GET /api/session */
export interface SessionInfo {
  authenticated: boolean;
  /** How this request was authenticated. */
  via: 'session' | 'api-key' | null;
}

/** Angular's HttpClient reads this cookie and echoes it in the header on state changes. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
