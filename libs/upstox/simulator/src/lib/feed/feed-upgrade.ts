import { type IncomingMessage, STATUS_CODES } from 'node:http';
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

/** The answer to an upgrade refused by the control API's refuse fault (`POST /__sim/feed/refuse`). */
function refuseByFault(socket: Duplex, status: number): void {
  const error = status === 401 ? ERR.invalidToken() : status === 429 ? ERR.rateLimited() : ERR.serverError(status);
  refuse(socket, `${status} ${STATUS_CODES[status] ?? 'Error'}`, envelopeText(error));
}

/**
 * WebSocket upgrades (CONTRACT §9.1): the authorized single-use URI accepts the socket; the direct
 * `/v2/feed/portfolio-stream-feed` URL with a Bearer header answers 302 to a freshly authorized URI.
 * An armed refuse fault answers either kind of upgrade with its status instead.
 */
export function createFeedUpgradeHandler(core: SimulatorCore): {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
} {
  // autoPong off: FeedHub answers pings itself, so a stalled socket can withhold its pongs.
  const wss = new WebSocketServer({ noServer: true, autoPong: false });
  return {
    handle(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://sim.local');
      if (url.pathname !== FEED_SOCKET_PATH && url.pathname !== PORTFOLIO_FEED_PATH) {
        // Like every other unknown path: 404 UDAPI100060 with the error envelope (not an empty JSON body).
        return refuse(socket, '404 Not Found', NOT_FOUND_BODY);
      }
      const refusal = core.feed.faults.takeRefusal();
      if (url.pathname === FEED_SOCKET_PATH) {
        // The URI is single-use: a refused attempt uses it up too.
        const grant = core.feed.takeGrant(url.searchParams.get('requestId'), url.searchParams.get('code'));
        if (refusal !== null) return refuseByFault(socket, refusal);
        if (!grant || !core.tokens.validate(grant.token, core.clock.now())) return refuse(socket, '401 Unauthorized', INVALID_TOKEN_BODY);
        wss.handleUpgrade(req, socket, head, (ws) => core.feed.attach(ws, grant));
        return;
      }
      if (refusal !== null) return refuseByFault(socket, refusal);
      const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers['authorization'] ?? '').trim());
      const token = m ? core.tokens.validate(m[1], core.clock.now()) : null;
      if (!token) return refuse(socket, '401 Unauthorized', INVALID_TOKEN_BODY);
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const location = core.feed.authorize(token.userId, token.token, parseUpdateTypes(url.searchParams.get('update_types')), origin);
      socket.end(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    },
    close() {
      wss.close();
    },
  };
}
