import { ConfigError } from '@desk/api/core';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../src/bootstrap';
import { ProbeCounter, ProbeModule } from '../support/probe.module';
import { BrowserAgent, startStack, Stack } from '../support/stack';

const mode = (path: string) => statSync(path).mode & 0o777;

/** A JSON object nested `depth` levels deep around `inner`. */
function nested(depth: number, inner: string): string {
  let body = inner;
  for (let i = 0; i < depth; i++) body = `{"a":${body}}`;
  return body;
}

describe('request bodies nested deeper than the prototype-key scan', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let counter: ProbeCounter;

  beforeAll(async () => {
    stack = await startStack({ imports: [ProbeModule] });
    counter = stack.api.app.get(ProbeCounter);
    browser = stack.browser();
    await browser.signIn();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a __proto__ hidden below the scanned depth, and any body nested deeper than it', async () => {
    const before = counter.total();
    const hidden = await browser.api('POST', '/api/__probe/private', nested(70, '{"__proto__":{"polluted":true}}'));
    expect(hidden.status).toBe(400);
    expect(hidden.body.code).toBe('VALIDATION_FAILED');
    const deep = await browser.api('POST', '/api/__probe/private', nested(40, '{"x":1}'));
    expect(deep.status).toBe(400);
    expect(deep.body.message).toContain('nested more than 32 levels deep');
    expect(counter.total() - before).toBe(0);
    const shallow = await browser.api('POST', '/api/__probe/private', nested(20, '{"x":1}'));
    expect(shallow.status).toBe(200);
  });
});

describe('start-up hardening: LOG_FILE mode, DESK_LOGIN_TOKEN entropy', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'desk-hardening-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({ HOME: root, DATA_DIR: join(root, 'data'), PORT: '0', LOG_STDOUT: 'false', ...extra });

  async function startError(extra: Record<string, string>): Promise<Error> {
    try {
      const api = await createApiApp(env(extra));
      await api.close();
    } catch (error) {
      return error as Error;
    }
    throw new Error('the api started although it should not');
  }

  it('makes an existing LOG_FILE 0600 (and keeps its lines); a new one is created 0600', async () => {
    const logs = join(root, 'logs');
    mkdirSync(logs);
    const existing = join(logs, 'old.log');
    writeFileSync(existing, '{"msg":"earlier run"}\n');
    chmodSync(existing, 0o644);
    const api = await createApiApp(env({ LOG_FILE: existing }));
    try {
      expect(mode(existing)).toBe(0o600);
      expect(readFileSync(existing, 'utf8')).toContain('earlier run');
    } finally {
      await api.close();
    }
    const fresh = join(logs, 'new.log');
    const second = await createApiApp(env({ LOG_FILE: fresh }));
    try {
      expect(mode(fresh)).toBe(0o600);
    } finally {
      await second.close();
    }
  });

  it('refuses a LOG_FILE that is a symbolic link, with a message naming it', async () => {
    const target = join(root, 'elsewhere.log');
    writeFileSync(target, '');
    const link = join(root, 'api.log');
    symlinkSync(target, link);
    const error = await startError({ LOG_FILE: link });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`LOG_FILE ${link} is a symbolic link`);
    expect(readFileSync(target, 'utf8')).toBe('');
  });

  it('refuses a low-entropy DESK_LOGIN_TOKEN (fewer than 16 different characters) with a clear message', async () => {
    const weak = 'abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd';
    const error = await startError({ DESK_LOGIN_TOKEN: weak });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DESK_LOGIN_TOKEN is too easy to guess: it uses only 4 different character(s) (at least 16 needed)');
    expect(error.message).not.toContain(weak);
    const strong = 'Zq8-mW3_kT7pR2vX9nB4cJ6hL1fG5dS0';
    const api = await createApiApp(env({ DESK_LOGIN_TOKEN: strong }));
    try {
      expect(api.loginToken).toBe(strong);
    } finally {
      await api.close();
    }
  });
});
