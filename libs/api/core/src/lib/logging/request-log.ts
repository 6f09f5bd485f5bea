import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { LOGGED_HEADERS, pathOnly } from './redaction';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type LoggedRequest = IncomingMessage & { id?: string; originalUrl?: string };

/**
 * One request's log. The line a request ends with, and every line logged while it is handled, carry its `req`
 * fields (id, method, path without the query, a few harmless headers). The pino child that binds those fields is
 * made only when a line is logged during the request, not for every request: making it on each one cost about
 * 0.25 ms of every order write (bench/results/order-path.md).
 */
export class RequestLog {
  private child: Logger | null = null;
  private readonly startedAt = Date.now();
  private ended = false;

  constructor(
    private readonly root: Logger,
    private readonly req: LoggedRequest,
    readonly id: string,
  ) {}

  /** The logger for lines written while this request is handled. */
  get logger(): Logger {
    this.child ??= this.root.child({ req: this.fields() });
    return this.child;
  }

  /** The request's one closing line: when the answer was sent, or the connection closed or failed first. */
  end(res: ServerResponse, error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    const status = res.statusCode;
    const failed = error ?? (status >= 500 ? new Error(`failed with status code ${status}`) : undefined);
    const level = failed ? 'error' : status >= 400 ? 'warn' : 'info';
    const line: Record<string, unknown> = { res: { statusCode: status } };
    if (failed) line['err'] = { type: failed.name, message: failed.message, stack: failed.stack };
    line['responseTime'] = Date.now() - this.startedAt;
    this.logger[level](line, `${this.req.method} ${pathOnly(this.url())} ${status}`);
  }

  private url(): string | undefined {
    return this.req.originalUrl ?? this.req.url;
  }

  private fields(): Record<string, unknown> {
    const headers: Record<string, unknown> = {};
    for (const name of LOGGED_HEADERS) if (this.req.headers[name] !== undefined) headers[name] = this.req.headers[name];
    return { id: this.id, method: this.req.method, url: pathOnly(this.url()), remoteAddress: this.req.socket?.remoteAddress, headers };
  }
}

/**
 * Gives the request its id (a well-formed X-Request-Id from the caller, else a new UUID; echoed in X-Request-Id) and
 * its RequestLog, which `run` makes the current one for everything the request does (see DeskNestLogger).
 */
export function requestLogging(root: Logger, run: (log: RequestLog, next: () => void) => void) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    const log = new RequestLog(root, req, id);
    const end = (error?: Error) => log.end(res, error);
    res.once('finish', end);
    res.once('close', end);
    res.once('error', end);
    run(log, next);
  };
}
