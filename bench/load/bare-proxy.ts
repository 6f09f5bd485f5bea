import { createServer, request, Agent, IncomingMessage, ServerResponse, Server } from 'node:http';
import { fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteDatabase } from '../../libs/api/core/src/lib/storage/sqlite-database';
import { OrderIntentsRepository } from '../../libs/api/orders/src/lib/journal/order-intents.repository';
import { serve } from './rpc';

/**
 * The order-path benchmark's lower bound (child process): the least any gateway in Node can add to a place,
 * with nothing of the desk's stack. A bare `node:http` server takes the desk's place body, optionally journals it
 * the way the desk does (the desk's own OrderIntentsRepository on a WAL, synchronous=FULL SQLite file: one fsync'd
 * commit before the broker call, one after it), forwards the v3 place to the simulator over a keep-alive socket
 * and answers. No auth, validation, limits, logging or Nest: only what the journal rule itself costs.
 * The 'flush' journal is the floor under any durable journal: each record appended to a plain file and
 * fdatasync'd, no database, so what it adds is the disk's flush latency twice.
 */
export type BareJournal = 'none' | 'desk' | 'flush';

export interface BareProxyArgs {
  simUrl: string;
  accessToken: string;
  /** How the intent is made durable before the broker call and the outcome after it ('none': a pure forwarding hop). */
  journal: BareJournal;
}

/** The two writes the journal rule asks for: the intent before the broker call, the outcome after it. */
interface DurableLog {
  intent(id: string, tag: string, idempotencyKey: string, order: Record<string, unknown>): void;
  outcome(id: string, orderIds: string[], body: unknown): void;
}

function deskJournal(dir: string): DurableLog {
  const journal = new OrderIntentsRepository(SqliteDatabase.inDataDir(dir));
  return {
    intent: (id, tag, idempotencyKey, order) =>
      journal.claim({ id, principalId: 'bench', idempotencyKey, fingerprint: id, brokerTag: tag, userTag: null, request: JSON.stringify(order) }, new Date()),
    outcome: (id, orderIds, body) => journal.transition(id, 'SUBMITTED', { orderIds, response: { status: 201, body } }, new Date()),
  };
}

function flushLog(dir: string): DurableLog {
  const fd = openSync(join(dir, 'intents.log'), 'a', 0o600);
  const append = (record: unknown) => {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fdatasyncSync(fd);
  };
  return {
    intent: (id, tag, idempotencyKey, order) => append({ id, tag, idempotencyKey, order, at: new Date().toISOString() }),
    outcome: (id, orderIds, body) => append({ id, orderIds, body, at: new Date().toISOString() }),
  };
}

let server: Server | null = null;
let dataDir: string | null = null;
const upstream = new Agent({ keepAlive: true, maxSockets: 4 });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function forward(a: BareProxyArgs, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body);
    const req = request(
      `${a.simUrl}/v3/order/place`,
      {
        method: 'POST',
        agent: upstream,
        headers: { authorization: `Bearer ${a.accessToken}`, accept: 'application/json', 'content-type': 'application/json', 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function handler(a: BareProxyArgs, journal: DurableLog | null) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const order = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const id = randomUUID();
      const tag = `bp${id.slice(0, 18)}`;
      journal?.intent(id, tag, String(req.headers['idempotency-key'] ?? id), order);
      const answer = await forward(
        a,
        JSON.stringify({
          quantity: order['quantity'], product: order['product'], validity: order['validity'], price: order['price'], tag,
          instrument_token: order['instrumentKey'], order_type: order['orderType'], transaction_type: order['transactionType'],
          disclosed_quantity: 0, trigger_price: 0, is_amo: false, slice: false,
        }),
      );
      const orderIds = (JSON.parse(answer.text) as { data?: { order_ids?: string[] } }).data?.order_ids ?? [];
      const body = { intentId: id, orderIds };
      journal?.outcome(id, orderIds, body);
      res.writeHead(answer.status === 200 ? 201 : 502, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.status === 200 ? body : { upstream: answer.status }));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  };
}

serve({
  /** Starts the proxy on an ephemeral port; returns its base URL. */
  start: async (a: BareProxyArgs) => {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-bare-proxy-'));
    const journal = a.journal === 'desk' ? deskJournal(dataDir) : a.journal === 'flush' ? flushLog(dataDir) : null;
    const s = createServer(handler(a, journal));
    server = s;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const address = s.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  },
});

process.on('SIGTERM', () => {
  server?.close();
  upstream.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
