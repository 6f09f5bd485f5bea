import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler sees: the parsed request plus the authenticated user, if any. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  rawBody: string;
  /** Set by the server after the Bearer check for authenticated routes. */
  userId: string | null;
  accessToken: string | null;
  /** The URL the client used to reach us (http://host:port), for links we hand out. */
  origin: string;
  receivedAt: number;
}

/** What a handler returns; the server writes it. */
export interface Reply {
  status: number;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });

export const redirect = (location: string): Reply => ({ status: 302, headers: { Location: location } });

export function contentTypeOf(ctx: RequestContext): string {
  return String(ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Parses a JSON body; undefined when empty, throws SyntaxError when malformed. */
export function parseJsonBody(ctx: RequestContext): unknown {
  if (!ctx.rawBody.trim()) return undefined;
  return JSON.parse(ctx.rawBody);
}

export function parseFormBody(ctx: RequestContext): URLSearchParams {
  return new URLSearchParams(ctx.rawBody);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
