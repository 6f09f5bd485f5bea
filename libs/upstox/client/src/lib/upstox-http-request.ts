import * as http from 'node:http';
import * as https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface TextExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  agent: http.Agent;
  timeoutMs: number;
}

export interface TextAnswer {
  status: number;
  text: string;
}

/** A Node network error with the code the transport maps (ETIMEDOUT: our deadline passed). */
function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no complete answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
}

function decoded(res: http.IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
      return res.pipe(createGunzip());
    case 'deflate':
      return res.pipe(createInflate());
    case 'br':
      return res.pipe(createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * One HTTP exchange with a text answer, on Node's own client: no redirects, no proxy, any status resolves (the
 * caller reads it), a compressed answer is decoded. `timeoutMs` caps the whole exchange, from the request to
 * the last byte, not only the socket's idle time.
 *
 * Order writes go through here: a general-purpose client (axios) cost about 1 ms per call in config merging,
 * interceptors and promise chains, on the one path where the desk must add as little as possible to Upstox.
 */
export function exchangeText(x: TextExchange): Promise<TextAnswer> {
  const target = new URL(x.url);
  const client = target.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip, deflate, br', ...x.headers };
  if (x.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(x.body));
  return new Promise<TextAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, answer?: TextAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(answer as TextAnswer);
    };
    const req = client.request(target, { method: x.method, headers, agent: x.agent }, (res) => {
      const chunks: Buffer[] = [];
      const body = decoded(res);
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => finish(null, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      body.on('error', (error) => finish(error));
      // The socket closed before the last byte: the answer is incomplete.
      res.on('close', () => {
        if (!res.complete) finish(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      });
    });
    const deadline = setTimeout(() => {
      const error = timeoutError(x.timeoutMs);
      req.destroy(error);
      finish(error);
    }, x.timeoutMs);
    req.on('error', (error) => finish(error));
    req.end(x.body);
  });
}
