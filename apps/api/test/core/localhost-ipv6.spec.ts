/* eslint-disable jest/no-conditional-expect -- the machine decides which case runs: with an IPv6 loopback the
 * desk must hold [::1] too, without one it must start on 127.0.0.1 alone and say so. Each test's name says which
 * case ran (see noIpv6), and each branch asserts; no branch can end without an expectation.
 */
import { ListenError } from '@desk/api/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, RunningApi } from '../../src/bootstrap';
import { freePort, rawRequest } from '../support/stack';

/** Listens like "another local user's program" would; counts the connections it gets. */
async function occupy(port: number, host: string): Promise<{ server: Server; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nstole');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Whether `host:port` can be bound right now (then nobody else holds it). */
async function bindable(port: number, host: string): Promise<string> {
  try {
    await (await occupy(port, host)).close();
    return 'free';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/**
 * Whether this machine has an IPv6 loopback (some CI containers do not). Read synchronously so the test
 * names say which case ran; beforeAll checks that binding [::1] agrees.
 */
const ipv6 = Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.address === '::1'));
const noIpv6 = ' (no IPv6 loopback on this machine: checked that [::1] cannot be bound at all)';

describe('localhost over IPv6: the desk holds the port on 127.0.0.1 and [::1]', () => {
  let root: string;
  const started: RunningApi[] = [];

  beforeAll(async () => {
    expect({ ipv6, bindable: await bindable(0, '::1') }).toEqual({ ipv6, bindable: ipv6 ? 'free' : expect.stringMatching(/EADDRNOTAVAIL|EAFNOSUPPORT/) });
    if (!ipv6) {
      console.warn(
        'This machine has no IPv6 loopback: nothing (attacker included) can listen on [::1], so these tests prove ' +
          'that the desk starts on 127.0.0.1 only, says so, and that [::1]:PORT cannot be reached; the "another ' +
          'program on [::1]" refusal cannot be staged here.',
      );
    }
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'desk-ipv6-'));
  });
  afterEach(async () => {
    while (started.length > 0) await started.pop()?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const env = (port: number, extra: Record<string, string> = {}) => ({
    HOME: root,
    DATA_DIR: join(root, 'data'),
    PORT: String(port),
    LOG_STDOUT: 'false',
    ...extra,
  });

  async function start(port: number, extra: Record<string, string> = {}): Promise<RunningApi> {
    const api = await createApiApp(env(port, extra));
    started.push(api);
    return api;
  }

  async function startError(port: number, extra: Record<string, string> = {}): Promise<Error> {
    try {
      await start(port, extra);
    } catch (error) {
      return error as Error;
    }
    throw new Error('the api started although part of its port was taken');
  }

  it(`another program on [::1]:PORT stops start-up with a clear message, and nothing listens on 127.0.0.1:PORT${ipv6 ? '' : noIpv6}`, async () => {
    const port = await freePort();
    if (!ipv6) {
      // Nobody can take [::1] here: the desk starts on 127.0.0.1 alone and says why that is safe.
      const api = await start(port);
      expect(api.listening).toEqual([`127.0.0.1:${port}`]);
      expect(api.ipv6LoopbackMissing).toBe(true);
      expect(await bindable(port, '::1')).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
      return;
    }
    const squatter = await occupy(port, '::1');
    try {
      const error = await startError(port);
      expect(error).toBeInstanceOf(ListenError);
      expect(error.message).toContain(`[::1]:${port} is already taken by another program`);
      expect(error.message).toContain('must hold the port on both 127.0.0.1 and [::1]');
      expect(error.message).toContain(`PORT=${port + 1} npm start`);
      // Nothing of the desk stays up, and the squatter never saw a request from it.
      await expect(rawRequest({ url: `http://127.0.0.1:${port}/api/health` })).rejects.toThrow(/ECONNREFUSED/);
      expect(await bindable(port, '127.0.0.1')).toBe('free');
      expect(squatter.connections()).toBe(0);
    } finally {
      await squatter.close();
    }
  });

  it(`another program on 127.0.0.1:PORT stops start-up naming that address, and nothing listens on [::1]:PORT${ipv6 ? '' : noIpv6}`, async () => {
    const port = await freePort();
    const squatter = await occupy(port, '127.0.0.1');
    try {
      const error = await startError(port);
      expect(error).toBeInstanceOf(ListenError);
      expect(error.message).toContain(`127.0.0.1:${port} is already in use`);
      expect(await bindable(port, '::1')).toEqual(ipv6 ? 'free' : expect.stringMatching(/EADDRNOTAVAIL|EAFNOSUPPORT/));
    } finally {
      await squatter.close();
    }
  });

  it(`while the desk runs it answers on both loopbacks and no other program can bind either; both are freed on close${ipv6 ? '' : noIpv6}`, async () => {
    const port = await freePort();
    const api = await start(port);
    expect(api.url).toBe(`http://localhost:${port}`);
    const v4 = await rawRequest({ url: `http://127.0.0.1:${port}/api/health`, headers: { host: `localhost:${port}` } });
    expect(v4.status).toBe(200);
    expect(await bindable(port, '127.0.0.1')).toBe('EADDRINUSE');
    if (ipv6) {
      expect(api.listening).toEqual([`127.0.0.1:${port}`, `[::1]:${port}`]);
      expect(api.ipv6LoopbackMissing).toBe(false);
      // The desk itself answers where a browser's `localhost` may go first, with the same pipeline.
      const v6 = await rawRequest({ url: `http://[::1]:${port}/api/health`, headers: { host: `localhost:${port}` } });
      expect(v6.status).toBe(200);
      expect(v6.body).toEqual({ status: 'ok', version: expect.any(String) });
      const forged = await rawRequest({ url: `http://[::1]:${port}/api/health`, headers: { host: `attacker.example:${port}` } });
      expect(forged.status).toBe(403);
      expect(await bindable(port, '::1')).toBe('EADDRINUSE');
    } else {
      expect(api.listening).toEqual([`127.0.0.1:${port}`]);
      await expect(rawRequest({ url: `http://[::1]:${port}/api/health` })).rejects.toThrow(/EADDRNOTAVAIL|ENETUNREACH|ECONNREFUSED|EAFNOSUPPORT/);
    }
    await started.pop()?.close();
    expect(await bindable(port, '127.0.0.1')).toBe('free');
    if (ipv6) expect(await bindable(port, '::1')).toBe('free');
  });

  it(`with HOST=::1 it also holds 127.0.0.1 (every loopback, whichever HOST names)${ipv6 ? '' : noIpv6}`, async () => {
    if (!ipv6) {
      const error = await startError(await freePort(), { HOST: '::1' });
      expect((error as NodeJS.ErrnoException).code).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
      return;
    }
    const port = await freePort();
    const api = await start(port, { HOST: '::1' });
    expect(api.listening).toEqual([`[::1]:${port}`, `127.0.0.1:${port}`]);
    expect(await bindable(port, '127.0.0.1')).toBe('EADDRINUSE');
  });
});
