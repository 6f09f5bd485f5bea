import { ProbeCounter, ProbeModule } from '../support/probe.module';
import { BrowserAgent, rawRequest, startStack, Stack } from '../support/stack';

/**
 * Another page on localhost (any other port) is same-site: the SameSite=Strict session cookie goes with its
 * requests, GETs included. The browser says where a request comes from (Sec-Fetch-Site); a cookie request to
 * /api from anywhere but this origin or the user (address bar, bookmark) is refused before it spends anything.
 */
describe('cookie requests to /api from another site are refused (Sec-Fetch-Site)', () => {
  let stack: Stack;
  let browser: BrowserAgent;
  let counter: ProbeCounter;

  beforeAll(async () => {
    // A strict bucket of 30 a minute: the refused requests below would spend it if they counted.
    stack = await startStack({ env: { DESK_RATE_LIMIT_PER_SECOND: '1000', DESK_RATE_LIMIT_PER_MINUTE: '30' }, imports: [ProbeModule] });
    counter = stack.api.app.get(ProbeCounter);
    browser = stack.browser();
    await browser.signIn();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const cookieGet = (path: string, site: string | null) =>
    browser.api('GET', path, undefined, { origin: null, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' });

  it('refuses same-site and cross-site cookie reads with 403 ORIGIN_REFUSED, before they spend the limit', async () => {
    const before = counter.total();
    const paths = ['/api/__probe/private', '/api/keys', '/api/instruments?q=RELIANCE', '/api/orders', '/api/connection', '/api/docs-json'];
    for (let round = 0; round < 4; round++) {
      for (const site of ['same-site', 'cross-site']) {
        for (const path of paths) {
          const response = await cookieGet(path, site);
          expect({ path, site, status: response.status, code: response.body?.code }).toEqual({ path, site, status: 403, code: 'ORIGIN_REFUSED' });
        }
      }
    }
    expect(counter.total() - before).toBe(0);
    // 48 refused requests (32 of them on strict-bucket routes), and the session's strict budget (30 a minute) is untouched.
    const own = await browser.api('GET', '/api/__probe/private');
    expect(own.status).toBe(200);
    expect(counter.total() - before).toBe(1);
  });

  it("accepts the dashboard's own calls, what the user typed or bookmarked, and clients that send no fetch metadata", async () => {
    for (const site of ['same-origin', 'none', null]) {
      const response = await cookieGet('/api/__probe/private', site);
      expect({ site, status: response.status }).toEqual({ site, status: 200 });
    }
    const docs = await cookieGet('/api/docs-json', 'none');
    expect(docs.status).toBe(200);
  });

  it('leaves API-key requests alone (a browser cannot send one cross-site without CORS)', async () => {
    const created = await browser.api('POST', '/api/keys', { name: 'script', scopes: ['read'] });
    const response = await rawRequest({
      url: `${stack.apiUrl}/api/__probe/private`,
      headers: { authorization: `Bearer ${created.body.key}`, 'sec-fetch-site': 'same-site' },
    });
    expect(response.status).toBe(200);
  });
});
