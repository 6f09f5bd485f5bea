import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { RequestLog } from './request-log';

/** The log of the request being handled (its lines carry the request's id), see RequestLog. */
export const requestLogContext = new AsyncLocalStorage<RequestLog>();

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over this app's pino logger: `new Logger(ctx).log(...)` in any lib writes one JSON
 * line, with the request id inside a request. Unlike a process-wide logger it belongs to one app, so
 * tests that run several apps keep each app's startup lines in its own LOG_FILE.
 */
const NEST_STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

export class DeskNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    // Nest's start-up chatter (one line per module and route) would bury the sign-in link: debug level.
    const context = params[params.length - 1];
    const chatter = typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context);
    this.write(chatter ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = requestLogContext.getStore()?.logger ?? this.root;
    // Nest passes the context name last; error() may pass a stack before it.
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const extra = context === undefined ? params : params.slice(0, -1);
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof extra[0] === 'string') fields['stack'] = extra[0];
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      logger[level](fields, String(message));
    }
  }
}
