import { pino } from 'pino';
import { pathOnly, redactPaths } from './redaction';

function capture(obj: Record<string, unknown>): string {
  const lines: string[] = [];
  const logger = pino({ redact: { paths: redactPaths(), censor: '[REDACTED]' } }, { write: (line: string) => lines.push(line) });
  logger.info(obj, 'event');
  return lines.join('');
}

describe('log redaction', () => {
  it('masks secret fields at any depth up to 5 and the secret headers', () => {
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

  it('drops the query string and fragment from URLs', () => {
    expect(pathOnly('/callback?code=abc&state=def')).toBe('/callback');
    expect(pathOnly('/?token=xyz')).toBe('/');
    expect(pathOnly('/api/orders#x')).toBe('/api/orders');
    expect(pathOnly('/api/orders')).toBe('/api/orders');
    expect(pathOnly(undefined)).toBe('');
  });
});
