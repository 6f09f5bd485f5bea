import { request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Every Set-Cookie line (raw). */
  setCookies: string[];
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  header(name: string): string | undefined;
}

export interface RawRequest {
  method?: string;
  url: string;
  /** Sent exactly as given (a `host` entry replaces the real Host; `host: null` sends none at all). */
  headers?: Record<string, string | null>;
  body?: string | Buffer;
}

/**
 * One HTTP request with full control over headers (fetch would refuse to forge Host or drop it).
 * Never follows redirects.
 */
export function rawRequest(req: RawRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    let omitHost = false;
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      if (value === null) {
        if (name.toLowerCase() === 'host') omitHost = true;
        continue;
      }
      headers[name] = value;
    }
    if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    const outgoing = httpRequest(
      {
        method: req.method ?? 'GET',
        // URL keeps IPv6 literals in brackets ([::1]); the socket wants the bare address.
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers,
        setHost: !omitHost && !Object.keys(headers).some((h) => h.toLowerCase() === 'host'),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = undefined;
          }
          const responseHeaders = res.headers as Record<string, string | string[] | undefined>;
          const setCookie = res.headers['set-cookie'] ?? [];
          resolve({
            status: res.statusCode ?? 0,
            headers: responseHeaders,
            setCookies: Array.isArray(setCookie) ? setCookie : [setCookie],
            text,
            body,
            header: (name) => {
              const value = responseHeaders[name.toLowerCase()];
              return Array.isArray(value) ? value.join(', ') : value;
            },
          });
        });
      },
    );
    outgoing.on('error', reject);
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}
