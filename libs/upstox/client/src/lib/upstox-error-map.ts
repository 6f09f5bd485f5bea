import { ERROR_TITLES, FieldError } from '@desk/contracts';
import { UpstoxApiError, UpstoxCallOutcome } from './upstox-api-error';
import { UPSTOX_ERROR_CODES, UPSTOX_FIELD_NAMES, UPSTOX_LOGIN_ERROR_CODES, UpstoxErrorSpec } from './upstox-error-codes';
import { UpstoxWireErrorItem } from './upstox-wire.types';

/** What the error mapper needs to know about the call. Path never carries the query string. */
export interface UpstoxCallContext {
  method: string;
  path: string;
  /** Order writes: an ambiguous answer means "maybe placed". */
  write: boolean;
  /** Token exchange: codes read differently (UDAPI1023 = grant type). */
  login?: boolean;
}

export type NetworkFailureKind = 'timeout' | 'refused' | 'dns' | 'reset' | 'other';

function describe(ctx: UpstoxCallContext): string {
  return `${ctx.method.toUpperCase()} ${ctx.path}`;
}

function firstErrorItem(body: unknown): UpstoxWireErrorItem | null {
  if (typeof body !== 'object' || body === null) return null;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first: unknown = errors[0];
  return typeof first === 'object' && first !== null ? (first as UpstoxWireErrorItem) : null;
}

function itemsOf(body: unknown): UpstoxWireErrorItem[] {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : null;
  return Array.isArray(errors) ? errors.filter((e): e is UpstoxWireErrorItem => typeof e === 'object' && e !== null) : [];
}

