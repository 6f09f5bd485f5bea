import { expectAccessible, expectAccessibleInBothThemes } from './support/a11y';
import { chooseEnvironment, chooseOptionB, dialogError, openConnectDialog } from './support/connect-ui';
import { expect, test, type Desk } from './support/desk';
import { placeViaApi } from './support/orders-api';
import { E2E } from './support/e2e-env';
import { fillOrder, openOrder, openPlaceOrder, orderRow, placeOrder, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, msPastNextTokenExpiry, sim } from './support/sim';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every screen and dialog the desk shows, in light and dark: a violation
 * fails with the rule, the element and axe's fix. Screens are reached as a user reaches them; orders that only
 * set the scene are placed through the api.
 */

/** The order status colours: complete, working (open, trigger pending), rejected, cancelled. */
const STATUS_PILLS = ['pill--complete', 'pill--working', 'pill--rejected', 'pill--cancelled'];

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.page.getByTestId('stream-label')).toHaveText('Live');
}

test.describe('Accessibility (axe, WCAG 2.1 A/AA) in light and dark', () => {
  test('sign-in page, and its error', async ({ page, consoleGuard }) => {
    consoleGuard.allow(/status of 401/, 'a wrong login token is refused with 401: the error state is audited');
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in to the dashboard' })).toBeVisible();
    await expectAccessibleInBothThemes(page, 'sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click(); // empty: the field's own message
    await expect(page.locator('#sign-in-token-error')).toBeVisible();
    await page.getByLabel('Login token').fill('not-the-login-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // What is wrong (this token), not "sign in first" to someone signing in.
    await expect(page.getByTestId('error-message')).toHaveText('That login token is not the one this server uses.');
    await expect(page.getByTestId('error-next-step')).toContainText('login-token');
    await expectAccessibleInBothThemes(page, 'sign-in refused');
  });

  test('the audit itself fails on text below 4.5:1, naming the rule, the element and the fix', async ({ page }) => {
    await page.goto('/sign-in');
    await page.addStyleTag({ content: '.sign-in__title { color: #a3aab3 !important; }' }); // 2.4:1 on white
    const message = await expectAccessible(page, 'sign-in with a faded title').then(
      () => 'no violation found',
      (error: Error) => error.message,
    );
    expect(message).toContain('color-contrast (serious)');
    expect(message).toContain('class="sign-in__title"');
    expect(message).toMatch(/fix: +Fix any of the following: Element has insufficient color contrast of 2\.\d+/);
  });

  test('dashboard disconnected; Connect dialog: Option A, Option B and their errors', async ({ desk, page, consoleGuard }) => {
    consoleGuard.allow(/status of 400/, 'Option B with an unknown token answers 400 TOKEN_INVALID: the error state is audited');
    await expect(desk.ordersSection().getByRole('button', { name: 'Place Order' })).toBeDisabled();
    await expectAccessibleInBothThemes(page, 'dashboard disconnected');

    const dialog = await openConnectDialog(desk);
    await expectAccessibleInBothThemes(page, 'connect dialog, Option A (live)');
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await expectAccessibleInBothThemes(page, 'connect dialog, Option A (simulator)');

    // Required fields left empty: the field messages.
    await dialog.getByLabel('Environment').selectOption('live');
    await dialog.getByLabel('API Key').fill('');
    await dialog.getByTestId('connect-submit').click();
    await expect(dialog.locator('[aria-invalid="true"]').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'connect dialog, field errors');

    await chooseOptionB(dialog);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await expectAccessibleInBothThemes(page, 'connect dialog, Option B');
    await dialog.getByLabel('Access Token').fill('not-a-valid-upstox-token');
    await dialog.getByTestId('connect-submit').click();
    await expect(dialogError(dialog).title).toHaveText('Connection Failed');
    await expectAccessibleInBothThemes(page, 'connect dialog, "Connection Failed"');
  });

  test('Option A: waiting for the popup, "Authorization Failed" in the dialog and on the /callback page', async ({ desk, page }) => {
    const dialog = await openConnectDialog(desk);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await dialog.getByLabel('API Secret').fill('not-the-app-secret');
    const popupPromise = page.waitForEvent('popup');
    await dialog.getByTestId('connect-submit').click();
    const popup = await popupPromise;
    await expect(dialog.getByTestId('oauth-waiting')).toBeVisible();
    await expect(desk.connectionLabel()).toHaveText('Connecting...');
    await expectAccessibleInBothThemes(page, 'connect dialog, waiting for Upstox');

    await popup.getByRole('button', { name: 'Approve' }).click();
    await expect(popup.getByRole('heading', { level: 1 })).toHaveText('Authorization Failed');
    expect(popup.url().startsWith(`${E2E.apiUrl}/callback`)).toBe(true);
    await expectAccessibleInBothThemes(popup, '/callback "Authorization Failed"');
    await expect(dialogError(dialog).title).toHaveText('Authorization Failed');
    await expectAccessibleInBothThemes(page, 'connect dialog, "Authorization Failed"');
    await popup.close();
  });

  test('connected dashboard: every order status, positions with P&L up and down, holdings; live and paused', async ({ desk, page }) => {
    await connected(desk);
    const complete = await placeViaApi(desk, { transactionType: 'BUY', quantity: 10, orderType: 'MARKET' });
    // An intraday short (a delivery sell of shares not held is rejected, as Upstox does).
    const short = await placeViaApi(desk, { instrumentKey: INSTRUMENTS.tcs.key, transactionType: 'SELL', quantity: 3, orderType: 'MARKET', product: 'I' });
    const open = await placeViaApi(desk, { transactionType: 'BUY', quantity: 5, orderType: 'LIMIT', price: 1400 });
    const triggerPending = await placeViaApi(desk, { transactionType: 'SELL', quantity: 5, orderType: 'SL-M', triggerPrice: 1395, product: 'I' });
    // 400 x ~1,420 is above the simulator's 5,00,000 margin and below the desk's own 10,00,000 limit: Upstox rejects it.
    const rejected = await placeViaApi(desk, { transactionType: 'BUY', quantity: 400, orderType: 'MARKET' });
    const cancelled = await placeViaApi(desk, { transactionType: 'BUY', quantity: 2, orderType: 'LIMIT', price: 1380 });
    await expect(orderRow(desk, cancelled)).toHaveAttribute('data-status-class', 'working');
    expect((await desk.api('DELETE', `/api/orders/${cancelled}`)).status()).toBe(200);

    await expect(orderRow(desk, complete)).toHaveAttribute('data-status-class', 'complete');
    await expect(orderRow(desk, short)).toHaveAttribute('data-status-class', 'complete');
    await expect(orderRow(desk, open).getByTestId('order-status')).toHaveText(/^open$/i);
    await expect(orderRow(desk, triggerPending).getByTestId('order-status')).toHaveText(/trigger pending/i);
    await expect(orderRow(desk, rejected)).toHaveAttribute('data-status-class', 'rejected');
    await expect(orderRow(desk, cancelled)).toHaveAttribute('data-status-class', 'cancelled');

    // RELIANCE long and up, TCS short and up (a loss): both P&L colours. The stream carries no prices, so the
    // desk learns the new ones from the snapshot a fresh connection takes.
    await sim.setPrice(INSTRUMENTS.reliance.key, 1500);
    await sim.setPrice(INSTRUMENTS.tcs.key, 3300);
    await page.goto('about:blank');
    await desk.disconnect();
    await page.goto('/');
    await connected(desk);
    await expect(desk.orderRows()).toHaveCount(6);
    const positions = page.getByTestId('position-row');
    await expect(positions.filter({ hasText: 'RELIANCE' }).getByTestId('position-pnl')).toHaveText(/^\+/);
    await expect(positions.filter({ hasText: 'TCS' }).getByTestId('position-pnl')).toHaveText(/^[-−]/);
    await expect(page.locator('.pnl--up').first()).toBeVisible();
    await expect(page.locator('.pnl--down').first()).toBeVisible();
    await expect(page.getByTestId('holdings-panel').getByTestId('holding-row')).toHaveCount(4);
    await expectAccessibleInBothThemes(page, 'dashboard connected, live', {
      contrastOf: ['data-testid="connection-label"', 'data-testid="stream-label"', ...STATUS_PILLS, 'pnl--up', 'pnl--down'],
    });

    await sim.feedFault('refuse', { count: 1000, status: 503 });
    await sim.feedFault('drop');
    await expect(page.getByTestId('stream-label')).toHaveText('Live updates paused - reconnecting');
    await expectAccessibleInBothThemes(page, 'dashboard, live updates paused', { contrastOf: ['data-testid="stream-label"'] });
    await sim.clearFeedFaults();
    await expect(page.getByTestId('stream-label')).toHaveText('Live', { timeout: 20_000 });
  });

  test('Place Order: edit step, its field errors, confirmation and result', async ({ desk, page }) => {
    await connected(desk);
    const dialog = await openPlaceOrder(desk);
    await dialog.getByRole('combobox', { name: 'Instrument' }).fill('RELIANCE');
    await expect(dialog.getByRole('listbox', { name: 'Matching instruments' }).getByRole('option').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'place order, instrument results');

    await dialog.getByRole('button', { name: 'Review order' }).click(); // nothing picked: the form's messages
    await expect(dialog.locator('.field__error').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'place order, field errors');

    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'SL', quantity: 2, price: 1455, trigger: 1450 });
    await expectAccessibleInBothThemes(page, 'place order, edit step (SL)');
    await dialog.getByRole('radio', { name: 'SELL', exact: true }).check();
    await dialog.getByRole('radio', { name: 'LIMIT', exact: true }).check();
    await dialog.getByLabel('Price (₹)', { exact: true }).fill('1500');
    await expectAccessibleInBothThemes(page, 'place order, edit step (SELL LIMIT)');
    await reviewOrder(dialog);
    await expectAccessibleInBothThemes(page, 'place order, confirmation');
    await dialog.getByTestId('confirm-order').click();
    await expect(dialog.getByTestId('placed-order-id')).toHaveText(/^\d{15}$/);
    await expectAccessibleInBothThemes(page, 'place order, result');
  });

  test('order details, modify with its confirmation, cancel with its confirmation, a rejected order', async ({ desk, page }) => {
    await connected(desk);
    const working = await placeOrder(desk, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 3, price: 1400 });
    await expect(orderRow(desk, working)).toHaveAttribute('data-status-class', 'working');

    const details = await openOrder(desk, working);
    await expect(details.getByTestId('order-history')).toContainText(/open/i);
    await expectAccessibleInBothThemes(page, 'order details', { contrastOf: ['pill--pending', 'pill--working'] });
    await details.getByRole('button', { name: 'Modify' }).click();
    const form = details.getByTestId('modify-order-form');
    await form.getByLabel('Price (₹)', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Send modification' }).click();
    await expect(form.locator('.field__error').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'modify order, field error');
    await form.getByLabel('Price (₹)', { exact: true }).fill('1405');
    await form.getByRole('button', { name: 'Send modification' }).click();
    await expect(form.getByTestId('modify-confirmation')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'modify order, confirmation');
    await form.getByRole('button', { name: 'Edit' }).click();
    await form.getByRole('button', { name: 'Back' }).click();

    await details.getByRole('button', { name: 'Cancel order' }).click();
    await expect(details.getByTestId('cancel-confirmation')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'cancel order, confirmation');
    await details.getByRole('button', { name: 'Yes, cancel order' }).click();
    await expect(details.getByTestId('order-history')).toContainText(/cancelled/i);
    await expectAccessibleInBothThemes(page, 'order details, cancelled');
    await details.getByRole('button', { name: 'Close' }).click();

    const rejected = await placeViaApi(desk, { transactionType: 'BUY', quantity: 400, orderType: 'MARKET' });
    await expect(orderRow(desk, rejected)).toHaveAttribute('data-status-class', 'rejected');
    const rejectedDetails = await openOrder(desk, rejected);
    await expect(rejectedDetails.getByTestId('order-status-message')).toContainText('add Rs.');
    await expectAccessibleInBothThemes(page, 'order details, rejected');
  });

  test('API keys: the form, the key shown once, the revoke question, a revoked key', async ({ desk, page }) => {
    await connected(desk);
    const panel = page.getByTestId('api-keys-panel');
    await expect(panel.getByTestId('api-keys-loading')).toBeHidden();
    await panel.getByRole('button', { name: 'New API key' }).click();
    const form = panel.getByRole('form', { name: 'New API key' });
    await form.getByRole('checkbox', { name: /^read/ }).uncheck();
    await form.getByRole('button', { name: 'Create key' }).click(); // no name, no scope: the form's messages
    await expect(form.locator('.field__error').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'api keys, form errors');

    const name = `a11y ${Date.now()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByRole('checkbox', { name: /^read/ }).check();
    await form.getByRole('checkbox', { name: /^trade/ }).check();
    await expectAccessibleInBothThemes(page, 'api keys, form with trade scope');
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect(panel.getByTestId('api-key-created')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'api keys, key created');

    await panel.getByRole('button', { name: 'Done, I have copied it' }).click();
    const row = panel.getByTestId('api-key-row').filter({ hasText: name });
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect(row.getByRole('alertdialog')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'api keys, revoke question');
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(row.getByTestId('api-key-state')).toHaveText('Revoked');
    await expectAccessibleInBothThemes(page, 'api keys, revoked', { contrastOf: ['keys__pill--revoked', 'keys__chip--trade'] });
  });

  test('expired connection: the top bar, the banner and the disabled Place Order', async ({ desk, page }) => {
    await connected(desk);
    const { now } = await sim.clock();
    await sim.advanceClock(msPastNextTokenExpiry(now));
    await expect(desk.connectionLabel()).toHaveText('Expired - Reconnect');
    await expect(page.getByTestId('connection-expired')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'dashboard, connection expired', { contrastOf: ['data-testid="connection-label"'] });
  });
});
