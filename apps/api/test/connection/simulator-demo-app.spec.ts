import { Stack, startStack } from '../support/stack';
import { sim, signedIn, startOAuth, TOKEN_EXCHANGE } from './connection-support';

const REAL_SECRET = 'CANARY-real-upstox-secret-41c9';
const REAL_TOKEN = 'CANARY-real-upstox-token-eyJhbGciOi-8d2e';

/** Every request the simulator saw, per route (its control API is not counted). */
async function simCalls(stack: Stack): Promise<Record<string, number>> {
  return (await sim(stack, 'GET', 'calls')).body.counts as Record<string, number>;
}

/**
 * The simulator port is a local port any user of the machine could listen on. In the `simulator`
 * environment the api accepts only the simulator's demo app (its client_id, asked from the port with a request
 * that carries nothing), so real credentials and tokens are refused before anything of theirs is sent there.
 */
describe('the simulator environment accepts only the simulator demo app', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a pasted token with another app: 0 calls carry the token to the simulator port', async () => {
    const browser = await signedIn(stack);
    const before = await simCalls(stack);
    const res = await browser.api('POST', '/api/connection/token', {
      apiKey: 'my-real-upstox-app-0d1e',
      apiSecret: REAL_SECRET,
      accessToken: REAL_TOKEN,
      environment: 'simulator',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', title: 'Connection Failed' });
    expect(res.body.message).toContain("not the built-in simulator's demo app");
    expect(res.body.nextStep).toContain('Live');
    expect(res.text).not.toContain(REAL_TOKEN);
    expect(await simCalls(stack)).toEqual(before);
    expect((await browser.api('GET', '/api/connection')).body.state).toBe('disconnected');
    expect(stack.logLines().filter((line) => line.includes(REAL_TOKEN) || line.includes(REAL_SECRET))).toEqual([]);
  });

  it('refuses to start Option A with another app: no flow, no authorization URL, no exchange', async () => {
    const browser = await signedIn(stack);
    const exchanges = (await simCalls(stack))[TOKEN_EXCHANGE] ?? 0;
    const res = await startOAuth(stack, browser, { apiKey: 'my-real-upstox-app-0d1e', apiSecret: REAL_SECRET });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.authorizationUrl).toBeUndefined();
    expect(res.setCookies.join('\n')).not.toContain('desk_oauth_tx');
    expect((await browser.api('GET', '/api/connection')).body.state).toBe('disconnected');
    expect((await simCalls(stack))[TOKEN_EXCHANGE] ?? 0).toBe(exchanges);
  });

  it("still connects the simulator's own demo app with both options", async () => {
    const browser = await signedIn(stack);
    const started = await startOAuth(stack, browser);
    expect(started.status).toBe(200);
    expect(started.body.authorizationUrl).toContain(stack.sim.app.clientId);
    const token = (await sim(stack, 'POST', 'tokens', {})).body.access_token as string;
    const pasted = await browser.api('POST', '/api/connection/token', {
      apiKey: stack.sim.app.clientId,
      apiSecret: stack.sim.app.clientSecret,
      accessToken: token,
      environment: 'simulator',
    });
    expect(pasted.status).toBe(200);
    expect(pasted.body.state).toBe('connected');
    expect((await browser.api('DELETE', '/api/connection')).status).toBe(200);
  });
});
