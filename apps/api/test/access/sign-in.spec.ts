import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startupMessage } from '../../src/startup-message';
import { startStack, Stack } from '../support/stack';

/** The text a reader sees: tags dropped, entities for & < > " ' decoded, spaces collapsed. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');
}

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

  it('turns the one-time sign-in link into a session cookie and a clean 303 to /', async () => {
    const browser = stack.browser();
    const first = await browser.request('GET', stack.api.loginUrl, { headers: { 'sec-fetch-site': 'none' } });
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

  it('refuses the same link a second time with a page saying exactly what to do, and no session', async () => {
    // Its own api: the link works once per start.
    const own = await startStack();
    try {
      // A HEAD request or a browser's prefetch is not someone opening the link: neither spends it.
      const prefetcher = own.browser();
      expect((await prefetcher.request('HEAD', own.api.loginUrl)).status).toBe(503);
      expect((await prefetcher.request('GET', own.api.loginUrl, { headers: { 'sec-purpose': 'prefetch' } })).status).toBe(503);
      expect(prefetcher.jar.get('desk_session')).toBeUndefined();
      const first = own.browser();
      expect((await first.navigate(own.api.loginUrl)).response.status).toBe(200);
      expect((await first.api('GET', '/api/session')).body.authenticated).toBe(true);
      const second = own.browser();
      const response = await second.request('GET', own.api.loginUrl, { headers: { 'sec-fetch-site': 'none' } });
      expect(response.status).toBe(410);
      expect(response.header('content-type')).toMatch(/text\/html/);
      expect(response.header('cache-control')).toBe('no-store');
      expect(pageText(response.text)).toContain(
        `this link was already used; run npm start again or use the token in ${join(own.dataDir, 'login-token')}`,
      );
      expect(second.jar.get('desk_session')).toBeUndefined();
      expect((await second.api('GET', '/api/session')).body.authenticated).toBe(false);
      // The first browser's own second click is refused too, and stays so.
      expect((await first.request('GET', own.api.loginUrl)).status).toBe(410);
      expect(own.logLines().filter((line) => line.includes('"reason":"link_already_used"'))).toHaveLength(2);
    } finally {
      await own.close();
    }
  });

  it('prints a link that carries a nonce, not the lasting login token (which lives in the 0600 file)', () => {
    const link = new URL(stack.api.loginUrl);
    expect(link.origin).toBe(stack.apiUrl);
    expect([...link.searchParams.keys()]).toEqual(['link']);
    expect(link.searchParams.get('link')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.searchParams.get('link')).not.toBe(stack.loginToken);
    expect(stack.api.loginUrl).not.toContain(stack.loginToken);
    expect(readFileSync(join(stack.dataDir, 'login-token'), 'utf8').trim()).toBe(stack.loginToken);
    const printed = startupMessage(stack.api);
    expect(printed).toContain(`\n    ${stack.api.loginUrl}\n`);
    expect(printed).toContain(join(stack.dataDir, 'login-token'));
    expect(printed).not.toContain(stack.loginToken);
  });

  it('never accepts the lasting login token in a URL, and says where it goes instead', async () => {
    const browser = stack.browser();
    const response = await browser.request('GET', `${stack.apiUrl}/?token=${encodeURIComponent(stack.loginToken)}`);
    expect(response.status).toBe(401);
    expect(response.header('content-type')).toMatch(/text\/html/);
    expect(pageText(response.text)).toContain('The login token is not accepted in a link');
    expect(pageText(response.text)).toContain(join(stack.dataDir, 'login-token'));
    expect(browser.jar.get('desk_session')).toBeUndefined();
    expect((await browser.api('GET', '/api/session')).body.authenticated).toBe(false);
  });

  it('signs in with the lasting token typed into the sign-in form (POST /api/session), as often as needed', async () => {
    for (let i = 0; i < 2; i++) {
      const browser = stack.browser();
      const response = await browser.api('POST', '/api/session', { token: stack.loginToken });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ authenticated: true, via: 'session' });
      expect((await browser.api('GET', '/api/session')).body.authenticated).toBe(true);
    }
  });

  it('refuses a wrong token typed into the sign-in form with what is wrong and where the right one is', async () => {
    const browser = stack.browser();
    const response = await browser.api('POST', '/api/session', { token: 'x'.repeat(43) });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      code: 'SESSION_REQUIRED',
      title: 'Not authenticated',
      message: 'That login token is not the one this server uses.',
      nextStep: expect.stringContaining(join(stack.dataDir, 'login-token')),
    });
    expect(browser.jar.get('desk_session')).toBeUndefined();
  });

  it('refuses a wrong link nonce with a page that explains where the right link and the token are', async () => {
    const browser = stack.browser();
    const response = await browser.request('GET', `${stack.apiUrl}/?link=${'x'.repeat(43)}`);
    expect(response.status).toBe(401);
    expect(response.header('content-type')).toMatch(/text\/html/);
    expect(response.text).toContain('This sign-in link is not valid');
    expect(response.text).toContain(join(stack.dataDir, 'login-token'));
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
