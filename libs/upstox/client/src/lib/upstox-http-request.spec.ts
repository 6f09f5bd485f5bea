import { Agent, createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { exchangeText } from './upstox-http-request';

/** exchangeText against a real local HTTP server: what the transport relies on beyond the happy path. */
describe('exchangeText', () => {
  let server: Server;
  let url: string;
  const agent = new Agent({ keepAlive: true });
  let handler: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends the body with its length and reads any status as text', async () => {
    let seen = { method: '', length: '', body: '' };
    handler = (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { method: req.method ?? '', length: req.headers['content-length'] ?? '', body };
        res.writeHead(423, { 'content-type': 'application/json' }).end('{"status":"error"}');
      });
    };
    const answer = await exchangeText({ method: 'POST', url: `${url}/v3/order/place`, headers: {}, body: '{"q":"₹"}', agent, timeoutMs: 2_000 });
    expect(answer).toEqual({ status: 423, text: '{"status":"error"}' });
    expect(seen).toEqual({ method: 'POST', length: String(Buffer.byteLength('{"q":"₹"}')), body: '{"q":"₹"}' });
  });

  it('decodes a gzipped answer', async () => {
    let accepted: string | undefined;
    handler = (req, res) => {
      accepted = req.headers['accept-encoding'];
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"status":"success","data":[]}'));
    };
    await expect(exchangeText({ method: 'GET', url, headers: {}, agent, timeoutMs: 2_000 })).resolves.toEqual({
      status: 200,
      text: '{"status":"success","data":[]}',
    });
    expect(accepted).toContain('gzip');
  });

  it('fails with ETIMEDOUT when the whole answer takes longer than the deadline, even while bytes trickle in', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    };
    const started = Date.now();
    await expect(exchangeText({ method: 'GET', url, headers: {}, agent, timeoutMs: 150 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails with ECONNRESET when the socket closes before the last byte', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    await expect(exchangeText({ method: 'GET', url, headers: {}, agent, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('fails with the socket error when nobody listens', async () => {
    await expect(exchangeText({ method: 'GET', url: 'http://127.0.0.1:1', headers: {}, agent, timeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
