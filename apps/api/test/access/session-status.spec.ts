import { rawRequest, startStack, Stack } from '../support/stack';

/**
 * "Not signed in" is what the dashboard expects on its first load: an answer, not an HTTP error (a 401 would
 * print an error in the browser console on every fresh start). Every other route keeps its 401.
 */
describe('GET /api/session says whether the caller is signed in', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 200 {authenticated: false} without a session, and {authenticated: true} with one', async () => {
    const browser = stack.browser();
    const anonymous = await browser.api('GET', '/api/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ authenticated: false, via: null });
    expect(anonymous.header('cache-control')).toBe('no-store');
    await browser.signIn();
    expect((await browser.api('GET', '/api/session')).body).toEqual({ authenticated: true, via: 'session' });
    const signedOut = await browser.api('DELETE', '/api/session');
    expect(signedOut.status).toBe(200);
    expect((await browser.api('GET', '/api/session')).body).toEqual({ authenticated: false, via: null });
  });

  it('still answers 401 to a wrong API key, so a script learns its key is bad', async () => {
    const response = await rawRequest({ url: `${stack.apiUrl}/api/session`, headers: { authorization: 'Bearer desk_not-a-key' } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('API_KEY_INVALID');
  });

  it('keeps 401 SESSION_REQUIRED on every other /api route without a session', async () => {
    const browser = stack.browser();
    for (const path of ['/api/keys', '/api/connection', '/api/orders', '/api/profile', '/api/docs-json']) {
      const response = await browser.api('GET', path);
      expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status: 401, code: 'SESSION_REQUIRED' });
    }
  });
});
