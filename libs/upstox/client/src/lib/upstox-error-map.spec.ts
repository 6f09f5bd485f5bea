import { ErrorCode } from '@desk/contracts';
import { UpstoxApiError } from './upstox-api-error';
import { UPSTOX_ERROR_CODES } from './upstox-error-codes';
import {
  errorFromNetworkFailure,
  errorFromUpstoxResponse,
  fieldNameFromPropertyPath,
  malformedResponseError,
  notAvailableInSandboxError,
  UpstoxCallContext,
} from './upstox-error-map';

/** Every code listed in CONTRACT.md §3.1 (common, login, orders, data/account). */
const CONTRACT_CODES = [
  'UDAPI10000', 'UDAPI100016', 'UDAPI10005', 'UDAPI100015', 'UDAPI100050', 'UDAPI100067', 'UDAPI100036',
  'UDAPI100038', 'UDAPI100073', 'UDAPI100500', 'UDAPI100060',
  'UDAPI100068', 'UDAPI1017', 'UDAPI1018', 'UDAPI1022', 'UDAPI1023', 'UDAPI1024',
  'UDAPI1004', 'UDAPI1007', 'UDAPI1055', 'UDAPI1056', 'UDAPI1010', 'UDAPI100010', 'UDAPI100040', 'UDAPI100041',
  'UDAPI100049', 'UDAPI1026', 'UDAPI1052', 'UDAPI1118', 'UDAPI1119', 'UDAPI1154', 'UDAPI1156', 'UDAPI1158',
  'UDAPI1159', 'UDAPI1161', 'UDAPI100039', 'UDAPI100074', 'UDAPI100057', 'UDAPI1105', 'UDAPI1108', 'UDAPI1109',
  'UDAPI1009', 'UDAPI1011', 'UDAPI100011', 'UDAPI1027', 'UDAPI1028', 'UDAPI100042', 'UDAPI1019', 'UDAPI100072',
  'UDAPI1181', 'UDAPI1184', 'UDAPI1185', 'UDAPI1186', 'UDAPI1187', 'UDAPI1188',
];

/** The HTTP status Upstox answers each code with (400 unless documented otherwise). */
const STATUS_BY_CODE: Record<string, number> = { UDAPI100050: 401, UDAPI100067: 401, UDAPI10005: 429, UDAPI100500: 500, UDAPI100060: 404, UDAPI100072: 423 };

const EXPECTED: Record<string, ErrorCode> = {
  UDAPI100068: 'REDIRECT_URI_MISMATCH',
  UDAPI100016: 'INVALID_CREDENTIALS',
  UDAPI100050: 'TOKEN_INVALID',
  UDAPI10005: 'UPSTOX_RATE_LIMITED',
  UDAPI100074: 'SERVICE_WINDOW_CLOSED',
  UDAPI100072: 'SERVICE_WINDOW_CLOSED',
  UDAPI100010: 'ORDER_NOT_FOUND',
  UDAPI100040: 'ORDER_NOT_CANCELLABLE',
  UDAPI100041: 'ORDER_NOT_MODIFIABLE',
  UDAPI1154: 'STATIC_IP_REQUIRED',
  UDAPI100049: 'ACCOUNT_RESTRICTED',
  UDAPI100073: 'CLIENT_INACTIVE',
  UDAPI100500: 'UPSTOX_UNAVAILABLE',
  UDAPI1004: 'VALIDATION_FAILED',
  UDAPI1026: 'VALIDATION_FAILED',
  UDAPI1052: 'VALIDATION_FAILED',
  UDAPI1119: 'VALIDATION_FAILED',
  UDAPI100036: 'VALIDATION_FAILED',
  UDAPI1158: 'VALIDATION_FAILED',
};

const read: UpstoxCallContext = { method: 'GET', path: '/v2/user/profile', write: false };
const place: UpstoxCallContext = { method: 'POST', path: '/v3/order/place', write: true };

function upstoxBody(code: string, message = 'upstream says no', propertyPath: string | null = null) {
  const item = { error_code: code, message, property_path: propertyPath, invalid_value: 'CANARY-SECRET-123' };
  return { status: 'error', errors: [{ ...item, errorCode: code, propertyPath, invalidValue: item.invalid_value }] };
}

