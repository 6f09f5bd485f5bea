import { request as httpRequest } from 'node:http';

export interface AddressedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * One request to the api from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...): the inbound limits
 * of anonymous callers and the wrong-API-key budget are per client address, so each test can be its own client.
 * The Host header names localhost:PORT, as a browser on this machine would.
 */
export function requestFrom(
  sourceAddress: string,
  apiUrl: string,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: unknown },
): Promise<AddressedResponse> {
  const url = new URL(apiUrl);
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        method: req.method ?? 'GET',
        host: '127.0.0.1',
        port: url.port,
        path: req.path,
        localAddress: sourceAddress,
        agent: false,
        headers: {
          host: url.host,
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...req.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
      },
    );
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}
