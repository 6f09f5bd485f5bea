import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';

export const FEED_SOCKET_PATH = '/order-updates/feed';
const UPDATE_TYPES = ['order', 'position', 'holding', 'gtt_order'];
const GRANT_TTL_MS = 60_000;

interface Grant {
  userId: string;
  updateTypes: Set<string>;
  expiresAt: number;
}

interface Subscriber {
  socket: WebSocket;
  userId: string;
  updateTypes: Set<string>;
}

/** Parses `update_types` (comma separated; `order` when omitted). Unknown types are ignored. */
export function parseUpdateTypes(raw: string | null): Set<string> {
  const requested = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => UPDATE_TYPES.includes(s));
  return new Set(requested.length ? requested : ['order']);
}

/**
 * The portfolio stream (CONTRACT §9.1): single-use authorized URIs, and JSON text frames pushed to
 * every socket of the user that asked for that update type.
 */
export class FeedHub {
  private readonly grants = new Map<string, Grant>();
  private readonly subscribers = new Set<Subscriber>();

  /** Returns `ws://host/order-updates/feed?requestId=<uuid>&code=<uuid>`, valid once, for one minute. */
  authorize(userId: string, updateTypes: Set<string>, httpOrigin: string): string {
    const requestId = randomUUID();
    const code = randomUUID();
    this.grants.set(`${requestId}/${code}`, { userId, updateTypes, expiresAt: Date.now() + GRANT_TTL_MS });
    const wsOrigin = httpOrigin.replace(/^http/, 'ws');
    return `${wsOrigin}${FEED_SOCKET_PATH}?requestId=${requestId}&code=${code}`;
  }

  takeGrant(requestId: string | null, code: string | null): Grant | null {
    const key = `${requestId}/${code}`;
    const grant = this.grants.get(key);
    this.grants.delete(key);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  attach(socket: WebSocket, grant: Grant): void {
    const subscriber: Subscriber = { socket, userId: grant.userId, updateTypes: grant.updateTypes };
    this.subscribers.add(subscriber);
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    ping.unref();
    socket.on('close', () => {
      clearInterval(ping);
      this.subscribers.delete(subscriber);
    });
    socket.on('error', () => socket.terminate());
  }

  publish(userId: string, updateType: string, message: Record<string, unknown>): void {
    const text = JSON.stringify(message);
    for (const s of this.subscribers) {
      if (s.userId === userId && s.updateTypes.has(updateType) && s.socket.readyState === s.socket.OPEN) {
        s.socket.send(text);
      }
    }
  }

  closeAll(): void {
    this.grants.clear();
    for (const s of this.subscribers) s.socket.terminate();
    this.subscribers.clear();
  }
}
