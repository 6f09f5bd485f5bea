import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, ErrorCode, isApiErrorBody } from '@desk/contracts';

/**
 * What every failed /api call rejects with once the interceptor has run: the api's own error
 * body (or one we build for failures that never reached it), plus the HTTP status.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly body: ApiErrorBody,
    readonly status: number,
    /** The api never answered this request itself (see `isNoAnswer`). */
    readonly noAnswer = false,
  ) {
    super(body.message);
    this.name = 'ApiRequestError';
  }
}

/** The api is unreachable or a dev proxy answered for it: the request may never have arrived. */
function unreachable(status: number, requestId: string): ApiErrorBody {
  return {
    code: 'INTERNAL_ERROR',
    title: 'Connection Failed',
    message:
      status === 0
        ? 'Upstox Desk could not reach its api: the request got no answer.'
        : `Upstox Desk could not reach its api (HTTP ${status}).`,
    nextStep: 'Check that `npm start` is still running and your network is up, then try again.',
    requestId,
  };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'SESSION_REQUIRED',
  404: 'NOT_FOUND',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * The api never answered the request itself: no answer at all (status 0), or a proxy's 502/503/504 in its place (the
 * dev server's, when the api is down). The api's own errors, a 503 too, carry its error body.
 */
export function isNoAnswer(error: HttpErrorResponse): boolean {
  const status = error.status;
  return (status === 0 || status === 502 || status === 503 || status === 504) && !isApiErrorBody(parseBody(error.error));
}

export function httpErrorToBody(error: HttpErrorResponse): ApiErrorBody {
  const body = parseBody(error.error);
  if (isApiErrorBody(body)) return body;
  const requestId = error.headers?.get('x-request-id') ?? '';
  if (isNoAnswer(error)) {
    return unreachable(error.status, requestId);
  }
  return {
    code: CODE_BY_STATUS[error.status] ?? 'INTERNAL_ERROR',
    title: 'Request refused',
    message: `The api answered HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''} without an explanation.`,
    nextStep: 'Try again; if it keeps failing, check the server log.',
    requestId,
  };
}

/** Any rejection from an api call, as the body the user is shown. Never throws. */
export function toApiErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiRequestError) return error.body;
  if (error instanceof HttpErrorResponse) return httpErrorToBody(error);
  if (isApiErrorBody(error)) return error;
  return {
    code: 'INTERNAL_ERROR',
    title: 'Request refused',
    message: error instanceof Error && error.message ? error.message : 'Something went wrong in the dashboard.',
    nextStep: 'Reload the page and try again.',
    requestId: '',
  };
}

/** True when an api call failed without an answer from the api (see `isNoAnswer`). */
export function gotNoAnswer(error: unknown): boolean {
  if (error instanceof ApiRequestError) return error.noAnswer;
  if (error instanceof HttpErrorResponse) return isNoAnswer(error);
  return false;
}

/** The HTTP status behind an api rejection; 0 when there was no answer at all. */
export function errorStatus(error: unknown): number {
  if (error instanceof ApiRequestError) return error.status;
  if (error instanceof HttpErrorResponse) return error.status;
  return 0;
}
