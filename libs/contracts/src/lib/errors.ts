/**
 * Error body of every failed /api request, and the stable codes clients may branch on.
 * `title` is one of the user's guide's headings where one applies, so the UI can show
 * exactly the words the guide's troubleshooting section explains.
 */
export const ERROR_TITLES = {
  authorizationFailed: 'Authorization Failed',
  connectionFailed: 'Connection Failed',
  notAuthenticated: 'Not authenticated',
  invalidInput: 'Invalid input',
  orderRejected: 'Order rejected',
  upstoxError: 'Upstox error',
  requestRefused: 'Request refused',
} as const;
export type ErrorTitle = (typeof ERROR_TITLES)[keyof typeof ERROR_TITLES];

export const ERROR_CODES = [
  // dashboard sign-in and request guards
  'SESSION_REQUIRED',
  'API_KEY_INVALID',
  'API_KEY_SCOPE',
  'CSRF_FAILED',
  'ORIGIN_REFUSED',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'INTERNAL_ERROR',
  // Upstox connection
  'NOT_AUTHENTICATED',
  'CONNECTION_EXPIRED',
  'OAUTH_STATE_INVALID',
  'REDIRECT_URI_MISMATCH',
  'AUTH_CODE_INVALID',
  'INVALID_CREDENTIALS',
  'ACCESS_DENIED',
  'CLIENT_INACTIVE',
  'TOKEN_INVALID',
  'UPSTOX_UNREACHABLE',
  'UPSTOX_TIMEOUT',
  'UPSTOX_RATE_LIMITED',
  'UPSTOX_UNAVAILABLE',
  'UPSTOX_ERROR',
  'NOT_AVAILABLE_IN_SANDBOX',
  'SERVICE_WINDOW_CLOSED',
  'STATIC_IP_REQUIRED',
  'ACCOUNT_RESTRICTED',
  'EXTENDED_TOKEN_NOT_PERMITTED',
  // orders
  'ORDER_NOT_FOUND',
  'ORDER_NOT_CANCELLABLE',
  'ORDER_NOT_MODIFIABLE',
  'ORDER_REJECTED',
  'ORDER_OUTCOME_UNKNOWN',
  'ORDERS_HALTED',
  'RISK_LIMIT',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_FLIGHT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One message per invalid field; `field` uses the request body's property name. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  title: ErrorTitle;
  /** The concrete reason, in plain words. */
  message: string;
  /** What the user should do next ("Reconnect using the Connect button", ...). */
  nextStep?: string;
  /** The UDAPI... code Upstox answered with, when the failure came from Upstox. */
  upstoxCode?: string;
  /** Field errors for VALIDATION_FAILED; other structured details otherwise. */
  details?: FieldError[] | Record<string, unknown>;
  requestId: string;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && typeof v['message'] === 'string' && typeof v['title'] === 'string';
}
