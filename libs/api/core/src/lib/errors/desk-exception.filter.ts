import { ApiErrorBody, DeskError, ERROR_TITLES, ErrorCode, ErrorTitle } from '@desk/contracts';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { DESK_PINO } from '../logging/desk-logger';
import { GuardErrors } from './guard-errors';

type LoggedRequest = Request & { id?: unknown; log?: Logger };

/** Nest's own HttpExceptions (404 route, bad JSON, ...) in our body, with fixed texts: their messages can echo input. */
function fromHttpStatus(status: number): DeskError {
  const make = (code: ErrorCode, message: string, title: ErrorTitle = ERROR_TITLES.requestRefused) =>
    new DeskError({ code, title, message, httpStatus: status });
  if (status === 404) return make('NOT_FOUND', 'No such route.');
  if (status === 405) return make('NOT_FOUND', 'This route does not accept this method.');
  if (status === 401) return GuardErrors.sessionRequired();
  if (status === 403) return make('ORIGIN_REFUSED', 'Request refused.');
  if (status === 413) return GuardErrors.payloadTooLarge('16 kB');
  if (status === 415) return GuardErrors.unsupportedMediaType();
  if (status === 429) return GuardErrors.rateLimited(1);
  if (status >= 400 && status < 500) {
    return make('VALIDATION_FAILED', 'The request is malformed (for example, the body is not valid JSON).', ERROR_TITLES.invalidInput);
  }
  return make('INTERNAL_ERROR', 'Something went wrong on the server. The details are in the server log.', ERROR_TITLES.requestRefused);
}

/** Errors raised by express middleware (body-parser: too large, bad charset) carry a status and a type. */
function statusOfMiddlewareError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return typeof status === 'number' && typeof type === 'string' && status >= 400 && status < 500 ? status : undefined;
}

export function toDeskError(error: unknown): { desk: DeskError; known: boolean } {
  if (error instanceof DeskError) return { desk: error, known: true };
  if (error instanceof HttpException) return { desk: fromHttpStatus(error.getStatus()), known: true };
  const status = statusOfMiddlewareError(error);
  if (status !== undefined) return { desk: fromHttpStatus(status), known: true };
  return { desk: fromHttpStatus(500), known: false };
}

/**
 * The one place failures become responses: a DeskError's body as is; anything else becomes a generic
 * body without internals. Every failure is logged with our code, the Upstox code and the log-only detail.
 */
@Catch()
export class DeskExceptionFilter implements ExceptionFilter {
  constructor(@Inject(DESK_PINO) private readonly rootLogger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<LoggedRequest>();
    const res = http.getResponse<Response>();
    const requestId = req?.id !== undefined ? String(req.id) : randomUUID();
    const { desk, known } = toDeskError(error);
    const logger = req?.log ?? this.rootLogger;
    const entry = {
      event: 'request_failed',
      requestId,
      status: desk.httpStatus,
      errorCode: desk.code,
      upstoxCode: desk.upstoxCode,
      reason: desk.logDetail ?? desk.message,
      ...(known ? {} : { err: error }),
    };
    if (desk.httpStatus >= 500) logger.error(entry, known ? desk.message : 'unexpected error');
    else logger.warn(entry, desk.message);
    if (!res || res.headersSent) return;
    const body: ApiErrorBody = desk.toBody(requestId);
    res.status(desk.httpStatus).setHeader('Cache-Control', 'no-store');
    const retryAfter = (desk.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (desk.httpStatus === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.json(body);
  }
}