function codeOf(item: UpstoxWireErrorItem | null): string | undefined {
  const code = item?.error_code ?? item?.errorCode;
  return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

/** `body.trigger_price` or `trigger_price` -> `triggerPrice`. */
export function fieldNameFromPropertyPath(path: string | null | undefined): string | null {
  if (typeof path !== 'string' || path.trim() === '') return null;
  const last = path.trim().split('.').pop() ?? '';
  if (last === '') return null;
  return UPSTOX_FIELD_NAMES[last] ?? last.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Field errors for VALIDATION_FAILED. The invalid value is never echoed: it could be a secret
 * (client_secret) or a code.
 */
function fieldErrors(items: UpstoxWireErrorItem[], spec: UpstoxErrorSpec, table: Record<string, UpstoxErrorSpec>): FieldError[] {
  const out: FieldError[] = [];
  for (const item of items) {
    const code = codeOf(item);
    const itemSpec = (code && table[code]) || spec;
    const field = fieldNameFromPropertyPath(item.property_path ?? item.propertyPath) ?? itemSpec.field ?? 'request';
    out.push({ field, message: itemSpec.message });
  }
  return out.length > 0 ? out : [{ field: spec.field ?? 'request', message: spec.message }];
}

function specForStatus(status: number): UpstoxErrorSpec {
  if (status === 401) return UPSTOX_ERROR_CODES['UDAPI100050'];
  if (status === 423) {
    return { ...UPSTOX_ERROR_CODES['UDAPI100072'], message: 'This Upstox service is in its daily maintenance window (00:00 to 05:30 IST).' };
  }
  if (status === 429) return UPSTOX_ERROR_CODES['UDAPI10005'];
  if (status >= 500) return UPSTOX_ERROR_CODES['UDAPI100500'];
  return {
    code: 'UPSTOX_ERROR', title: ERROR_TITLES.upstoxError, httpStatus: 502,
    message: `Upstox refused the request (HTTP ${status}).`,
    nextStep: 'Try again; if it keeps happening, check the server logs for the Upstox error.',
  };
}

/** Whether an answer with this status leaves the request's effect unknown. */
function isAmbiguousStatus(status: number, write: boolean): boolean {
  return status >= 500 || (write && status === 429);
}

/**
 * An Upstox error answer (non-2xx, or an `{status:"error"}` body) -> our typed error.
 * `body` is the parsed JSON, or undefined when the body was not JSON.
 */
export function errorFromUpstoxResponse(ctx: UpstoxCallContext, status: number, body: unknown): UpstoxApiError {
  const table = ctx.login ? { ...UPSTOX_ERROR_CODES, ...UPSTOX_LOGIN_ERROR_CODES } : UPSTOX_ERROR_CODES;
  const item = firstErrorItem(body);
  const upstoxCode = codeOf(item);
  const upstoxMessage = typeof item?.message === 'string' ? item.message : '';
  const known = upstoxCode ? table[upstoxCode] : undefined;
  // A 5xx is "Upstox unavailable" whatever code it carries: the request may or may not have run.
  const spec = status >= 500 ? specForStatus(status) : known ?? specForStatus(status);
  const parsed = body !== undefined && item !== null;
  const outcome: UpstoxCallOutcome = !parsed || isAmbiguousStatus(status, ctx.write) ? 'unknown' : 'rejected';
  const details = spec.code === 'VALIDATION_FAILED' ? fieldErrors(itemsOf(body), spec, table) : undefined;
  const unknownCodeNote = upstoxCode && !known ? ` Upstox said: ${upstoxMessage || upstoxCode}.` : '';
  return new UpstoxApiError({
    code: spec.code,
    title: spec.title,
    httpStatus: spec.httpStatus,
    message: spec.message + unknownCodeNote,
    nextStep: spec.nextStep,
    upstoxCode,
    details,
    upstreamStatus: status,
    outcome,
    logDetail: `Upstox ${describe(ctx)} -> HTTP ${status} ${upstoxCode ?? '(no code)'} ${upstoxMessage || (parsed ? '' : '(body not an Upstox error)')}`.trim(),
  });
}

/** A 2xx whose body is not the documented shape. The effect of the call is unknown. */
export function malformedResponseError(ctx: UpstoxCallContext, status: number, reason: string): UpstoxApiError {
  return new UpstoxApiError({
    code: 'UPSTOX_ERROR',
    title: ERROR_TITLES.upstoxError,
    httpStatus: 502,
    message: 'Upstox answered with something the desk could not read.',
    nextStep: ctx.write ? 'Check the order book before trying again: the request may have been processed.' : 'Try again; if it keeps happening, check the server logs.',
    upstreamStatus: status,
    outcome: 'unknown',
    logDetail: `Upstox ${describe(ctx)} -> HTTP ${status}: ${reason}`,
  });
}

export function errorFromNetworkFailure(ctx: UpstoxCallContext, kind: NetworkFailureKind, systemCode: string | undefined): UpstoxApiError {
  const log = `Upstox ${describe(ctx)} -> network ${kind}${systemCode ? ` (${systemCode})` : ''}`;
  const writeNote = ctx.write ? ' The order request may have reached Upstox: check the order book before trying again.' : '';
  if (kind === 'timeout') {
    return new UpstoxApiError({
      code: 'UPSTOX_TIMEOUT', title: ERROR_TITLES.connectionFailed, httpStatus: 504,
      message: `Upstox did not answer in time.${writeNote}`,
      nextStep: 'Check your internet connection and whether the Upstox API is accessible, then try again.',
      upstreamStatus: null, outcome: 'unknown', logDetail: log,
    });
  }
  // Refused / DNS: the request never left this machine, so nothing can have happened at Upstox.
  const neverSent = kind === 'refused' || kind === 'dns';
  return new UpstoxApiError({
    code: 'UPSTOX_UNREACHABLE', title: ERROR_TITLES.connectionFailed, httpStatus: 502,
    message: neverSent
      ? 'Upstox could not be reached: a network issue (connection refused or name not resolved).'
      : `The network connection to Upstox broke before an answer arrived.${writeNote}`,
    nextStep: 'Check your internet connection and whether the Upstox API is accessible, then try again.',
    upstreamStatus: null, outcome: neverSent ? 'rejected' : 'unknown', logDetail: log,
  });
}

/** Our own limiter refused the call before it was sent. */
export function outboundRateLimitedError(kind: 'read' | 'write'): UpstoxApiError {
  return new UpstoxApiError({
    code: 'RATE_LIMITED', title: ERROR_TITLES.requestRefused, httpStatus: 429,
    message: kind === 'write'
      ? 'Too many order requests in a short time: the desk keeps below Upstox\u2019s order rate limits.'
      : 'Too many Upstox requests in a short time: the desk keeps below Upstox\u2019s rate limits.',
    nextStep: 'Wait a second and try again.',
    upstreamStatus: null, outcome: 'rejected', logDetail: `outbound ${kind} budget exhausted; request not sent to Upstox`,
  });
}

export function notAvailableInSandboxError(what: string): UpstoxApiError {
  return new UpstoxApiError({
    code: 'NOT_AVAILABLE_IN_SANDBOX', title: ERROR_TITLES.requestRefused, httpStatus: 400,
    message: `${what} is not available in the Upstox sandbox (the sandbox serves order placement, modification and cancellation only).`,
    nextStep: 'Connect to the live environment or the simulator to use this.',
    upstreamStatus: null, outcome: 'rejected', logDetail: `sandbox: ${what} refused locally`,
  });
}
