import { chooseEnvironment, openConnectDialog } from './support/connect-ui';
import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { sim } from './support/sim';

test.describe('Popup window blocked', () => {
  test('the dialog says so, shows the authorization link, and "Continue in this window" connects', async ({ desk, page }) => {
    // A browser that blocks popups: window.open returns null.
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.reload();
    const app = await sim.app();

    const dialog = await openConnectDialog(desk);
    await chooseEnvironment(dialog, 'simulator', app.client_id);
    await dialog.getByTestId('connect-submit').click();

    const blocked = dialog.getByTestId('popup-blocked');
    await expect(blocked).toContainText('Popup Window Blocked');
    await expect(blocked).toContainText('Allow popups for localhost');
    const link = blocked.getByTestId('authorization-link');
    await expect(link).toHaveAttribute('href', new RegExp(`^${E2E.simUrl}/v2/login/authorization/dialog\\?`));
    await expect(blocked.getByTestId('authorization-url')).toContainText(`client_id=${app.client_id}`);
    await expect(blocked.getByTestId('authorization-url')).toContainText(`redirect_uri=${encodeURIComponent(E2E.redirectUri)}`);

    await blocked.getByRole('button', { name: 'Continue in this window' }).click();
    await expect(page).toHaveTitle('Upstox simulator - sign in');
    await page.getByRole('button', { name: 'Approve' }).click();

    // /callback has no opener here: it brings the user back to the dashboard, connected.
    await expect(page).toHaveURL(`${E2E.apiUrl}/`);
    await desk.expectConnected();
    await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
    expect((await sim.calls())['POST /v2/login/authorization/token']).toBe(1);
  });
});
