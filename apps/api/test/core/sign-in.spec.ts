import { startStack, Stack } from '../support/stack';

describe('health and dashboard sign-in', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers GET /api/health without a session', async () => {
    const response = await stack.browser().api('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  it('answers 401 SESSION_REQUIRED on /api routes without a session', async () => {
    const browser = stack.browser();
    // GET /api/session answers {authenticated: false} instead (session-status.spec.ts).
    for (const path of ['/api/keys', '/api/connection', '/api/orders', '/api/profile', '/api/docs-json']) {
      const response = await browser.api('GET', path);
      expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status: 401, code: 'SESSION_REQUIRED' });
      expect(typeof response.body.requestId).toBe('string');
    }
  });

  it('turns the login link into a session cookie and a clean 303 to /', async () => {
    const browser = stack.browser();
    const first = await browser.request('GET', `${stack.apiUrl}/?token=${stack.loginToken}`, { headers: { 'sec-fetch-site': 'none' } });
    expect(first.status).toBe(303);
    expect(first.header('location')).toBe('/');
    expect(first.header('cache-control')).toBe('no-store');
    expect(first.header('referrer-policy')).toBe('no-referrer');
    const session = browser.jar.get('desk_session');
    expect(session).toBeDefined();
    expect(session?.raw).toMatch(/; HttpOnly/i);
    expect(session?.raw).toMatch(/; SameSite=Strict/i);
    expect(session?.raw).toMatch(/; Path=\//);
    expect(session?.raw).not.toMatch(/Domain=/i);
    expect(session?.value).not.toContain(stack.loginToken);
    const xsrf = browser.jar.get('XSRF-TOKEN');
    expect(xsrf?.raw).toMatch(/; SameSite=Strict/i);
    expect(xsrf?.raw).not.toMatch(/HttpOnly/i);
    expect(xsrf?.raw).not.toMatch(/Domain=/i);
    const info = await browser.api('GET', '/api/session');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ authenticated: true, via: 'session' });
  });

  it('refuses a wrong token with a page that explains where the right link is', async () => {
    const browser = stack.browser();
    const response = await browser.request('GET', `${stack.apiUrl}/?token=${'x'.repeat(43)}`);
    expect(response.status).toBe(401);
    expect(response.header('content-type')).toMatch(/text\/html/);
    expect(response.text).toContain('This sign-in link is not valid');
    expect(response.text).toContain('login-token');
    expect(browser.jar.get('desk_session')).toBeUndefined();
    expect((await browser.api('GET', '/api/session')).body.authenticated).toBe(false);
  });

  it('signs out with DELETE /api/session', async () => {
    const browser = stack.browser();
    await browser.signIn();
    expect((await browser.api('GET', '/api/session')).body.authenticated).toBe(true);
    const out = await browser.api('DELETE', '/api/session');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ authenticated: false, via: null });
    expect((await browser.api('GET', '/api/session')).body.authenticated).toBe(false);
  });
});
