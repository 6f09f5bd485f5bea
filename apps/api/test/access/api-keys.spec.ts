import { CreateApiKeyResponse } from '@desk/contracts';
import { ProbeCounter, ProbeModule } from '../support/probe.module';
import { BrowserAgent, rawRequest, startStack, Stack } from '../support/stack';
import { occurrencesInDataDir } from '../support/db-bytes';

describe('API keys', () => {
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

  const withKey = (key: string, method: string, path: string, body?: unknown, contentType = 'application/json') =>
    rawRequest({
      method,
      url: `${stack.apiUrl}${path}`,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const create = async (name: string, scopes: string[]): Promise<CreateApiKeyResponse> => {
    const response = await browser.api('POST', '/api/keys', { name, scopes });
    expect(response.status).toBe(201);
    return response.body as CreateApiKeyResponse;
  };

  it('shows a new key once, lists it without the key, and stores only its hash', async () => {
    const created = await create('reporting script', ['read']);
    expect(created.key).toMatch(/^desk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created.scopes).toEqual(['read']);
    expect(created.revokedAt).toBeNull();
    const list = await browser.api('GET', '/api/keys');
    expect(list.status).toBe(200);
    const listed = (list.body as Record<string, unknown>[]).find((k) => k['id'] === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'reporting script',
      scopes: ['read'],
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(list.text).not.toContain(created.key);
    // Raw database bytes (main file, WAL, shm): the key itself is nowhere, its secret part neither.
    expect(occurrencesInDataDir(stack.dataDir, created.key)).toBe(0);
    expect(occurrencesInDataDir(stack.dataDir, created.key.slice(12))).toBe(0);
    expect(stack.logLines().filter((line) => line.includes(created.key.slice(12)))).toEqual([]);
  });

  it('authenticates with Authorization: Bearer, without cookies or CSRF header', async () => {
    const created = await create('bot', ['read', 'trade']);
    const session = await withKey(created.key, 'GET', '/api/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ authenticated: true, via: 'api-key' });
    const before = counter.calls['trade'] ?? 0;
    const trade = await withKey(created.key, 'POST', '/api/__probe/trade', {});
    expect(trade.status).toBe(200);
    expect(counter.calls['trade']).toBe(before + 1);
    // JSON only applies to key clients as well.
    const form = await withKey(created.key, 'POST', '/api/__probe/trade', 'a=1', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });

  it('a read-only key can read but cannot write (403 API_KEY_SCOPE)', async () => {
    const created = await create('read only', ['read']);
    expect((await withKey(created.key, 'GET', '/api/__probe/private')).status).toBe(200);
    const before = counter.total();
    const trade = await withKey(created.key, 'POST', '/api/__probe/trade', {});
    expect(trade.status).toBe(403);
    expect(trade.body.code).toBe('API_KEY_SCOPE');
    const write = await withKey(created.key, 'POST', '/api/__probe/private', {});
    expect(write.body.code).toBe('API_KEY_SCOPE');
    const order = await withKey(created.key, 'POST', '/api/orders', { instrument_key: 'NSE_EQ|INE002A01018' });
    expect(order.status).toBe(403);
    expect(order.body.code).toBe('API_KEY_SCOPE');
    expect(counter.total() - before).toBe(0);
  });

  it('keys cannot manage keys (session-only routes)', async () => {
    const created = await create('admin attempt', ['read', 'trade']);
    for (const [method, path] of [
      ['GET', '/api/keys'],
      ['POST', '/api/keys'],
      ['DELETE', `/api/keys/${created.id}`],
    ]) {
      const response = await withKey(created.key, method, path, method === 'POST' ? { name: 'x', scopes: ['trade'] } : undefined);
      expect({ method, path, status: response.status, code: response.body?.code }).toEqual({ method, path, status: 403, code: 'API_KEY_SCOPE' });
    }
  });

  it('a revoked key answers 401 on its next request; unknown and malformed keys too', async () => {
    const created = await create('to revoke', ['read']);
    expect((await withKey(created.key, 'GET', '/api/session')).status).toBe(200);
    const revoked = await browser.api('DELETE', `/api/keys/${created.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await withKey(created.key, 'GET', '/api/session');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('API_KEY_INVALID');
    for (const key of [`desk_${'A'.repeat(43)}`, 'not-a-key', `${created.key}x`]) {
      expect((await withKey(key, 'GET', '/api/session')).status).toBe(401);
    }
    // A wrong key is refused even when a valid session cookie rides along.
    const mixed = await browser.api('GET', '/api/session', undefined, { authorization: 'Bearer desk_wrong' });
    expect(mixed.status).toBe(401);
    // Keys are accepted in the header only, never in the query string.
    const inQuery = await rawRequest({ url: `${stack.apiUrl}/api/session?api_key=${created.key}&access_token=${created.key}` });
    expect(inQuery.body).toEqual({ authenticated: false, via: null });
    const inQueryElsewhere = await rawRequest({ url: `${stack.apiUrl}/api/keys?api_key=${created.key}&access_token=${created.key}` });
    expect(inQueryElsewhere.status).toBe(401);
    const missing = await browser.api('DELETE', '/api/keys/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });
});
