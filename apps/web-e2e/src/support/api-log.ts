import { readFileSync } from 'node:fs';
import { E2E } from './e2e-env';

export interface LoggedResponse {
  time: string;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
}

/** The api's own request log (LOG_FILE): what reached the server and what it answered. */
export function loggedResponses(since: Date): LoggedResponse[] {
  const lines = readFileSync(E2E.apiEnv.LOG_FILE, 'utf8').split('\n');
  const out: LoggedResponse[] = [];
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as {
      time?: string;
      req?: { method: string; url: string; headers?: Record<string, string> };
      res?: { statusCode: number };
    };
    if (!entry.req || !entry.res || !entry.time || new Date(entry.time) < since) continue;
    out.push({
      time: entry.time,
      method: entry.req.method,
      url: entry.req.url,
      status: entry.res.statusCode,
      headers: entry.req.headers ?? {},
    });
  }
  return out;
}
