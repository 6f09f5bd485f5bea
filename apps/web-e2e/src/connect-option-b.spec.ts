import { chooseEnvironment, chooseOptionB, openConnectDialog } from './support/connect-ui';
import { expect, test } from './support/desk';
import { sim } from './support/sim';

test.describe('Option B: an existing access token', () => {
  test('a token minted by the simulator connects, and the orders section loads', async ({ desk, page }) => {
    const app = await sim.app();
    const { access_token } = await sim.mintToken();

    const dialog = await openConnectDialog(desk);
    await chooseOptionB(dialog);
    await chooseEnvironment(dialog, 'simulator', app.client_id);
    await dialog.getByLabel('Access Token').fill(access_token);
    await dialog.getByTestId('connect-submit').click();

    await expect(dialog).toBeHidden();
    await desk.expectConnected();
    await expect(page.getByTestId('environment-badge')).toContainText('SIMULATED');
    await expect(page.getByTestId('simulated-ribbon')).toBeVisible();
    await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
    await expect(page.getByTestId('profile-user-id')).toHaveText('SIM7K2');
    await expect(desk.topBar().getByRole('button', { name: 'Disconnect' })).toBeVisible();

    const calls = await sim.calls();
    expect(calls['GET /v2/user/profile']).toBeGreaterThanOrEqual(1);
    expect(calls['GET /v2/order/retrieve-all']).toBeGreaterThanOrEqual(1);
  });

  test('Disconnect asks first: "Keep connected" keeps the connection, "Yes, disconnect" ends it', async ({ desk, page }) => {
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();
    const topBar = desk.topBar();

    await topBar.getByRole('button', { name: 'Disconnect' }).click();
    const confirmation = topBar.getByTestId('disconnect-confirmation');
    await expect(confirmation).toContainText('Disconnect Upstox?');
    await expect(confirmation.getByRole('button', { name: 'Keep connected' })).toBeFocused();
    await confirmation.getByRole('button', { name: 'Keep connected' }).click();
    await expect(confirmation).toBeHidden();
    await expect(topBar.getByRole('button', { name: 'Disconnect' })).toBeFocused();
    await desk.expectConnected();

    await topBar.getByRole('button', { name: 'Disconnect' }).click();
    await topBar.getByRole('button', { name: 'Yes, disconnect' }).click();
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    await expect(topBar.getByRole('button', { name: 'Connect Upstox' })).toBeVisible();
    await expect(desk.ordersSection().getByTestId('orders-empty')).toContainText('Connect Upstox');
  });
});
