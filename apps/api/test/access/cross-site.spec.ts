import { ProbeCounter, ProbeModule } from '../support/probe.module';
import { BrowserAgent, startStack, Stack } from '../support/stack';

/**
 * Cross-site state changes with the victim's session cookie attached. SameSite=Strict already keeps the
 * cookie off requests from other sites, so these tests send it anyway: they model the worst case (another
 * origin on the same site, e.g. a dev server on localhost:3000) where only Origin + CSRF header + JSON hold.
 */
describe('cross-site state changes are refused', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let counter: ProbeCounter;
  let cookie: string;

  beforeAll(async () => {
    stack = await startStack({ imports: [ProbeModule] });
    counter = stack.api.app.get(ProbeCounter);
    browser = stack.browser();
    await browser.signIn();
    cookie = browser.jar.header(new URL(stack.apiUrl)) as string;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const keyCount = async () => ((await browser.api('GET', '/api/keys')).body as unknown[]).length;
  const foreign = 'http://attacker.example';
  const sameSiteOtherPort = () => `http://localhost:${stack.api.port + 1}`;

  it('refuses classic form posts in all 3 encodings (urlencoded, multipart, text/plain)', async () => {
    const boundary = '----desk';
    const attempts = [
      { type: 'application/x-www-form-urlencoded', body: 'name=pwned&scopes=trade' },
      {
        type: `multipart/form-data; boundary=${boundary}`,
        body: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\npwned\r\n--${boundary}--\r\n`,
      },
      // The CryptoNote walletd trick: a text/plain form whose body is JSON.
      { type: 'text/plain', body: '{"name":"pwned","scopes":["trade"],"x":"="}' },
    ];
    const keysBefore = await keyCount();
    const probeBefore = counter.total();
    for (const origin of [foreign, sameSiteOtherPort(), 'null']) {
      for (const attempt of attempts) {
        for (const path of ['/api/keys', '/api/__probe/private']) {
          const response = await browser.request('POST', `${stack.apiUrl}${path}`, {
            headers: { cookie, origin, 'content-type': attempt.type, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
            body: attempt.body,
          });
          expect({ origin, type: attempt.type, path, status: response.status, code: response.body?.code }).toEqual({
            origin,
            type: attempt.type,
            path,
            status: 403,
            code: 'ORIGIN_REFUSED',
          });
        }
      }
    }
    expect(await keyCount()).toBe(keysBefore);
    expect(counter.total() - probeBefore).toBe(0);
  });

  it('refuses no-cors fetch and sendBeacon style requests (no CSRF header, simple content types)', async () => {
    const probeBefore = counter.total();
    const requests = [
      // fetch(url, {mode: 'no-cors', method: 'POST', credentials: 'include', body: '...'}) from another site
      { origin: foreign, site: 'cross-site', type: 'text/plain;charset=UTF-8' },
      // navigator.sendBeacon(url, blob) from another port on localhost
      { origin: sameSiteOtherPort(), site: 'same-site', type: 'text/plain;charset=UTF-8' },
      // the same with a JSON content type (would need a CORS preflight, which we never grant)
      { origin: sameSiteOtherPort(), site: 'same-site', type: 'application/json' },
    ];
    for (const r of requests) {
      const response = await browser.request('POST', `${stack.apiUrl}/api/__probe/private`, {
        headers: { cookie, origin: r.origin, 'sec-fetch-site': r.site, 'sec-fetch-mode': 'no-cors', 'content-type': r.type },
        body: '{"a":1}',
      });
      expect(response.status).toBe(403);
      expect(response.header('access-control-allow-origin')).toBeUndefined();
    }
    expect(counter.total() - probeBefore).toBe(0);
  });

  it('needs the X-XSRF-TOKEN header equal to the cookie, even from the right origin', async () => {
    const probeBefore = counter.total();
    const missing = await browser.api('POST', '/api/__probe/private', {}, { 'x-xsrf-token': null });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('CSRF_FAILED');
    const wrong = await browser.api('POST', '/api/__probe/private', {}, { 'x-xsrf-token': 'not-the-token' });
    expect(wrong.body.code).toBe('CSRF_FAILED');
    // Another session's token does not fit this session.
    const other = stack.browser();
    await other.signIn();
    const crossed = await browser.api('POST', '/api/__probe/private', {}, { 'x-xsrf-token': other.xsrfToken() as string });
    expect(crossed.body.code).toBe('CSRF_FAILED');
    expect(counter.total() - probeBefore).toBe(0);
  });

  it('needs an allowed Origin, or Sec-Fetch-Site: same-origin when Origin is absent', async () => {
    const probeBefore = counter.total();
    const noOriginCrossSite = await browser.api('POST', '/api/__probe/private', {}, { origin: null, 'sec-fetch-site': 'cross-site' });
    expect(noOriginCrossSite.body.code).toBe('ORIGIN_REFUSED');
    const noOriginNoFetchMetadata = await browser.api('POST', '/api/__probe/private', {}, { origin: null, 'sec-fetch-site': null });
    expect(noOriginNoFetchMetadata.body.code).toBe('ORIGIN_REFUSED');
    expect(counter.total() - probeBefore).toBe(0);
    const noOriginSameOrigin = await browser.api('POST', '/api/__probe/private', {}, { origin: null, 'sec-fetch-site': 'same-origin' });
    expect(noOriginSameOrigin.status).toBe(200);
  });

  it('accepts the SPA-style call and sends no CORS headers to anybody', async () => {
    const ok = await browser.api('POST', '/api/__probe/private', { hello: 'world' });
    expect(ok.status).toBe(200);
    expect(ok.body.received).toEqual({ hello: 'world' });
    const preflight = await browser.request('OPTIONS', `${stack.apiUrl}/api/keys`, {
      headers: { origin: foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-xsrf-token' },
    });
    expect(preflight.header('access-control-allow-origin')).toBeUndefined();
    expect(preflight.header('access-control-allow-credentials')).toBeUndefined();
    expect(preflight.header('access-control-allow-methods')).toBeUndefined();
  });

  it('never changes state on GET (img tags, links, prefetch)', async () => {
    const keysBefore = await keyCount();
    for (const path of ['/api/keys?name=pwned&scopes=trade', '/api/session?token=x', '/api/keys/create?name=pwned', '/api/__probe/private?write=1']) {
      await browser.request('GET', `${stack.apiUrl}${path}`, { headers: { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' } });
    }
    expect(await keyCount()).toBe(keysBefore);
    expect(counter.calls['private-post'] ?? 0).toBe(2); // only the two accepted SPA-style posts above
  });
});
