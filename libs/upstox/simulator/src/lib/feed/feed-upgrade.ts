import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ERR, errorBody, UpstoxHttpError } from '../envelope';
import type { SimulatorCore } from '../simulator-core';
import { FEED_SOCKET_PATH, parseUpdateTypes } from './feed-hub';

const PORTFOLIO_FEED_PATH = '/v2/feed/portfolio-stream-feed';

function refuse(socket: Duplex, status: string, body: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The same error envelopes as the HTTP routes (CONTRACT §3): snake_case plus deprecated camelCase keys. */
const envelopeText = (e: UpstoxHttpError): string => JSON.stringify(errorBody(e.details));
const INVALID_TOKEN_BODY = envelopeText(ERR.invalidToken());
const NOT_FOUND_BODY = envelopeText(ERR.notFound());

/**
 * WebSocket upgrades (CONTRACT §9.1): the authorized single-use URI accepts the socket; the direct
 * `/v2/feed/portfolio-stream-feed` URL with a Bearer header answers 302 to a freshly authorized URI.
 */
export function createFeedUpgradeHandler(core: SimulatorCore): {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
} {
  const wss = new WebSocketServer({ noServer: true });
  return {
    handle(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://sim.local');
      if (url.pathname === FEED_SOCKET_PATH) {
        const grant = core.feed.takeGrant(url.searchParams.get('requestId'), url.searchParams.get('code'));
        if (!grant) return refuse(socket, '401 Unauthorized', INVALID_TOKEN_BODY);
        wss.handleUpgrade(req, socket, head, (ws) => core.feed.attach(ws, grant));
        return;
      }
      if (url.pathname === PORTFOLIO_FEED_PATH) {
        const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers['authorization'] ?? '').trim());
        const token = m ? core.tokens.validate(m[1], core.clock.now()) : null;
        if (!token) return refuse(socket, '401 Unauthorized', INVALID_TOKEN_BODY);
        const location = core.feed.authorize(token.userId, parseUpdateTypes(url.searchParams.get('update_types')), `http://${req.headers.host ?? 'localhost'}`);
        socket.end(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      // Like every other unknown path: 404 UDAPI100060 with the error envelope (not an empty JSON body).
      refuse(socket, '404 Not Found', NOT_FOUND_BODY);
    },
    close() {
      wss.close();
    },
  };
}
