import { freePort, Stack, startStack } from '../support/stack';
import { signedIn } from './connection-support';

// Own file: one api per test file (a second api started in the same jest module registry shares Nest's static
// logger with the first, closed one).
describe('Upstox connection when Upstox is unreachable', () => {
  let stack: Stack;
  beforeAll(async () => {
    const closedPort = await freePort();
    const closed = `http://127.0.0.1:${closedPort}`;
    stack = await startStack({ env: { UPSTOX_SIM_URL: closed, UPSTOX_API_URL: closed, UPSTOX_ORDER_URL: closed, UPSTOX_TIMEOUT_MS: '2000' } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('answers Connection Failed with a network cause for a pasted token', async () => {
    const browser = await signedIn(stack);
    const res = await browser.api('POST', '/api/connection/token', { apiKey: 'k', apiSecret: 's', accessToken: 'some-token', environment: 'live' });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'UPSTOX_UNREACHABLE', title: 'Connection Failed' });
    expect(res.body.message).toMatch(/network/i);
    expect(res.body.nextStep).toMatch(/internet connection/);
    expect((await browser.api('GET', '/api/connection')).body.state).toBe('disconnected');
  }, 30_000);

  it('says clearly that the simulator is not running', async () => {
    const browser = await signedIn(stack);
    const res = await browser.api('GET', '/api/connection/simulator-app');
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'UPSTOX_UNREACHABLE', title: 'Connection Failed' });
    expect(res.body.message).toContain('simulator is not running');
    expect(res.body.nextStep).toContain('npm run simulator');
    // Connecting in the simulator environment asks the simulator for its demo app first: the same answer.
    const pasted = await browser.api('POST', '/api/connection/token', { apiKey: 'k', apiSecret: 's', accessToken: 'some-token', environment: 'simulator' });
    expect(pasted.status).toBe(502);
    expect(pasted.body.message).toContain('simulator is not running');
  });
});
