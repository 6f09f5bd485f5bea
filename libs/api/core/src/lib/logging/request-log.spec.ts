import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { DeskNestLogger, requestLogContext } from './desk-nest-logger';
import { requestLogging } from './request-log';

/** A real HTTP server with the request log in front of `handle`, and the JSON lines it wrote. */
async function serverWith(handle: (req: IncomingMessage, res: ServerResponse, nest: DeskNestLogger) => void) {
  const lines: Record<string, unknown>[] = [];
  const root = pino({ base: null, timestamp: false }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const nest = new DeskNestLogger(root);
  const middleware = requestLogging(root, (log, next) => requestLogContext.run(log, next));
  const server: Server = createServer((req, res) => middleware(req, res, () => handle(req, res, nest)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('requestLogging', () => {
  it('ends each request with one line: id, method, path without the query, a few headers, status and time', async () => {
    const s = await serverWith((_req, res) => res.end('ok'));
    try {
      const answer = await fetch(`${s.url}/api/orders?token=secret`, { headers: { 'x-request-id': 'client-42', authorization: 'Bearer k' } });
      expect(answer.headers.get('x-request-id')).toBe('client-42');
      await until(() => s.lines.length > 0);
      expect(s.lines).toEqual([
        {
          level: 30,
          req: { id: 'client-42', method: 'GET', url: '/api/orders', remoteAddress: '127.0.0.1', headers: { host: expect.any(String), 'user-agent': 'node' } },
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
          msg: 'GET /api/orders 200',
        },
      ]);
    } finally {
      await s.close();
    }
  });

  it('replaces a malformed X-Request-Id with a new id, and lines logged while handling carry it', async () => {
    const s = await serverWith((_req, res, nest) => {
      nest.log('intent placed', 'OrderPlacementService');
      res.statusCode = 404;
      res.end();
    });
    try {
      const answer = await fetch(`${s.url}/api/x`, { headers: { 'x-request-id': 'no spaces allowed' } });
      const id = answer.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await until(() => s.lines.length > 1);
      expect(s.lines.map((l) => [(l['req'] as { id: string }).id, l['level'], l['msg']])).toEqual([
        [id, 30, 'intent placed'],
        [id, 40, 'GET /api/x 404'],
      ]);
    } finally {
      await s.close();
    }
  });

  it('logs a 5xx answer as an error, and a connection closed before any answer once', async () => {
    let closedEarly: (() => void) | null = null;
    const s = await serverWith((req, res) => {
      if (req.url === '/fail') {
        res.statusCode = 503;
        res.end();
      } else closedEarly = () => req.socket.destroy();
    });
    try {
      await fetch(`${s.url}/fail`);
      await until(() => s.lines.length > 0);
      expect(s.lines[0]).toMatchObject({ level: 50, msg: 'GET /fail 503', err: { message: 'failed with status code 503' } });
      const hanging = request(`${s.url}/hang`).on('error', () => undefined);
      hanging.end();
      await until(() => closedEarly !== null);
      (closedEarly as unknown as () => void)();
      await until(() => s.lines.length > 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(s.lines.slice(1).map((l) => l['msg'])).toEqual(['GET /hang 200']);
    } finally {
      await s.close();
    }
  });
});
