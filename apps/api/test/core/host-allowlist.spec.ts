import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProbeCounter, ProbeModule } from '../support/probe.module';
import { rawRequest, startStack, Stack } from '../support/stack';
import { connect } from 'node:net';

/** A hand-written request on a raw socket (HTTP/1.0 may omit Host; every client library adds one). */
function rawHttp10(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('Host allowlist (DNS rebinding defence)', () => {
  let stack: Stack;
  let webDir: string;
  let port: number;
  let counter: ProbeCounter;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'desk-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Desk SPA</title><app-root></app-root>');
    writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'console.log("spa")');
    stack = await startStack({ env: { WEB_DIST_DIR: webDir, DESK_ALLOWED_HOSTS: 'desk.internal' }, imports: [ProbeModule] });
    port = stack.api.port;
    counter = stack.api.app.get(ProbeCounter);
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const forgedHosts = () => [
    { name: 'attacker name', host: `attacker.example:${port}` },
    { name: 'rebinding name without port', host: 'attacker.example' },
    { name: '0.0.0.0 ("0.0.0.0 day")', host: `0.0.0.0:${port}` },
    { name: 'wrong port', host: `localhost:${port + 1}` },
    { name: 'localhost without port', host: 'localhost' },
    { name: 'look-alike', host: `localhost.attacker.example:${port}` },
  ];
  const targets = ['/api/__probe/public', '/api/health', '/', '/index.html', '/main-ABCDEFGH.js', '/orders', `/?token=x`, '/callback'];

  it('refuses every forged Host with 403 before routing, static files included, with 0 handler calls', async () => {
    const before = counter.total();
    const results: string[] = [];
    for (const { name, host } of forgedHosts()) {
      for (const path of targets) {
        const response = await rawRequest({ url: `${stack.apiUrl}${path}`, headers: { host } });
        results.push(`${name} ${path} -> ${response.status} ${response.body?.code ?? ''}`);
        expect(response.text).not.toContain('Desk SPA');
        expect(response.text).not.toContain('console.log');
      }
    }
    expect(results.filter((line) => !line.endsWith('-> 403 ORIGIN_REFUSED'))).toEqual([]);
    expect(counter.total() - before).toBe(0);
    // Each refusal is logged as a security event with its request id.
    const refusals = stack.logLines().filter((line) => line.includes('"errorCode":"ORIGIN_REFUSED"'));
    expect(refusals.length).toBeGreaterThanOrEqual(forgedHosts().length * targets.length);
  });

  it('refuses a request without Host (HTTP/1.1: Node answers 400; HTTP/1.0: our 403), with 0 handler calls', async () => {
    const before = counter.total();
    for (const path of targets) {
      const http11 = await rawRequest({ url: `${stack.apiUrl}${path}`, headers: { host: null } });
      expect(http11.status).toBe(400);
      const http10 = await rawHttp10(port, `GET ${path} HTTP/1.0\r\n\r\n`);
      expect(http10.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
      expect(http10).toContain('ORIGIN_REFUSED');
    }
    expect(counter.total() - before).toBe(0);
  });

  it('refuses forged Hosts for state changes too', async () => {
    const before = counter.total();
    const response = await rawRequest({
      method: 'POST',
      url: `${stack.apiUrl}/api/__probe/public`,
      headers: { host: `attacker.example:${port}`, 'content-type': 'application/json', origin: `http://attacker.example:${port}` },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(counter.total() - before).toBe(0);
  });

  it('accepts localhost, 127.0.0.1, [::1] and configured names on the listening port', async () => {
    const before = counter.calls['public-get'] ?? 0;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `desk.internal:${port}`, `LOCALHOST:${port}`]) {
      const response = await rawRequest({ url: `${stack.apiUrl}/api/__probe/public`, headers: { host } });
      expect({ host, status: response.status }).toEqual({ host, status: 200 });
    }
    expect(counter.calls['public-get'] - before).toBe(5);
  });

  it('serves the SPA with caching that fits each file, and index.html for client routes', async () => {
    const index = await rawRequest({ url: `${stack.apiUrl}/` });
    expect(index.status).toBe(200);
    expect(index.text).toContain('Desk SPA');
    expect(index.header('cache-control')).toBe('no-cache');
    const route = await rawRequest({ url: `${stack.apiUrl}/orders/123` });
    expect(route.status).toBe(200);
    expect(route.text).toContain('Desk SPA');
    const bundle = await rawRequest({ url: `${stack.apiUrl}/main-ABCDEFGH.js` });
    expect(bundle.status).toBe(200);
    expect(bundle.header('cache-control')).toBe('public, max-age=31536000, immutable');
    const missingFile = await rawRequest({ url: `${stack.apiUrl}/missing-file.js` });
    expect(missingFile.status).toBe(404);
    expect(missingFile.text).not.toContain('Desk SPA');
    const unknownApi = await rawRequest({ url: `${stack.apiUrl}/api/no-such-route` });
    expect(unknownApi.text).not.toContain('Desk SPA');
    expect(unknownApi.body?.code).toBe('NOT_FOUND');
  });
});
