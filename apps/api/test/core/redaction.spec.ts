import { HttpResponse, rawRequest, startStack, Stack } from '../support/stack';

/**
 * Canary secrets planted in headers, query strings and bodies must appear in no log line and no response
 * (body or header): the figure reported is the number of occurrences, which must be 0.
 */
describe('redaction: canaries never reach a log line or a response', () => {
  let stack: Stack;
  const canary = (name: string) => `CANARY${name}9f27c4e1b8a3`;
  const responses: HttpResponse[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await rawRequest({
      method,
      url: `${stack.apiUrl}${path}`,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    responses.push(response);
    return response;
  };

  it('counts 0 occurrences after requests full of secrets', async () => {
    const browser = stack.browser();
    await browser.signIn();
    const xsrf = browser.xsrfToken() as string;
    const sessionCookie = browser.jar.header(new URL(stack.apiUrl)) as string;
    const spa = { origin: stack.apiUrl, 'x-xsrf-token': xsrf, cookie: sessionCookie, 'sec-fetch-site': 'same-origin' };

    // Headers
    await send('GET', '/api/session', { authorization: `Bearer desk_${canary('AUTHZ')}` });
    await send('GET', '/api/session', { cookie: `desk_session=${canary('COOKIE')}; XSRF-TOKEN=${canary('XSRFCOOKIE')}` });
    await send('POST', '/api/keys', { ...spa, 'x-xsrf-token': canary('XSRFHEADER'), 'x-api-key': canary('APIKEYHDR') }, { name: 'n', scopes: ['read'] });
    await send('GET', '/api/health', { 'proxy-authorization': `Basic ${canary('PROXY')}`, 'x-custom-secret': canary('CUSTOMHDR') });
    // Query strings (sign-in link, OAuth callback, anything)
    await send('GET', `/?token=${canary('LOGINLINK')}`);
    await send('GET', `/api/health?token=${canary('QTOKEN')}&code=${canary('QCODE')}&state=${canary('QSTATE')}&access_token=${canary('QAT')}`);
    await send('GET', `/callback?code=${canary('CBCODE')}&state=${canary('CBSTATE')}`);
    await send('GET', `/api/no-such-route?client_secret=${canary('QCS')}`);
    // Bodies
    await send('POST', '/api/session', { origin: stack.apiUrl }, { token: canary('BODYTOKEN') });
    await send('POST', '/api/keys', spa, { name: 'n', scopes: ['read'], apiSecret: canary('BODYSECRET'), accessToken: canary('BODYAT') });
    await send('POST', '/api/connection/token', spa, {
      apiKey: canary('CONNKEY'),
      apiSecret: canary('CONNSECRET'),
      accessToken: canary('CONNAT'),
      environment: 'simulator',
    });
    await send('POST', '/api/keys', spa, { name: 'n', scopes: ['read'], nested: { deeper: { client_secret: canary('DEEP') } } });

    const lines = stack.logLines();
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const leakedLines = lines.filter((line) => line.includes('CANARY'));
    expect(leakedLines).toEqual([]);
    const leakedResponses = responses
      .map((r) => `${r.status} ${JSON.stringify(r.headers)} ${r.text}`)
      .filter((text) => text.includes('CANARY'));
    expect(leakedResponses).toEqual([]);
    // The real login token of this run never reaches the log either, though it was used to sign in.
    expect(lines.filter((line) => line.includes(stack.loginToken))).toEqual([]);
    // Sanity: the requests were logged (path without query), so the absence above means something.
    expect(lines.some((line) => line.includes('"url":"/callback"'))).toBe(true);
    expect(lines.some((line) => line.includes('"url":"/api/health"'))).toBe(true);
  });
});
