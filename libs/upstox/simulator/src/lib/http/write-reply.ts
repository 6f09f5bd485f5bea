import type { ServerResponse } from 'node:http';
import type { Reply } from './request-context';

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | string | undefined = reply.raw;
  if (payload === undefined && reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json';
  } else if (payload !== undefined) {
    headers['Content-Type'] = reply.contentType ?? 'application/octet-stream';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
