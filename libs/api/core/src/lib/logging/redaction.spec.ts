import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeskPino } from './desk-logger';
import { pathOnly, redactLine } from './redaction';

/** What the shipped logger writes to LOG_FILE for one object logged (bindings from `child`, if any). */
function capture(obj: Record<string, unknown>, bindings: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-redaction-'));
  try {
    const file = join(dir, 'api.log');
    createDeskPino({ level: 'info', file, stdout: false }).child(bindings).info(obj, 'event');
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('log redaction', () => {
  it('masks secret fields at any depth and the secret headers', () => {
    const line = capture({
      token: 'S1',
      body: { apiSecret: 'S2', access_token: 'S3', nested: { client_secret: 'S4', deeper: { code: 'S5', x: { state: 'S6' } } } },
      req: { headers: { authorization: 'Bearer S7', cookie: 'desk_session=S8', 'x-xsrf-token': 'S9', host: 'localhost:5000' } },
      res: { headers: { 'set-cookie': 'desk_session=S10' } },
      accessToken: 'S11',
    });
    for (let i = 1; i <= 11; i++) expect(line).not.toContain(`"S${i}"`);
    expect(line).not.toMatch(/S\d/);
    expect(line).toContain('localhost:5000');
    expect(line).toContain('[REDACTED]');
  });

  it("masks every secret header of a request's bindings, as the request log writes them", () => {
    const headers = {
      authorization: 'Bearer H1',
      cookie: 'desk_session=H2',
      'x-xsrf-token': 'H3',
      'x-api-key': 'H4',
      'proxy-authorization': 'Basic H5',
      'user-agent': 'curl/8',
    };
    const line = capture({ res: { statusCode: 200, headers: { 'set-cookie': ['desk_session=H6'] } } }, { req: { id: 'r1', headers } });
    expect(line).not.toMatch(/H\d/);
    expect(JSON.parse(line).req.headers['user-agent']).toBe('curl/8');
  });

  it("masks extended_token, refresh_token, secret and authorization at any depth and in any spelling, in the api's log file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-redaction-'));
    try {
      const file = join(dir, 'api.log');
      const logger = createDeskPino({ level: 'info', file, stdout: false });
      logger.info({ a: { b: { c: { d: { e: { f: { extended_token: 'CANARY1', refresh_token: 'CANARY2' } } } } } } }, 'deep');
      logger.info({ Refresh_Token: 'CANARY3', nested: { SECRET: 'CANARY4', Authorization: 'Bearer CANARY5', list: [{ refreshToken: 'CANARY6' }, { 'Extended-Token': 'CANARY7' }] } }, 'odd case');
      logger.child({ upstream: { headers: { Authorization: 'Bearer CANARY8' } } }).warn({ secret: 'CANARY9', access_token: 'CANARY10' }, 'child');
      logger.info({ errorCode: 'KEEP1', keyId: 'KEEP2', tokens: 3 }, 'harmless names stay');
      const text = readFileSync(file, 'utf8');
      expect(text.match(/CANARY\d+/g)).toBeNull();
      expect(text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l).msg)).toEqual(['deep', 'odd case', 'child', 'harmless names stay']);
      expect(text).toContain('"errorCode":"KEEP1"');
      expect(text).toContain('"keyId":"KEEP2"');
      expect(text).toContain('"tokens":3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves lines without a secret name byte for byte', () => {
    const line = '{"level":"info","msg":"GET /api/orders 200","req":{"url":"/api/orders"}}\n';
    expect(redactLine(line)).toBe(line);
    expect(redactLine('not json "token": x\n')).toBe('not json "token": x\n');
  });

  it('makes an existing LOG_FILE 0600 before the first line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-logfile-'));
    try {
      const file = join(dir, 'api.log');
      writeFileSync(file, '');
      chmodSync(file, 0o644);
      createDeskPino({ level: 'info', file, stdout: false }).info('hello');
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops the query string and fragment from URLs', () => {
    expect(pathOnly('/callback?code=abc&state=def')).toBe('/callback');
    expect(pathOnly('/?token=xyz')).toBe('/');
    expect(pathOnly('/api/orders#x')).toBe('/api/orders');
    expect(pathOnly('/api/orders')).toBe('/api/orders');
    expect(pathOnly(undefined)).toBe('');
  });
});
