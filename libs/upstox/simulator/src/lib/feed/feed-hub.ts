import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { FeedFaults } from './feed-faults';

export const FEED_SOCKET_PATH = '/order-updates/feed';
const UPDATE_TYPES = ['order', 'position', 'holding', 'gtt_order'];
const GRANT_TTL_MS = 60_000;
const PING_INTERVAL_MS = 30_000;
/** A socket closed by the simulator that has not finished the close handshake by then is cut. */
const CLOSE_GRACE_MS = 1_000;

export interface Grant {
  userId: string;
  /** The access token the socket was authorized with: the socket lives only as long as the token. */
  token: string;
  updateTypes: Set<string>;
  expiresAt: number;
}

interface Subscriber {
  socket: WebSocket;
  userId: string;
  token: string;
  updateTypes: Set<string>;
  /** Real-time ms until which the socket is stalled (open but silent); 0 when not stalled. */
  stalledUntil: number;
}

/** One message on its way to the sockets that were subscribed when it was published. */
interface Outgoing {
  text: string;
  recipients: Subscriber[];
  copies: number;
}

/** Parses `update_types` (comma separated; `order` when omitted). Unknown types are ignored. */
export function parseUpdateTypes(raw: string | null): Set<string> {
  const requested = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => UPDATE_TYPES.includes(s));
  return new Set(requested.length ? requested : ['order']);
}

/**
 * The portfolio stream (CONTRACT §9.1): single-use authorized URIs, and JSON text frames pushed to
 * every socket of the user that asked for that update type. Also the stream faults of the control API.
 */
export class FeedHub {
  readonly faults = new FeedFaults();
  private readonly grants = new Map<string, Grant>();
  private readonly subscribers = new Set<Subscriber>();
  private openedTotal = 0;
  /** A message held back by the reorder fault until the next one has gone out. */
  private held: { outgoing: Outgoing; timer: NodeJS.Timeout } | null = null;

  /** Returns `ws://host/order-updates/feed?requestId=<uuid>&code=<uuid>`, valid once, for one minute. */
  authorize(userId: string, token: string, updateTypes: Set<string>, httpOrigin: string): string {
    const requestId = randomUUID();
    const code = randomUUID();
    this.grants.set(`${requestId}/${code}`, { userId, token, updateTypes, expiresAt: Date.now() + GRANT_TTL_MS });
    const wsOrigin = httpOrigin.replace(/^http/, 'ws');
    return `${wsOrigin}${FEED_SOCKET_PATH}?requestId=${requestId}&code=${code}`;
  }

