import { chooseEnvironment, openConnectDialog } from './support/connect-ui';
import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { sim } from './support/sim';

test.describe("The guide's Option A: OAuth in a popup", () => {
  test('approve in the real popup: it closes by itself and the top bar shows Connected', async ({ desk, page }) => {
    const app = await sim.app();
    const dialog = await openConnectDialog(desk);
    await expect(dialog.getByRole('tab', { name: /Option A/ })).toHaveAttribute('aria-selected', 'true');
    await chooseEnvironment(dialog, 'simulator', app.client_id);
    await expect(dialog.getByRole('textbox', { name: 'Redirect URI' })).toHaveValue(E2E.redirectUri);
    await expect(dialog.getByLabel('API Secret')).toHaveValue(app.client_secret);

    const popupPromise = page.waitForEvent('popup');
    await dialog.getByTestId('connect-submit').click();
    const popup = await popupPromise;

    await expect(popup).toHaveTitle('Upstox simulator - sign in');
    await expect(dialog.getByTestId('oauth-waiting')).toBeVisible();
    await expect(desk.connectionLabel()).toHaveText('Connecting...');

    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Approve' }).click();
    await closed; // the /callback page closed the popup itself

    await expect(dialog).toBeHidden();
    await desk.expectConnected();
    await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
    const calls = await sim.calls();
    expect(calls['POST /v2/login/authorization/token']).toBe(1);
  });
});
