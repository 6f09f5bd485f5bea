import { ConfigError, SecretBox } from '@desk/api/core';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../src/bootstrap';
import { ProbeModule } from '../support/probe.module';
import { BrowserAgent, freePort, rawRequest, startStack, Stack } from '../support/stack';
import { occurrencesInDataDir } from '../support/db-bytes';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('startup: config validation, data folder, key file, login token', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'desk-startup-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({
    HOME: root,
    DATA_DIR: join(root, 'data'),
    PORT: '0',
    LOG_STDOUT: 'false',
    ...extra,
  });

  async function startError(extra: Record<string, string>): Promise<Error> {
    try {
      const api = await createApiApp(env(extra));
      await api.close();
    } catch (error) {
      return error as Error;
    }
    throw new Error('the api started although the configuration is invalid');
  }

  it('names every bad value in one clear message', async () => {
    const error = await startError({ PORT: 'eighty', LOG_LEVEL: 'loud', DESK_LOGIN_TOKEN: 'short' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('PORT must be a whole number from 0 to 65535; got "eighty"');
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"');
    expect(error.message).toContain('DESK_LOGIN_TOKEN must be at least 32 characters');
    expect(error.message).not.toContain('"short"');
    expect((await startError({ PORT: '70000' })).message).toContain('got "70000"');
    expect((await startError({ DESK_ENCRYPTION_KEY: 'dG9vIHNob3J0' })).message).toContain('DESK_ENCRYPTION_KEY must be 32 random bytes in base64');
  });

  it('refuses a non-loopback HOST without DESK_ALLOW_REMOTE=true', async () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'desk.example.com']) {
      const error = await startError({ HOST: host });
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(`HOST="${host}" is not a loopback address`);
      expect(error.message).toContain('DESK_ALLOW_REMOTE=true');
    }
    const remote = await createApiApp(env({ HOST: '0.0.0.0', DESK_ALLOW_REMOTE: 'true' }));
    expect(remote.host).toBe('0.0.0.0');
    await remote.close();
  });

  it('creates the data folder 0700 with the key file and login token 0600 and the database 0600 (-wal/-shm too)', async () => {
    const api = await createApiApp(env());
    try {
      const dataDir = join(root, 'data');
      expect(api.dataDir).toBe(dataDir);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'secret.key'))).toBe(0o600);
      expect(mode(join(dataDir, 'login-token'))).toBe(0o600);
      expect(mode(join(dataDir, 'desk.sqlite'))).toBe(0o600);
      // SQLite gives its companions the database file's mode, whatever the umask.
      expect(mode(join(dataDir, 'desk.sqlite-wal'))).toBe(0o600);
      expect(mode(join(dataDir, 'desk.sqlite-shm'))).toBe(0o600);
      expect(readFileSync(join(dataDir, 'login-token'), 'utf8').trim()).toBe(api.loginToken);
      expect(api.loginTokenFile).toBe(join(dataDir, 'login-token'));
      expect(api.loginToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The printed link carries a one-time nonce, never the lasting token.
      expect(api.loginUrl).toMatch(new RegExp(`^http://localhost:${api.port}/\\?link=[A-Za-z0-9_-]{43}$`));
      expect(api.loginUrl).not.toContain(api.loginToken);
    } finally {
      await api.close();
    }
  });

  it('defaults DATA_DIR to $XDG_DATA_HOME/upstox-desk, else ~/.local/share/upstox-desk', async () => {
    const xdg = await createApiApp({ HOME: root, XDG_DATA_HOME: join(root, 'xdg'), PORT: '0', LOG_STDOUT: 'false' });
    expect(xdg.dataDir).toBe(join(root, 'xdg', 'upstox-desk'));
    await xdg.close();
    const home = await createApiApp({ HOME: root, PORT: '0', LOG_STDOUT: 'false' });
    expect(home.dataDir).toBe(join(root, '.local', 'share', 'upstox-desk'));
    await home.close();
  });

  it('stops startup when the key file is readable by others (0644), with the fix in the message', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, 'secret.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    chmodSync(join(dataDir, 'secret.key'), 0o644);
    const port = await freePort();
    const error = await startError({ PORT: String(port) });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('has mode 0644: other users could read it');
    expect(error.message).toContain(`chmod 600 "${join(dataDir, 'secret.key')}"`);
    // Nothing listens.
    await expect(rawRequest({ url: `http://127.0.0.1:${port}/api/health` })).rejects.toThrow(/ECONNREFUSED/);
    chmodSync(join(dataDir, 'secret.key'), 0o600);
    const api = await createApiApp(env({ PORT: String(port) }));
    await api.close();
  });

  it('keeps the log lines of several apps in one process apart (startup and request lines)', async () => {
    const logA = join(root, 'a.log');
    const logB = join(root, 'b.log');
    const a = await createApiApp(env({ DATA_DIR: join(root, 'a'), LOG_FILE: logA }));
    const b = await createApiApp(env({ DATA_DIR: join(root, 'b'), LOG_FILE: logB }));
    try {
      await rawRequest({ url: `${a.url}/api/health?from=a` });
      await rawRequest({ url: `${b.url}/api/health?from=b` });
      const linesOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      for (const [file, port] of [
        [logA, a.port],
        [logB, b.port],
      ] as const) {
        const lines = linesOf(file);
        expect(lines.filter((l) => l.msg === 'Nest application successfully started')).toHaveLength(1);
        const requests = lines.filter((l) => l.msg === 'GET /api/health 200');
        expect(requests.map((l) => l.req.headers.host)).toEqual([`localhost:${port}`]);
        expect(mode(file)).toBe(0o600);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('DESK_LOGIN_TOKEN fixes the login token (scripts and tests)', async () => {
    const token = 'fixed-login-token-for-scripts-0123456789';
    const api = await createApiApp(env({ DESK_LOGIN_TOKEN: token }));
    try {
      expect(api.loginToken).toBe(token);
      const browser = new BrowserAgent(api.url, token);
      await browser.signIn();
      expect((await browser.api('GET', '/api/session')).body).toEqual({ authenticated: true, via: 'session' });
    } finally {
      await api.close();
    }
  });
});

describe('secrets at rest', () => {
  let stack: Stack;
  const canary = 'CANARY-ACCESS-TOKEN-6b0e1d3f9a';

  beforeAll(async () => {
    stack = await startStack({ imports: [ProbeModule] });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a secret stored through SecretBox is not in the raw database bytes, and opens again', async () => {
    const browser = stack.browser();
    await browser.signIn();
    const stored = await browser.api('POST', '/api/__probe/secret', { value: canary });
    expect(stored.status).toBe(201);
    expect(occurrencesInDataDir(stack.dataDir, canary)).toBe(0);
    const box = stack.api.app.get(SecretBox);
    const sealed = box.seal(canary, 'probe/x');
    expect(sealed).toMatch(/^sb1\./);
    expect(box.open(sealed, 'probe/x')).toBe(canary);
    expect(() => box.open(sealed, 'probe/y')).toThrow();
    expect(existsSync(join(stack.dataDir, 'secret.key'))).toBe(true);
    expect(stack.logLines().filter((line) => line.includes(canary))).toEqual([]);
  });
});