  takeGrant(requestId: string | null, code: string | null): Grant | null {
    const key = `${requestId}/${code}`;
    const grant = this.grants.get(key);
    this.grants.delete(key);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  /** The socket must come from a WebSocketServer with `autoPong: false`: pongs are sent here, so a stall can withhold them. */
  attach(socket: WebSocket, grant: Grant): void {
    const subscriber: Subscriber = { socket, userId: grant.userId, token: grant.token, updateTypes: grant.updateTypes, stalledUntil: 0 };
    this.subscribers.add(subscriber);
    this.openedTotal++;
    let alive = true;
    socket.on('pong', () => (alive = true));
    socket.on('ping', (data) => {
      if (!this.isStalled(subscriber) && socket.readyState === socket.OPEN) socket.pong(data);
    });
    const ping = setInterval(() => {
      if (this.isStalled(subscriber)) {
        alive = true; // a stalled server sends nothing, pings included, and judges nothing
        return;
      }
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    ping.unref();
    socket.on('close', () => {
      clearInterval(ping);
      this.subscribers.delete(subscriber);
    });
    socket.on('error', () => socket.terminate());
  }

  publish(userId: string, updateType: string, message: Record<string, unknown>): void {
    const recipients = [...this.subscribers].filter((s) => s.userId === userId && s.updateTypes.has(updateType) && this.deliverable(s));
    if (!recipients.length) return; // a message nobody receives does not use up a duplicate / reorder fault
    const outgoing: Outgoing = { text: JSON.stringify(message), recipients, copies: this.faults.takeCopies() };
    if (this.held) {
      this.deliver(outgoing);
      this.releaseHeld();
    } else if (this.faults.reorderArmed) {
      this.faults.reorderArmed = false;
      const timer = setTimeout(() => this.releaseHeld(), this.faults.reorderHoldMs);
      timer.unref();
      this.held = { outgoing, timer };
    } else {
      this.deliver(outgoing);
    }
  }

  /** Cuts every open socket without a close frame (a network drop). Returns how many were open. */
  drop(): number {
    let dropped = 0;
    for (const s of this.subscribers) {
      if (s.socket.readyState === s.socket.OPEN) dropped++;
      s.socket.terminate();
    }
    this.subscribers.clear();
    return dropped;
  }

  /** Stalls every open socket (open, silent, no pongs) for `ms`, or until `resume()` when null. */
  stall(ms: number | null): number {
    const until = ms === null ? Number.POSITIVE_INFINITY : Date.now() + ms;
    let stalled = 0;
    for (const s of this.openSubscribers()) {
      s.stalledUntil = until;
      stalled++;
    }
    return stalled;
  }

  resume(): number {
    let resumed = 0;
    for (const s of this.subscribers) {
      if (this.isStalled(s)) resumed++;
      s.stalledUntil = 0;
    }
    return resumed;
  }

  /**
   * Closes (close frame 1008, then cut after a grace period) the sockets whose token `isLive` rejects:
   * Upstox stops serving a stream once its access token is revoked or expired.
   */
  closeDeadTokens(isLive: (token: string) => boolean): number {
    let closed = 0;
    for (const s of this.openSubscribers()) {
      if (isLive(s.token)) continue;
      closed++;
      if (this.isStalled(s)) {
        s.socket.terminate();
        continue;
      }
      s.socket.close(1008, 'Access token expired or revoked');
      setTimeout(() => s.socket.terminate(), CLOSE_GRACE_MS).unref();
    }
    return closed;
  }

  /** Resumes stalled sockets and disarms the message faults; a held message goes out now. */
  clearFaults(): void {
    this.resume();
    this.faults.clear();
    this.releaseHeld();
  }

  snapshot(): Record<string, unknown> {
    const open = this.openSubscribers();
    return {
      open_sockets: open.length,
      stalled_sockets: open.filter((s) => this.isStalled(s)).length,
      opened_total: this.openedTotal,
      sockets: open.map((s) => ({ user_id: s.userId, update_types: [...s.updateTypes], stalled: this.isStalled(s) })),
      faults: {
        refuse_upgrades: this.faults.refuse ? { ...this.faults.refuse } : null,
        duplicate_remaining: this.faults.duplicateRemaining,
        reorder: this.held ? 'holding' : this.faults.reorderArmed ? 'armed' : null,
      },
    };
  }

  closeAll(): void {
    this.grants.clear();
    this.faults.clear();
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    for (const s of this.subscribers) s.socket.terminate();
    this.subscribers.clear();
    this.openedTotal = 0;
  }

  private openSubscribers(): Subscriber[] {
    return [...this.subscribers].filter((s) => s.socket.readyState === s.socket.OPEN);
  }

  private isStalled(s: Subscriber): boolean {
    return s.stalledUntil > Date.now();
  }

  /** Open and not stalled: a stalled socket loses what is published meanwhile, as a real stall would. */
  private deliverable(s: Subscriber): boolean {
    return s.socket.readyState === s.socket.OPEN && !this.isStalled(s);
  }

  private deliver(outgoing: Outgoing): void {
    for (const s of outgoing.recipients) {
      if (!this.deliverable(s)) continue;
      for (let i = 0; i < outgoing.copies; i++) s.socket.send(outgoing.text);
    }
  }

  private releaseHeld(): void {
    if (!this.held) return;
    const { outgoing, timer } = this.held;
    clearTimeout(timer);
    this.held = null;
    this.deliver(outgoing);
  }
}
