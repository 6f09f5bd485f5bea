import { chooseEnvironment, chooseOptionB, dialogError, openConnectDialog } from './support/connect-ui';
import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { fillOrder, openPlaceOrder, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, sim } from './support/sim';

const GUIDE_DEFAULT_REDIRECT_URI = 'http://localhost:5000/callback';

test.describe("The guide's errors, in its words", () => {
  test('redirect URI mismatch: Upstox refuses in the popup, the dialog says "Authorization Failed" with both URIs', async ({ desk, page, consoleGuard }) => {
    consoleGuard.allow(/status of 400/, "Upstox's dialog refuses the redirect URI with 400 in the popup: the point of this test");
    consoleGuard.allowIfSeen(/status of 404/, "the browser's favicon request for that JSON error page in the popup (simulator origin), sent only if the popup stays open long enough");
    const wrongRedirectUri = `${E2E.apiUrl}/not-the-registered-callback`;
    const dialog = await openConnectDialog(desk);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await dialog.getByRole('textbox', { name: 'Redirect URI' }).fill(wrongRedirectUri);

    const popupPromise = page.waitForEvent('popup');
    await dialog.getByTestId('connect-submit').click();
    const popup = await popupPromise;
    await expect(popup.locator('body')).toContainText('UDAPI100068');
    await expect(dialog.getByTestId('oauth-waiting')).toBeVisible();

    await popup.close(); // what the user does with an Upstox error page
    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Authorization Failed');
    await expect(error.message).toContainText(wrongRedirectUri);
    await expect(error.nextStep).toContainText(`exactly ${wrongRedirectUri}`);
    await expect(error.nextStep).toContainText(GUIDE_DEFAULT_REDIRECT_URI);
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    expect((await sim.calls())['POST /v2/login/authorization/token'] ?? 0).toBe(0);
    // The dead flow is gone at the api too: a reload does not show "Connecting...".
    await page.reload();
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
  });

  test('wrong API secret: the popup shows "Authorization Failed" from /callback, then the dashboard does too', async ({ desk, page }) => {
    const dialog = await openConnectDialog(desk);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await dialog.getByLabel('API Secret').fill('not-the-app-secret');

    const popupPromise = page.waitForEvent('popup');
    await dialog.getByTestId('connect-submit').click();
    const popup = await popupPromise;
    await popup.getByRole('button', { name: 'Approve' }).click();

    await expect(popup.getByRole('heading', { level: 1 })).toHaveText('Authorization Failed');
    await expect(popup.locator('#next-step')).toBeVisible();
    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Authorization Failed');
    await expect(error.message).not.toBeEmpty();
    await expect(error.nextStep).toContainText('API Key and Secret');
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    // Exchanged exactly once: a failed code is never retried.
    expect((await sim.calls())['POST /v2/login/authorization/token']).toBe(1);
    await popup.close();
  });

  test('invalid access token (Option B): "Connection Failed"', async ({ desk, consoleGuard }) => {
    consoleGuard.allow(/status of 400/, 'POST /api/connection/token answers 400 TOKEN_INVALID: the point of this test');
    const dialog = await openConnectDialog(desk);
    await chooseOptionB(dialog);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await dialog.getByLabel('Access Token').fill('not-a-valid-upstox-token');
    await dialog.getByTestId('connect-submit').click();

    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Connection Failed');
    await expect(error.message).toContainText(/token/i);
    await expect(dialog).toBeVisible();
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    expect((await sim.calls())['GET /v2/user/profile']).toBe(1);
  });

  test('Upstox unreachable (Live from this machine): "Connection Failed" with a network cause', async ({ desk, consoleGuard }) => {
    consoleGuard.allow(/status of 502/, 'POST /api/connection/token answers 502 UPSTOX_UNREACHABLE: the point of this test');
    const dialog = await openConnectDialog(desk);
    await chooseOptionB(dialog);
    await chooseEnvironment(dialog, 'live');
    await dialog.getByLabel('API Key').fill('live-app-key');
    await dialog.getByLabel('API Secret').fill('live-app-secret');
    await dialog.getByLabel('Access Token').fill('live-access-token');
    await dialog.getByTestId('connect-submit').click();

    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Connection Failed');
    await expect(error.callout).toContainText(/network|internet|reach/i);
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
  });

  test('"Not authenticated": an order confirmed after the connection was removed', async ({ desk, consoleGuard }) => {
    consoleGuard.allow(/status of 401/, 'the order is confirmed after the connection was removed: 401 NOT_AUTHENTICATED is the point of this test');
    await desk.connectWithMintedToken();
    await desk.page.reload();
    await desk.expectConnected();
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    await reviewOrder(dialog);

    await desk.disconnect(); // e.g. from another tab
    await dialog.getByTestId('confirm-order').click();

    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Not authenticated');
    await expect(error.nextStep).toContainText(/Connect/);
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    expect(await sim.placeCount()).toBe(0);
  });

  test('the desk api stops answering: the top bar says "Desk unreachable", not a stale green "Connected", until it answers again', async ({ desk, page, consoleGuard }) => {
    consoleGuard.allow(/ERR_FAILED/, 'every /api request is failed on purpose: the api "stopped"');
    await desk.connectWithMintedToken();
    // A position, so its Exit can be checked too (a MARKET buy fills at once in the simulator).
    const bought = await desk.api(
      'POST',
      '/api/orders',
      { instrumentKey: INSTRUMENTS.reliance.key, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY' },
      { 'Idempotency-Key': 'unreachable-exit-1' },
    );
    expect(bought.status(), await bought.text()).toBe(201);
    await page.clock.install();
    await page.reload();
    await desk.expectConnected();
    const exit = page.getByRole('button', { name: /^Exit RELIANCE Intraday/ });
    await expect(exit).toBeEnabled();

    await page.route('**/api/**', (route) => route.abort('failed'));
    await page.clock.fastForward(31_000); // the top bar re-reads the connection every 30 s
    await expect(desk.connectionLabel()).toHaveText('Desk unreachable');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('title', /Check that `npm start` is still running/);
    // The banner says why, and no banner claims the Upstox connection expired: nobody knows that.
    await expect(page.locator('.dashboard__banner [data-testid="error-title"]').first()).toHaveText('Connection Failed');
    await expect(page.getByTestId('connection-expired')).toHaveCount(0);
    // An order typed now could not be sent: Place Order says so before the trader types one.
    await expect(page.getByTestId('place-order-button')).toBeDisabled();
    await expect(page.getByTestId('place-order-button')).toHaveAttribute('title', /Upstox Desk is not answering/);
    // So does a position's Exit, which starts an order too.
    await expect(exit).toBeDisabled();
    await expect(exit).toHaveAttribute('title', /Upstox Desk is not answering/);
    // The panels keep their last rows in view: their own no-answer errors come in short.
    await page.getByRole('button', { name: 'Refresh orders' }).click();
    const ordersError = page.getByTestId('orders-section').getByTestId('error-callout');
    await expect(ordersError).toHaveAttribute('data-compact', 'true');
    await expect(ordersError).toContainText('Connection Failed: Upstox Desk could not reach its api');
    await page.getByRole('button', { name: 'Refresh account' }).click();
    const account = page.getByTestId('profile-panel');
    // Funds, profile, static IPs and both kill switches got no answer: one short note, and each keeps what it showed.
    await expect(account.getByTestId('error-callout')).toHaveCount(1);
    await expect(account.getByTestId('error-callout')).toHaveAttribute('data-compact', 'true');
    await expect(account.getByTestId('static-ip-primary')).toBeVisible();
    await expect(account.getByTestId('desk-kill-switch')).toBeVisible();
    await expect(account.getByTestId('funds-available')).toBeVisible();
    await expect(account.getByTestId('profile-name')).toBeVisible();

    await page.unroute('**/api/**');
    await page.clock.fastForward(31_000);
    await expect(desk.connectionLabel()).toHaveText('Connected');
    await expect(page.getByTestId('place-order-button')).toBeEnabled();
    await expect(exit).toBeEnabled();
  });
});
