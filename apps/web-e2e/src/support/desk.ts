import { test as base, expect, type APIResponse, type Locator, type Page } from '@playwright/test';
import { msToClearTokenRollover } from '@desk/contracts';
import { ConsoleGuard } from './console-guard';
import { E2E } from './e2e-env';
import { sim } from './sim';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The signed-in dashboard of one test: the browser page plus direct api calls made exactly like
 * the SPA makes them (session cookie, Origin, X-XSRF-TOKEN, JSON).
 */
export class Desk {
  constructor(readonly page: Page) {}

  /**
   * Signs in with the lasting login token typed into the sign-in form: the link the api prints works once
   * per start, and the token itself is never accepted in a URL.
   */
  async signIn(): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Login token').fill(E2E.loginToken);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.topBar()).toBeVisible();
  }

  async api(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<APIResponse> {
    const cookies = await this.page.context().cookies(E2E.apiUrl);
    const xsrf = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    return this.page.request.fetch(`${E2E.apiUrl}${path}`, {
      method,
      headers: { Origin: E2E.apiUrl, 'X-XSRF-TOKEN': xsrf, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      data: body === undefined ? undefined : JSON.stringify(body),
      failOnStatusCode: false,
    });
  }

  /**
   * Option B through the api (for tests about something else than connecting). Returns the Upstox token, for tests
   * that ask the simulator itself what Upstox would say; `environment` 'sandbox' makes the simulator play the sandbox.
   */
  async connectWithMintedToken(environment: 'simulator' | 'sandbox' = 'simulator'): Promise<string> {
    const app = await sim.app();
    const { access_token } = await sim.mintToken();
    const response = await this.api('POST', '/api/connection/token', {
      apiKey: app.client_id,
      apiSecret: app.client_secret,
      accessToken: access_token,
      environment,
    });
    expect(response.status(), await response.text()).toBe(200);
    return access_token;
  }

  async disconnect(): Promise<void> {
    const response = await this.api('DELETE', '/api/connection');
    expect(response.status(), await response.text()).toBe(200);
  }

  topBar(): Locator {
    return this.page.getByTestId('top-bar');
  }

  connectionLabel(): Locator {
    return this.page.getByTestId('connection-label');
  }

  connectDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Connect Upstox' });
  }

  placeOrderDialog(): Locator {
    return this.page.getByTestId('place-order-dialog');
  }

  ordersSection(): Locator {
    return this.page.getByTestId('orders-section');
  }

  orderRows(): Locator {
    return this.page.getByTestId('order-row');
  }

  /** The dashboard after a (re)load shows the connected simulator user. */
  async expectConnected(): Promise<void> {
    const status = this.page.getByTestId('connection-status');
    await expect(this.connectionLabel()).toHaveText('Connected');
    await expect(status).toHaveAttribute('data-tone', 'ok');
    await expect(this.page.getByTestId('connection-user')).toContainText('Demo Trader');
    await expect(this.page.getByTestId('connection-time-left')).toHaveText(/\d/);
  }
}

/**
 * Every test starts clean: signed in, no Upstox connection, the simulator back at its seed
 * (orders, prices, clock, tokens and call counts). Every test, with or without the desk, ends with 0 console
 * errors and 0 page errors on the desk's pages (consoleGuard, automatic).
 */
export const test = base.extend<{ desk: Desk; consoleGuard: ConsoleGuard; clearOfTokenRollover: void }>({
  // Upstox tokens die at 03:30 IST, the simulator's too: a test that would start less than a test's time-out before
  // then waits until just past it, so the connection it makes does not die half-way (token-expiry.spec moves the
  // simulator's clock on purpose instead).
  clearOfTokenRollover: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use) => {
      const wait = msToClearTokenRollover(Date.now(), E2E.testTimeoutMs);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await use();
    },
    { auto: true, timeout: E2E.testTimeoutMs + 30_000 },
  ],
  consoleGuard: [
    async ({ context }, use) => {
      const guard = new ConsoleGuard([E2E.apiUrl, E2E.simUrl]);
      guard.watch(context);
      await use(guard);
      guard.assertClean();
    },
    { auto: true },
  ],
  desk: async ({ page, clearOfTokenRollover }, use) => {
    // Named so it is set up before this fixture: the sign-in and the test's connection come after any wait.
    void clearOfTokenRollover;
    const desk = new Desk(page);
    await desk.signIn();
    // Off the dashboard while the previous test's connection is removed: a page that is syncing with it would
    // race the removal (its reads would meet "not connected") and that is not what any test is about.
    await page.goto('about:blank');
    await desk.disconnect();
    await sim.reset();
    await page.goto('/');
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    await use(desk);
  },
});

export { expect };
