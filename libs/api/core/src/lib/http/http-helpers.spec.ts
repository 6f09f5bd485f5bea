import { parseCookieHeader } from './cookies';
import { HostAllowlist } from './host-allowlist';
import { findBodyProblem, findForbiddenKey, MAX_BODY_DEPTH } from './json-body';
import { isFingerprinted, isServerPath } from './web-static';

describe('HostAllowlist', () => {
  it('refuses everything until the listening port is known', () => {
    const hosts = new HostAllowlist([]);
    expect(hosts.isAllowedHost('localhost:5000')).toBe(false);
  });

  it('accepts loopback names and configured names on the listening port only', () => {
    const hosts = new HostAllowlist(['desk.lan']);
    hosts.setListeningPort(5000);
    for (const ok of ['localhost:5000', '127.0.0.1:5000', '[::1]:5000', 'desk.lan:5000', 'LocalHost:5000']) {
      expect(hosts.isAllowedHost(ok)).toBe(true);
    }
    for (const bad of ['localhost', 'localhost:5001', '0.0.0.0:5000', 'evil.com:5000', 'localhost:5000.evil.com', undefined, '']) {
      expect(hosts.isAllowedHost(bad)).toBe(false);
    }
    expect(hosts.isAllowedOrigin('http://localhost:5000')).toBe(true);
    for (const bad of ['https://localhost:5000', 'http://localhost:3000', 'null', 'http://evil.com', undefined]) {
      expect(hosts.isAllowedOrigin(bad)).toBe(false);
    }
  });

  it('accepts bare names on port 80, where browsers omit the port', () => {
    const hosts = new HostAllowlist([]);
    hosts.setListeningPort(80);
    expect(hosts.isAllowedHost('localhost')).toBe(true);
    expect(hosts.isAllowedHost('localhost:80')).toBe(true);
  });
});

describe('findForbiddenKey', () => {
  it('finds prototype keys at any depth, in objects and arrays', () => {
    expect(findForbiddenKey(JSON.parse('{"__proto__":{"x":1}}'))).toBe('__proto__');
    expect(findForbiddenKey(JSON.parse('{"a":[1,{"b":{"constructor":{}}}]}'))).toBe('constructor');
    expect(findForbiddenKey({ a: { prototype: 1 } })).toBe('prototype');
    expect(findForbiddenKey({ a: [1, 2, { proto: 'fine', constructorName: 'fine' }] })).toBeUndefined();
    expect(findForbiddenKey(undefined)).toBeUndefined();
    expect(findForbiddenKey('__proto__')).toBeUndefined();
  });
});

describe('parseCookieHeader', () => {
  it('parses, decodes, keeps the first duplicate and skips garbage', () => {
    expect(parseCookieHeader('a=1; b=x%20y; a=2; junk; c="q"')).toEqual({ a: '1', b: 'x y', c: 'q' });
    expect(parseCookieHeader(undefined)).toEqual({});
    expect(Object.getPrototypeOf(parseCookieHeader('__proto__=1'))).toBeNull();
  });
});

describe('web paths', () => {
  it('keeps /api and /callback away from the SPA', () => {
    expect(['/api', '/api/orders', '/callback', '/callback/done'].every(isServerPath)).toBe(true);
    expect(['/', '/orders', '/apix', '/callbacks'].some(isServerPath)).toBe(false);
  });

  it('recognises fingerprinted bundles', () => {
    expect(isFingerprinted('main-ABCD1234.js')).toBe(true);
    expect(isFingerprinted('styles-5INURTSO.css')).toBe(true);
    expect(isFingerprinted('favicon.ico')).toBe(false);
    expect(isFingerprinted('index.html')).toBe(false);
  });
});

describe('findBodyProblem', () => {
  const nest = (depth: number, inner: unknown): unknown => (depth === 0 ? inner : { a: nest(depth - 1, inner) });

  it('refuses what lies deeper than the scan instead of letting it through', () => {
    expect(findBodyProblem(nest(MAX_BODY_DEPTH + 10, { ok: 1 }))).toEqual({ kind: 'too-deep' });
    expect(findBodyProblem(JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`))).toEqual({ kind: 'too-deep' });
    expect(findBodyProblem(nest(MAX_BODY_DEPTH - 1, { ok: 1 }))).toBeUndefined();
    expect(findBodyProblem(nest(5, JSON.parse('{"constructor":1}')))).toEqual({ kind: 'forbidden-key', key: 'constructor' });
  });
});
