import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXTENDED_TOKEN_READS, extendedTokenNotPermitted } from './auth/extended-token-reads';
import { inServiceWindow } from './clock';
import { CONTROL_PREFIX, handleControl } from './control';
import { ERR, errorBody, UpstoxHttpError } from './envelope';
import type { Fault } from './faults';
import type { Reply, RequestContext } from './http/request-context';
import { writeReply } from './http/write-reply';
import type { Route, Router } from './router';
import type { SimulatorCore } from './simulator-core';

const MAX_BODY_BYTES = 1024 * 1024;

const errorReply = (e: UpstoxHttpError): Reply => ({ status: e.httpStatus, body: errorBody(e.details) });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/**
 * The request pipeline for Upstox routes: count -> route -> fault (before) -> token -> rate limit ->
 * service window -> handler -> fault (after). /__sim/ requests go to the control API untouched.
 */
export class Pipeline {
  /** Requests held open by `hang` / `hang-after` faults; destroyed on close. */
  readonly hanging = new Set<ServerResponse>();

  constructor(
    private readonly core: SimulatorCore,
    private readonly router: Router,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const method = (req.method ?? 'GET').toUpperCase();
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      writeReply(res, errorReply(ERR.invalidInput()));
      return;
    }
    const ctx: RequestContext = {
      req,
      res,
      method,
      path: url.pathname,
      query: url.searchParams,
      rawBody,
      userId: null,
      accessToken: null,
      origin: `http://${req.headers.host ?? 'localhost'}`,
      receivedAt: Date.now(),
    };
    if (ctx.path.startsWith(CONTROL_PREFIX)) {
      writeReply(res, handleControl(this.core, ctx));
      return;
    }
    const match = this.router.match(method, ctx.path);
    const routeKey = `${method} ${match.kind === 'found' ? match.route.path : ctx.path}`;
    this.core.count(routeKey);
    if (match.kind === 'none') return writeReply(res, errorReply(ERR.notFound()));
    if (match.kind === 'method') {
      const reply = errorReply(ERR.methodNotAllowed());
      return writeReply(res, { ...reply, headers: { Allow: match.allowed.join(', ') } });
    }
    const fault = this.core.faults.take(routeKey);
    if (fault && !(await this.applyFaultBefore(fault, res))) return;
    ctx.receivedAt = Date.now();
    let reply: Reply;
    try {
      reply = await this.run(match.route, ctx);
    } catch (e) {
      reply = e instanceof UpstoxHttpError ? errorReply(e) : errorReply(ERR.serverError());
      if (!(e instanceof UpstoxHttpError)) console.error('[upstox-sim] handler failed', e);
    }
    if (fault?.kind === 'hang-after') {
      // Recorded (the handler ran), but the answer never comes: a client killed now never learns the order id.
      this.hold(res);
      return;
    }
    if (fault?.kind === 'reset-after') {
      res.destroy();
      return;
    }
    if (fault?.kind === 'status-after') reply = errorReply(this.faultError(fault));
    writeReply(res, reply);
  }

  /** Returns false when the fault already answered (or killed) the request. */
  private async applyFaultBefore(fault: Fault, res: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.latencyMs);
        return true;
      case 'hang':
        this.hold(res);
        return false;
      case 'status':
        writeReply(res, errorReply(this.faultError(fault)));
        return false;
      case 'reset-before':
        res.destroy();
        return false;
      default:
        return true;
    }
  }

  /** Keeps the request open without an answer until the client gives up (or the simulator closes). */
  private hold(res: ServerResponse): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  private faultError(fault: Fault): UpstoxHttpError {
    return fault.status === 429 ? ERR.rateLimited() : ERR.serverError(fault.status);
  }

  private async run(route: Route, ctx: RequestContext): Promise<Reply> {
    if (route.auth === 'bearer') this.authenticate(ctx, route);
    if (route.rateGroup && !this.core.rateLimiter.allow(ctx.userId ?? 'anonymous', route.rateGroup)) throw ERR.rateLimited();
    if (route.window && this.core.marketRules && inServiceWindow(this.core.clock.now())) {
      throw route.window === 'funds'
        ? UpstoxHttpError.of(423, 'UDAPI100072', 'Funds service is accessible only from 05:30 AM to 12:00 AM IST')
        : UpstoxHttpError.of(423, 'UDAPI100074', 'Order APIs are accessible only from 05:30 AM to 12:00 AM IST');
    }
    return route.handler(ctx);
  }

  private authenticate(ctx: RequestContext, route: Route): void {
    const header = String(ctx.req.headers['authorization'] ?? '');
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const record = m ? this.core.tokens.validateAny(m[1], this.core.clock.now()) : null;
    if (!record) throw ERR.invalidToken();
    const routeKey = `${ctx.method} ${route.path}`;
    if (record.kind === 'extended' && (!EXTENDED_TOKEN_READS.has(routeKey) || this.core.tokens.extendedRefusedRoutes.has(routeKey))) {
      throw extendedTokenNotPermitted();
    }
    ctx.userId = record.userId;
    ctx.accessToken = record.token;
  }

  destroyHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
