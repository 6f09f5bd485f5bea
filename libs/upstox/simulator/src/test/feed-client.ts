import { WebSocket } from 'ws';
import { Loose, SimHarness, sleep } from './harness';

/** A real `ws` client on the simulator's portfolio stream that records every frame it receives. */
export class FeedClient {
  readonly messages: Loose[] = [];
  /** Resolves with the close code and reason once the socket has closed (for any reason). */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  }

  /** Authorizes (`GET .../authorize?update_types=`) with `token` and opens the single-use URI. */
  static async open(h: SimHarness, updateTypes = 'order,position,holding', token = h.token): Promise<FeedClient> {
    const auth = await h.http('GET', `/v2/feed/portfolio-stream-feed/authorize?update_types=${encodeURIComponent(updateTypes)}`, { token });
    if (auth.status !== 200) throw new Error(`authorize failed: ${auth.status} ${JSON.stringify(auth.body)}`);
    const client = new FeedClient(new WebSocket(auth.body.data.authorized_redirect_uri));
    await new Promise((resolve, reject) => {
      client.socket.once('open', resolve);
      client.socket.once('error', reject);
    });
    return client;
  }

  ofType(type: string): Loose[] {
    return this.messages.filter((m) => m.update_type === type);
  }

  /** The `status` of every `order` message, in arrival order. */
  orderStatuses(orderId?: string): string[] {
    return this.ofType('order')
      .filter((m) => !orderId || m.order_id === orderId)
      .map((m) => m.status);
  }

  /** Waits until a received message satisfies `predicate`; returns its index in `messages`. */
  async waitFor(predicate: (m: Loose) => boolean, timeoutMs = 3000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(predicate);
      if (index >= 0) return index;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(this.messages.map((m) => `${m.update_type}:${m.status ?? ''}`))}`);
      await sleep(5);
    }
  }

  /** Sends a WebSocket ping; true when the pong comes back within `timeoutMs`. */
  ping(timeoutMs = 300): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.off('pong', onPong);
        resolve(false);
      }, timeoutMs);
      const onPong = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.socket.once('pong', onPong);
      this.socket.ping();
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Opens a socket and returns the HTTP status the upgrade was refused with (0 when it opened). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers, followRedirects: true });
    socket.on('error', () => undefined); // a refused handshake also surfaces as an error event
    socket.once('open', () => {
      socket.terminate();
      resolve({ status: 0, body: '' });
    });
    socket.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
  });
}

/** Polls `GET /__sim/feed` until `predicate` holds on it. */
export async function waitForFeedState(h: SimHarness, predicate: (state: Loose) => boolean, timeoutMs = 3000): Promise<Loose> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await h.control('GET', '/__sim/feed')).body;
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`feed state never matched: ${JSON.stringify(state)}`);
    await sleep(10);
  }
}
