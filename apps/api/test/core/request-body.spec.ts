import { BOOM_CANARY, ProbeCounter, ProbeModule } from '../support/probe.module';
import { BrowserAgent, startStack, Stack } from '../support/stack';

describe('request bodies: JSON only, small, no prototype keys, validated', () => {
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

  it('answers 415 for non-JSON bodies even with a valid session, Origin and CSRF header', async () => {
    const before = counter.total();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', null]) {
      const response = await browser.api('POST', '/api/__probe/private', 'a=1', { 'content-type': type });
      expect({ type, status: response.status, code: response.body?.code }).toEqual({ type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(counter.total() - before).toBe(0);
    const charset = await browser.api('POST', '/api/__probe/private', '{"a":1}', { 'content-type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(200);
  });

  it('accepts a bodiless DELETE and POST (nothing to parse)', async () => {
    const response = await browser.api('POST', '/api/__probe/private');
    expect(response.status).toBe(200);
  });

  it.each([
    ['top-level __proto__', '{"__proto__":{"isAdmin":true},"a":1}', '__proto__'],
    ['nested constructor', '{"a":{"b":[{"constructor":{"prototype":{"x":1}}}]}}', 'constructor'],
    ['prototype', '{"prototype":1}', 'prototype'],
  ])('answers 400 for %s anywhere in the body', async (_name, body, key) => {
    const before = counter.total();
    const response = await browser.api('POST', '/api/__probe/private', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([{ field: key, message: `"${key}" is not allowed` }]);
    expect(counter.total() - before).toBe(0);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('answers 413 for a body over 16 kB and 400 for malformed JSON, without echoing the body', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(17 * 1024) });
    const tooLarge = await browser.api('POST', '/api/__probe/private', big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('VALIDATION_FAILED');
    const justUnder = await browser.api('POST', '/api/__probe/private', JSON.stringify({ name: 'x'.repeat(15 * 1024) }));
    expect(justUnder.status).toBe(200);
    const malformed = await browser.api('POST', '/api/__probe/private', '{"secret-ish": "CANARY-MALFORMED", oops}');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    expect(malformed.text).not.toContain('CANARY-MALFORMED');
  });

  it('validates DTOs: whitelist, forbidNonWhitelisted, one message per field', async () => {
    const response = await browser.api('POST', '/api/keys', { name: '', scopes: ['admin'], extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.title).toBe('Invalid input');
    const fields = (response.body.details as { field: string; message: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'name', 'scopes']);
    for (const detail of response.body.details) expect(detail.message.length).toBeGreaterThan(5);
    expect(typeof response.body.requestId).toBe('string');
    expect(response.header('x-request-id')).toBe(response.body.requestId);
  });

  it('answers unknown errors as 500 INTERNAL_ERROR without internals and maps Nest 404s to our body', async () => {
    const boom = await browser.api('GET', '/api/__probe/boom');
    expect(boom.status).toBe(500);
    expect(boom.body).toEqual({
      code: 'INTERNAL_ERROR',
      title: 'Request refused',
      message: 'Something went wrong on the server. The details are in the server log.',
      requestId: expect.any(String),
    });
    expect(boom.text).not.toContain(BOOM_CANARY);
    expect(boom.text).not.toContain('secret/path');
    // The log keeps the cause for the operator, under the same request id.
    const logged = stack.logLines().filter((line) => line.includes(boom.body.requestId) && line.includes(BOOM_CANARY));
    expect(logged.length).toBeGreaterThan(0);
    const missing = await browser.api('GET', '/api/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', title: 'Request refused', message: 'No such route.', requestId: expect.any(String) });
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const given = await browser.api('GET', '/api/health', undefined, { 'x-request-id': 'trace-123' });
    expect(given.header('x-request-id')).toBe('trace-123');
    const malformed = await browser.api('GET', '/api/health', undefined, { 'x-request-id': 'bad id <script>' });
    expect(malformed.header('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
