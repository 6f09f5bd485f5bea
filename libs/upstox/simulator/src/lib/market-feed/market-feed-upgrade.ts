import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ERR, errorBody, UpstoxHttpError } from '../envelope';
import type { SimulatorCore } from '../simulator-core';
import { marketDataOf } from './market-data';
import { MARKET_SOCKET_PATH } from './market-feed-hub';

const DIRECT_PATH = '/v3/feed/market-data-feed';

/** True for the upgrade paths this handler serves. */
export const isMarketFeedPath = (pathname: string): boolean => pathname === MARKET_SOCKET_PATH || pathname === DIRECT_PATH;

function refuse(socket: Duplex, status: number, error: UpstoxHttpError): void {
  const body = JSON.stringify(errorBody(error.details));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

const faultError = (status: number): UpstoxHttpError => (status === 401 ? ERR.invalidToken() : status === 429 ? ERR.rateLimited() : ERR.serverError(status));

/**
 * Market feed upgrades (CONTRACT §9.2), like the portfolio stream's: the authorized single-use URI opens the socket;
 * `/v3/feed/market-data-feed` with a Bearer header answers 302 to a fresh authorized URI; an armed refuse fault
 * (`/__sim/market-feed/refuse`) answers either with its status (using up the URI).
 */
export function createMarketFeedUpgradeHandler(core: SimulatorCore): { handle(req: IncomingMessage, socket: Duplex, head: Buffer): void; close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  return {
    handle(req, socket, head) {
      const hub = marketDataOf(core).hub;
      const url = new URL(req.url ?? '/', 'http://sim.local');
      const refusal = hub.takeRefusal();
      if (url.pathname === MARKET_SOCKET_PATH) {
        const grant = hub.takeGrant(url.searchParams.get('requestId'), url.searchParams.get('code'));
        if (refusal !== null) return refuse(socket, refusal, faultError(refusal));
        if (!grant || !core.tokens.validate(grant.token, core.clock.now())) return refuse(socket, 401, ERR.invalidToken());
        wss.handleUpgrade(req, socket, head, (ws) => hub.attach(ws, grant));
        return;
      }
      if (refusal !== null) return refuse(socket, refusal, faultError(refusal));
      const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers['authorization'] ?? '').trim());
      const token = m ? core.tokens.validate(m[1], core.clock.now()) : null;
      if (!token) return refuse(socket, 401, ERR.invalidToken());
      const location = hub.authorize(token.userId, token.token, `http://${req.headers.host ?? 'localhost'}`);
      socket.end(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    },
    close() {
      wss.close();
    },
  };
}
