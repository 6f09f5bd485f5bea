/** Upstox's response envelopes (CONTRACT §3). */

export interface UpstoxErrorItem {
  error_code: string;
  message: string;
  property_path: string | null;
  invalid_value: unknown;
  /** Deprecated camelCase duplicates that Upstox still emits. */
  errorCode: string;
  propertyPath: string | null;
  invalidValue: unknown;
}

export interface ErrorDetail {
  code: string;
  message: string;
  propertyPath?: string | null;
  invalidValue?: unknown;
}

export function errorItem(detail: ErrorDetail): UpstoxErrorItem {
  const propertyPath = detail.propertyPath ?? null;
  const invalidValue = detail.invalidValue === undefined ? null : detail.invalidValue;
  return {
    error_code: detail.code,
    message: detail.message,
    property_path: propertyPath,
    invalid_value: invalidValue,
    errorCode: detail.code,
    propertyPath,
    invalidValue,
  };
}

export function errorBody(details: ErrorDetail[]): { status: 'error'; errors: UpstoxErrorItem[] } {
  return { status: 'error', errors: details.map(errorItem) };
}

export function successBody<T>(data: T, latencyMs?: number): Record<string, unknown> {
  const body: Record<string, unknown> = { status: 'success', data };
  if (latencyMs !== undefined) body['metadata'] = { latency: latencyMs };
  return body;
}

/** Thrown by handlers; the server turns it into the Upstox error envelope. */
export class UpstoxHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly details: ErrorDetail[],
  ) {
    super(details.map((d) => `${d.code}: ${d.message}`).join('; '));
  }

  static of(httpStatus: number, code: string, message: string, propertyPath?: string, invalidValue?: unknown): UpstoxHttpError {
    return new UpstoxHttpError(httpStatus, [{ code, message, propertyPath, invalidValue }]);
  }
}

/** The codes the simulator uses, with Upstox's messages. */
export const ERR = {
  invalidToken: () => UpstoxHttpError.of(401, 'UDAPI100050', 'Invalid token used to access API'),
  notFound: () => UpstoxHttpError.of(404, 'UDAPI100060', 'Resource not Found'),
  methodNotAllowed: () => UpstoxHttpError.of(405, 'UDAPI10000', 'This request is not supported by Upstox API'),
  rateLimited: () => UpstoxHttpError.of(429, 'UDAPI10005', 'Too Many Request Sent'),
  serverError: (status = 500) => UpstoxHttpError.of(status, 'UDAPI100500', 'Something went wrong... please contact us'),
  invalidInput: (propertyPath?: string, invalidValue?: unknown, message = 'Invalid input passed to the API') =>
    UpstoxHttpError.of(400, 'UDAPI100038', message, propertyPath, invalidValue),
  orderNotFound: (orderId: string) =>
    UpstoxHttpError.of(400, 'UDAPI100010', 'Unknown order id | order request rejected', 'order_id', orderId),
} as const;
