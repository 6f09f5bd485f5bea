import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { FeedRecorder, sleep } from '../../test/feed-recorder';
import { makeClient } from '../../test/sim-harness';
import { HttpUpstoxClient } from '../http-upstox-client';
import { UPSTOX_USER_AGENT } from '../upstox-transport';
import { PortfolioFeed, PortfolioFeedOptions } from './portfolio-feed';

const CODE = 'one-time-code-canary';
const ORDER = {
  update_type: 'order', order_id: '250121000000001', instrument_token: 'NSE_EQ|INE062A01020', status: 'open', order_request_id: '1',
  exchange: 'NSE', transaction_type: 'BUY', order_type: 'LIMIT', product: 'D', validity: 'DAY', quantity: 1, pending_quantity: 1,
};

/**
 * A stand-in Upstox host for what the simulator does not do: its authorize answer points at a path that
 * redirects (302) to the socket, or at one that never answers the upgrade. Records the upgrade headers.
 */
class LocalUpstox {
  readonly upgrades: { path: string; headers: IncomingHttpHeaders }[] = [];
  target: 'redirect' | 'hang' = 'redirect';
  frames: (string | Buffer)[] = [];
  private readonly sockets = new Set<Duplex>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const uri = `${this.url.replace(/^http/, 'ws')}/${this.target}?code=${CODE}`;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { authorized_redirect_uri: uri } }));
    });
    this.server.on('upgrade', (req, socket, head) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      this.upgrades.push({ path, headers: req.headers });
      if (path === '/redirect') return void socket.end(`HTTP/1.1 302 Found\r\nLocation: /socket?code=${CODE}\r\nContent-Length: 0\r\n\r\n`);
      if (path === '/socket') return this.wss.handleUpgrade(req, socket, head, (ws) => this.frames.forEach((f) => ws.send(f)));
      // '/hang': never answer.
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('PortfolioFeed against a stand-in Upstox host: headers, redirects, handshake timeout, odd frames', () => {
  let upstox: LocalUpstox;
  let client: HttpUpstoxClient;
  let feed: PortfolioFeed | null = null;
  let rec: FeedRecorder;
  const options: PortfolioFeedOptions = { backoff: { initialMs: 20, maxMs: 80 }, random: () => 1, handshakeTimeoutMs: 150 };

  beforeEach(async () => {
    upstox = new LocalUpstox();
    await upstox.start();
    client = makeClient();
    rec = new FeedRecorder();
  });
  afterEach(async () => {
    feed?.stop();
    client.close();
    await upstox.close();
  });

  function startFeed(): void {
    const auth = { endpoints: { environment: 'live' as const, apiUrl: upstox.url, orderUrl: upstox.url }, accessToken: 'token-canary' };
    feed = new PortfolioFeed(client, () => auth, rec, options);
    feed.start();
  }

  it('sends the REST User-Agent, follows the 302 to the socket, and never sends the access token to it', async () => {
    startFeed();
    await rec.until((r) => r.last?.state === 'live');
    expect(upstox.upgrades.map((u) => u.path)).toEqual(['/redirect', '/socket']);
    for (const { headers } of upstox.upgrades) {
      expect(headers['user-agent']).toBe(UPSTOX_USER_AGENT);
      expect(headers['authorization']).toBeUndefined();
    }
  });

  it('skips frames it cannot read and keeps the socket', async () => {
    upstox.frames = ['not json', JSON.stringify({ update_type: 'order' }), Buffer.from([0xff, 0x00]), JSON.stringify({ update_type: 'gtt_order' }), JSON.stringify(ORDER)];
    startFeed();
    await rec.until((r) => r.updates.length === 2);
    await sleep(50);
    expect(rec.updates.map((u) => u.kind)).toEqual(['other', 'order']);
    expect(rec.stateNames).toEqual(['connecting', 'live']);
  });

  it('gives up a handshake that does not finish in time and tries again, without the URI in the cause', async () => {
    upstox.target = 'hang';
    startFeed();
    await rec.until((r) => r.states.length >= 2 && upstox.upgrades.length >= 2, 2_000);
    expect(rec.states[1]).toEqual({ state: 'reconnecting', cause: 'The live stream could not be opened (timed out).', reason: 'handshake-failed' });
    for (const s of rec.states) expect(`${s.cause}`).not.toContain(CODE);
    expect(rec.opens).toBe(0);
  });
});
