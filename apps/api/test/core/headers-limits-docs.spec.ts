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

  it('serves OpenAPI at /api/docs, /api/docs-json and /api/docs-yaml to signed-in callers only, with both auth schemes', async () => {
    for (const path of ['/api/docs-json', '/api/docs', '/api/docs-yaml', '/api/docs/swagger-ui-init.js']) {
      const anonymous = await rawRequest({ url: `${stack.apiUrl}${path}` });
      expect({ path, status: anonymous.status, code: anonymous.body?.code }).toEqual({ path, status: 401, code: 'SESSION_REQUIRED' });
    }
    // Another spelling reaches the SPA's page, never the document.
    expect((await rawRequest({ url: `${stack.apiUrl}/API/DOCS-YAML` })).text).not.toMatch(/openapi|swagger/i);
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
    const yaml = await browser.api('GET', '/api/docs-yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\./m);
    const ui = await browser.api('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
