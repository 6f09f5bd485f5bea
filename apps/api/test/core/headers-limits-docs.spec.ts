import { ProbeModule } from '../support/probe.module';
import { rawRequest, startStack, Stack } from '../support/stack';

describe('security headers, inbound rate limit, OpenAPI', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { DESK_RATE_LIMIT_PER_SECOND: '1000', DESK_RATE_LIMIT_PER_MINUTE: '40' }, imports: [ProbeModule] });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sends helmet headers tuned for localhost on api responses and pages', async () => {
    for (const path of ['/api/health', '/', '/api/session']) {
      const response = await rawRequest({ url: `${stack.apiUrl}${path}` });
      const csp = response.header('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.header('strict-transport-security')).toBeUndefined();
      expect(response.header('referrer-policy')).toBe('no-referrer');
      expect(response.header('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
      expect(response.header('x-frame-options')).toBe('DENY');
      expect(response.header('x-content-type-options')).toBe('nosniff');
      expect(response.header('x-powered-by')).toBeUndefined();
      expect(response.header('access-control-allow-origin')).toBeUndefined();
    }
    const api = await rawRequest({ url: `${stack.apiUrl}/api/health` });
    expect(api.header('cache-control')).toBe('no-store');
  });

  it('lets the OAuth /callback page relax COOP to unsafe-none (so the popup can reach its opener)', async () => {
    const callback = await rawRequest({ url: `${stack.apiUrl}/callback/done` });
    expect(callback.header('cross-origin-opener-policy')).toBe('unsafe-none');
  });

  it('limits requests per session with 429 + Retry-After, without slowing other sessions', async () => {
    const greedy = stack.browser();
    await greedy.signIn();
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 45; i++) {
      const response = await greedy.api('GET', '/api/__probe/private');
      statuses.push(response.status);
      if (response.status === 429) {
        limited = response;
        break;
      }
    }
    expect(limited).toBeDefined();
    expect(statuses.filter((s) => s === 200).length).toBe(40);
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect(Number(limited?.header('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited?.header('retry-after'))).toBeLessThanOrEqual(60);
    const patient = stack.browser();
    await patient.signIn();
    expect((await patient.api('GET', '/api/__probe/private')).status).toBe(200);
  });

  it('serves OpenAPI at /api/docs and /api/docs-json to signed-in callers only, with both auth schemes', async () => {
    expect((await rawRequest({ url: `${stack.apiUrl}/api/docs-json` })).status).toBe(401);
    expect((await rawRequest({ url: `${stack.apiUrl}/api/docs` })).status).toBe(401);
    const browser = stack.browser();
    await browser.signIn();
    const doc = await browser.api('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/session', '/api/keys', '/api/keys/{id}']));
    expect(doc.body.components.securitySchemes).toEqual(
      expect.objectContaining({ cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'desk_session' }), bearer: expect.objectContaining({ scheme: 'bearer' }) }),
    );
    expect(doc.text).not.toContain(stack.loginToken);
    const ui = await browser.api('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