describe('Upstox error map', () => {
  it('covers every code of CONTRACT §3.1', () => {
    const missing = CONTRACT_CODES.filter((c) => !(c in UPSTOX_ERROR_CODES));
    expect(missing).toEqual([]);
  });

  it.each(CONTRACT_CODES)('%s becomes a typed error with a next step and the Upstox code', (code) => {
    const status = STATUS_BY_CODE[code] ?? 400;
    const err = errorFromUpstoxResponse(read, status, upstoxBody(code));
    const spec = UPSTOX_ERROR_CODES[code];
    expect(err).toBeInstanceOf(UpstoxApiError);
    expect(err.code).toBe(spec.code);
    expect(err.code).toBe(EXPECTED[code] ?? spec.code);
    expect(err.upstoxCode).toBe(code);
    expect(err.upstreamStatus).toBe(status);
    expect(err.nextStep && err.nextStep.length).toBeGreaterThan(10);
    expect(err.message.length).toBeGreaterThan(5);
    expect(err.httpStatus).toBe(spec.httpStatus);
    expect(err.outcome).toBe(status >= 500 ? 'unknown' : 'rejected');
    expect(JSON.stringify({ m: err.message, d: err.details, l: err.logDetail })).not.toContain('CANARY-SECRET-123');
    expect(err.logDetail).toContain(code);
    expect(err.logDetail).toContain('GET /v2/user/profile');
    expect(err.details).toStrictEqual(spec.code === 'VALIDATION_FAILED' ? [{ field: spec.field, message: spec.message }] : undefined);
  });

  it('says "Check your redirect URI" for UDAPI100068 under the guide\'s title', () => {
    const err = errorFromUpstoxResponse({ ...read, login: true }, 400, upstoxBody('UDAPI100068'));
    expect(err.title).toBe('Authorization Failed');
    expect(err.nextStep).toMatch(/^Check your redirect URI/);
  });

  it('turns Upstox property paths into our field names', () => {
    const err = errorFromUpstoxResponse(place, 400, upstoxBody('UDAPI100038', 'bad', 'trigger_price'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'triggerPrice', message: UPSTOX_ERROR_CODES['UDAPI100038'].message }]);
    expect(fieldNameFromPropertyPath('body.instrument_token')).toBe('instrumentKey');
    expect(fieldNameFromPropertyPath('some_new_field')).toBe('someNewField');
    expect(fieldNameFromPropertyPath(null)).toBeNull();
  });

  it('reads UDAPI1023 as "grant type" at the token endpoint and as "order id" elsewhere', () => {
    const login = errorFromUpstoxResponse({ method: 'POST', path: '/v2/login/authorization/token', write: false, login: true }, 400, upstoxBody('UDAPI1023'));
    expect(login.details).toEqual([{ field: 'grantType', message: 'The grant type is required.' }]);
    const order = errorFromUpstoxResponse(place, 400, upstoxBody('UDAPI1023'));
    expect(order.details).toEqual([{ field: 'orderId', message: 'The order id is required.' }]);
  });

  it('treats any 5xx as Upstox unavailable with an unknown outcome, whatever the code', () => {
    const err = errorFromUpstoxResponse(place, 503, upstoxBody('UDAPI100010'));
    expect(err.code).toBe('UPSTOX_UNAVAILABLE');
    expect(err.outcome).toBe('unknown');
    expect(err.upstoxCode).toBe('UDAPI100010');
  });

  it('makes a 429 on a write ambiguous but a 429 on a read a plain refusal', () => {
    expect(errorFromUpstoxResponse(place, 429, upstoxBody('UDAPI10005')).outcome).toBe('unknown');
    expect(errorFromUpstoxResponse(read, 429, upstoxBody('UDAPI10005')).outcome).toBe('rejected');
  });

  it('falls back on the HTTP status for unknown codes and unparseable bodies', () => {
    const unknownCode = errorFromUpstoxResponse(read, 400, upstoxBody('UDAPI999999', 'Something new'));
    expect(unknownCode.code).toBe('UPSTOX_ERROR');
    expect(unknownCode.message).toContain('Something new');
    expect(unknownCode.outcome).toBe('rejected');
    const html = errorFromUpstoxResponse(place, 403, undefined);
    expect(html.code).toBe('UPSTOX_ERROR');
    expect(html.outcome).toBe('unknown');
    expect(html.upstoxCode).toBeUndefined();
    expect(errorFromUpstoxResponse(read, 401, undefined).code).toBe('TOKEN_INVALID');
    expect(errorFromUpstoxResponse(read, 423, {}).code).toBe('SERVICE_WINDOW_CLOSED');
    expect(errorFromUpstoxResponse(read, 502, undefined).code).toBe('UPSTOX_UNAVAILABLE');
  });

  it('maps network failures: refused/DNS never sent, timeout and reset ambiguous', () => {
    const refused = errorFromNetworkFailure(place, 'refused', 'ECONNREFUSED');
    expect([refused.code, refused.title, refused.outcome]).toEqual(['UPSTOX_UNREACHABLE', 'Connection Failed', 'rejected']);
    expect(refused.message).toMatch(/network/);
    expect(errorFromNetworkFailure(read, 'dns', 'ENOTFOUND').outcome).toBe('rejected');
    const timeout = errorFromNetworkFailure(place, 'timeout', 'ECONNABORTED');
    expect([timeout.code, timeout.outcome, timeout.upstreamStatus]).toEqual(['UPSTOX_TIMEOUT', 'unknown', null]);
    expect(timeout.message).toMatch(/check the order book/);
    const reset = errorFromNetworkFailure(place, 'reset', 'ECONNRESET');
    expect([reset.code, reset.outcome]).toEqual(['UPSTOX_UNREACHABLE', 'unknown']);
  });

  it('has local refusals for the sandbox and malformed answers', () => {
    const sandbox = notAvailableInSandboxError('The order book');
    expect(sandbox.code).toBe('NOT_AVAILABLE_IN_SANDBOX');
    expect(sandbox.message).toContain('not available in the Upstox sandbox');
    const bad = malformedResponseError(place, 200, 'no order ids');
    expect([bad.code, bad.outcome]).toEqual(['UPSTOX_ERROR', 'unknown']);
  });
});
