import { expectAccessibleInBothThemes } from './support/a11y';
import { expect, test, type Desk } from './support/desk';
import { E2E } from './support/e2e-env';

/** The simulator's control route for the user's static IPs (null clears one; the demo user starts with a primary). */
async function setSimStaticIps(body: { primary_ip?: string | null; secondary_ip?: string | null }): Promise<void> {
  const response = await fetch(`${E2E.simUrl}/__sim/static-ip`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, await response.text()).toBe(200);
}

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
}

test.describe('Account controls: static IP and Upstox\'s kill switch (issue 9 items 3, 5)', () => {
  test('with no static IP registered, the orders section says orders will be refused before an order is typed', async ({ desk }) => {
    // The api reads the IPs when the connection is made: clear them at the simulator first.
    await setSimStaticIps({ primary_ip: null, secondary_ip: null });
    await connected(desk);

    const warning = desk.ordersSection().getByTestId('static-ip-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('Orders will be refused until you register a static IP');
    await warning.getByText('How to register one').click();
    await expect(warning.getByTestId('static-ip-steps').getByRole('listitem').first()).toContainText('Upstox developer console');
    // Nothing typed yet: the Place Order dialog was never opened.
    await expect(desk.placeOrderDialog()).toHaveCount(0);
    await expect(desk.page.getByTestId('profile-panel').getByTestId('static-ip-missing')).toContainText('No static IP registered');
    await expectAccessibleInBothThemes(desk.page, 'dashboard: no static IP registered');
  });

  test('the account panel shows the registered IP and turns NSE_EQ off only after its name is typed', async ({ desk }) => {
    await connected(desk);
    const panel = desk.page.getByTestId('profile-panel');
    await expect(panel.getByTestId('static-ip-primary')).toHaveText('203.0.113.10');
    await expect(desk.ordersSection().getByTestId('static-ip-warning')).toHaveCount(0);

    const nseEq = panel.locator('[data-testid="kill-switch-segment"][data-segment="NSE_EQ"]');
    await expect(nseEq).toHaveAttribute('data-state', 'on');
    await nseEq.getByRole('button', { name: 'Turn off NSE_EQ' }).click();

    const dialog = desk.page.getByRole('dialog', { name: 'Turn off trading in NSE_EQ' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('12-hour cooling period');
    await expect(dialog).toContainText('Upstox cancels every pending order in NSE_EQ');

    const name = dialog.getByLabel('Type NSE_EQ to confirm');
    await name.fill('NSE_FO');
    await dialog.getByTestId('kill-switch-confirm').click();
    await expect(dialog.getByTestId('kill-switch-mismatch')).toContainText('That is not NSE_EQ');
    await expectAccessibleInBothThemes(desk.page, 'kill switch dialog, wrong segment typed');
    const before = await (await desk.api('GET', '/api/profile/kill-switch')).json();
    expect(before.find((s: { segment: string }) => s.segment === 'NSE_EQ')?.killSwitchEngaged).toBe(false);

    await name.fill('NSE_EQ');
    await dialog.getByTestId('kill-switch-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(nseEq).toHaveAttribute('data-state', 'off');
    await expect(nseEq).toContainText('Trading off (Upstox kill switch engaged)');
    const after = await (await desk.api('GET', '/api/profile/kill-switch')).json();
    expect(after.find((s: { segment: string }) => s.segment === 'NSE_EQ')?.killSwitchEngaged).toBe(true);
  });
});
