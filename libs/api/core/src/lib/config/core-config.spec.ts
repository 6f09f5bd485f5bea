import { ConfigError } from './desk-env';
import { validateCoreConfig } from './core-config';
import { isLoopbackHost } from './server.config';

const base = { HOME: '/home/trader' };

function problems(env: Record<string, string>): string[] {
  try {
    validateCoreConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('core config', () => {
  it('has safe defaults', () => {
    const config = validateCoreConfig(base);
    expect(config.server).toEqual({ port: 5000, host: '127.0.0.1', allowRemote: false, allowedHosts: [] });
    expect(config.storage.dataDir).toBe('/home/trader/.local/share/upstox-desk');
    expect(config.security.loginToken).toBeUndefined();
    expect(config.security.encryptionKey).toBeUndefined();
    expect(config.security).toMatchObject({ rateLimitPerSecond: 100, rateLimitPerMinute: 1200, readRateLimitPerSecond: 500, readRateLimitPerMinute: 30_000 });
    expect(config.logging).toEqual({ level: 'info', file: undefined, stdout: true });
    expect(config.web.distDir).toMatch(/dist\/apps\/web\/browser$/);
  });

  it('reads every variable', () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const config = validateCoreConfig({
      ...base,
      PORT: '0',
      HOST: '::1',
      DESK_ALLOWED_HOSTS: ' Desk.Local , laptop ',
      DATA_DIR: '/srv/desk',
      DESK_LOGIN_TOKEN: 'Zq8-mW3_kT7pR2vX9nB4cJ6hL1fG5dS0',
      DESK_ENCRYPTION_KEY: key,
      LOG_LEVEL: 'debug',
      LOG_FILE: '/tmp/desk.log',
      LOG_STDOUT: 'false',
      WEB_DIST_DIR: '/srv/web',
      DESK_RATE_LIMIT_PER_SECOND: '5',
      DESK_RATE_LIMIT_PER_MINUTE: '50',
      DESK_READ_RATE_LIMIT_PER_SECOND: '600',
      DESK_READ_RATE_LIMIT_PER_MINUTE: '36000',
    });
    expect(config.server).toEqual({ port: 0, host: '::1', allowRemote: false, allowedHosts: ['desk.local', 'laptop'] });
    expect(config.storage.dataDir).toBe('/srv/desk');
    expect(config.security.loginToken).toBe('Zq8-mW3_kT7pR2vX9nB4cJ6hL1fG5dS0');
    expect(config.security.encryptionKey?.equals(Buffer.alloc(32, 3))).toBe(true);
    expect(config.security.rateLimitPerSecond).toBe(5);
    expect(config.security.rateLimitPerMinute).toBe(50);
    expect(config.security.readRateLimitPerSecond).toBe(600);
    expect(config.security.readRateLimitPerMinute).toBe(36000);
    expect(config.logging).toEqual({ level: 'debug', file: '/tmp/desk.log', stdout: false });
    expect(config.web.distDir).toBe('/srv/web');
  });

  it('explains each bad value, all at once', () => {
    expect(problems({ PORT: '-1', DESK_ALLOW_REMOTE: 'maybe', DESK_ALLOWED_HOSTS: 'http://x:1' })).toEqual([
      'PORT must be a whole number from 0 to 65535; got "-1"',
      'DESK_ALLOW_REMOTE must be true or false; got "maybe"',
      'DESK_ALLOWED_HOSTS entries must be host names without port or scheme; got "http://x:1"',
    ]);
    expect(problems({ DESK_LOGIN_TOKEN: 'has spaces but is long enough to pass 32' })[0]).toContain('DESK_LOGIN_TOKEN must be at least 32');
    expect(problems({ DESK_LOGIN_TOKEN: 'a'.repeat(32) })).toEqual([
      expect.stringContaining('DESK_LOGIN_TOKEN is too easy to guess: it uses only 1 different character(s) (at least 16 needed)'),
    ]);
    expect(problems({ DESK_LOGIN_TOKEN: '0123456789abcde'.repeat(3) })[0]).toContain('only 15 different character(s)');
    expect(problems({ DESK_LOGIN_TOKEN: '0123456789abcdef'.repeat(2) })).toEqual([]);
    expect(problems({ DESK_ENCRYPTION_KEY: Buffer.alloc(31).toString('base64') })[0]).toContain('DESK_ENCRYPTION_KEY must be 32 random bytes');
    expect(problems({ LOG_LEVEL: 'verbose' })[0]).toBe('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "verbose"');
  });

  it('refuses non-loopback hosts unless DESK_ALLOW_REMOTE=true', () => {
    expect(problems({ HOST: '0.0.0.0' })[0]).toContain('DESK_ALLOW_REMOTE=true');
    expect(problems({ HOST: '0.0.0.0', DESK_ALLOW_REMOTE: 'true' })).toEqual([]);
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'localhost.evil.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
