import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server as HttpServer } from 'node:http';
import { createServer, isIPv6, Server } from 'node:net';

/**
 * The desk prints and registers `http://localhost:PORT` (sign-in link, app URL, the Upstox redirect URI the
 * user's app is registered with). Browsers resolve `localhost` to 127.0.0.1 and ::1 and may try ::1 first,
 * so the desk holds the port on both loopback addresses: while it runs the kernel lets no other program
 * bind either one (Node never sets SO_REUSEPORT), and start-up stops when either is already taken.
 */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    /** e.g. "[::1]:5000" */
    readonly address: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

export interface LoopbackListening {
  port: number;
  /** Every address the desk answers on, e.g. ["127.0.0.1:5000", "[::1]:5000"]. */
  addresses: string[];
  /** True when this machine has no IPv6 loopback: then nobody can listen on ::1 and 127.0.0.1 is enough. */
  ipv6LoopbackMissing: boolean;
}

/** Codes of a machine without IPv6 loopback (disabled on lo, or no IPv6 in the kernel). */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

export function formatAddress(host: string, port: number): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address the main socket binds: `localhost` is named by both loopbacks, so it binds 127.0.0.1. */
export function primaryAddress(host: string): string {
  return host.toLowerCase() === 'localhost' ? '127.0.0.1' : host;
}

/** The loopback addresses `host` does not cover already (`::` is dual-stack in Node, so it covers both). */
export function extraLoopbacks(host: string): string[] {
  const primary = primaryAddress(host);
  if (primary === '::') return [];
  if (primary === '0.0.0.0') return ['::1'];
  return ['127.0.0.1', '::1'].filter((address) => address !== primary);
}

function listenFailure(code: string, address: string, port: number, configuredPort: number, extra: boolean): ListenError {
  const other = configuredPort > 0 ? configuredPort + 1 : 5001;
  const find = `find it with: ss -ltnp 'sport = :${port}' or lsof -nP -iTCP:${port} -sTCP:LISTEN`;
  const portFix = `PORT=${other} npm start (your Upstox app's Redirect URI must then be http://localhost:${other}/callback).`;
  const otherPort = `or use another port, e.g. ${portFix}`;
  if (code === 'EADDRINUSE' && extra) {
    return new ListenError(
      code,
      address,
      `${address} is already taken by another program. Browsers may send http://localhost:${port} there ` +
        `(${address.startsWith('[') ? 'IPv6' : 'IPv4'} localhost), with your sign-in link, session cookie and Upstox ` +
        `login codes, so Upstox Desk must hold the port on both 127.0.0.1 and [::1]. Stop that program (${find}), ${otherPort}`,
    );
  }
  if (code === 'EADDRINUSE') {
    return new ListenError(
      code,
      address,
      `${address} is already in use (is Upstox Desk already running?). Stop the other program (${find}), ${otherPort}`,
    );
  }
  return new ListenError(code, address, `listening on ${address} is not allowed (${code}). Choose another port, e.g. ${portFix}`);
}

function listenExtra(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: address, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/**
 * Listens on HOST and on every loopback address HOST does not cover, all on one port. Connections on the
 * extra addresses are handed to the Nest http server, so they get the same pipeline, timeouts and
 * shutdown. On failure the extra sockets are closed; the caller closes the app (the main socket).
 */
export async function listenOnLoopbacks(app: NestExpressApplication, configuredPort: number, host: string): Promise<LoopbackListening> {
  const primary = primaryAddress(host);
  try {
    await app.listen(configuredPort, primary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw listenFailure(code, formatAddress(primary, configuredPort), configuredPort, configuredPort, false);
    }
    throw error;
  }
  const httpServer = app.getHttpServer() as HttpServer;
  // Bots keep pooled keep-alive sockets: Node's 5 s default closes idle ones just as a client reuses them, and a
  // reset on an order POST is an ambiguous failure. Outlast common client pools (about 60 s idle).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : configuredPort;
  const addresses = [formatAddress(primary, port)];
  const extras: Server[] = [];
  let ipv6LoopbackMissing = false;
  try {
    for (const extra of extraLoopbacks(host)) {
      const server = createServer((socket) => httpServer.emit('connection', socket));
      try {
        await listenExtra(server, port, extra);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (extra === '::1' && NO_IPV6.has(code)) {
          ipv6LoopbackMissing = true;
          continue;
        }
        throw listenFailure(code, formatAddress(extra, port), port, configuredPort, true);
      }
      extras.push(server);
      addresses.push(formatAddress(extra, port));
    }
  } catch (error) {
    // The caller closes the app (and with it the main socket).
    await Promise.all(extras.map(closeServer));
    throw error;
  }
  // Nest's app.close() (also from its shutdown hooks) closes the http server; the extra sockets go with it.
  const closeHttp = httpServer.close.bind(httpServer);
  httpServer.close = ((callback?: (error?: Error) => void) => {
    for (const server of extras) void closeServer(server);
    return closeHttp(callback);
  }) as typeof httpServer.close;
  return { port, addresses, ipv6LoopbackMissing };
}
