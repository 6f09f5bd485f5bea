import { expect, test } from './support/desk';
import { fillOrder, openPlaceOrder, reviewOrder } from './support/orders-ui';
import { sim } from './support/sim';

const WARNING = "The desk's kill switch is on: it refuses new orders. Turn it off under Kill switches in the Account panel to trade.";

/** The desk's own kill switch, as the trader meets it: said as Place Order opens, and nothing reaches Upstox. */
test.describe("The desk's kill switch", () => {
  test('on: Place Order warns at once and the order is refused without an Upstox call; off: no warning', async ({ desk, page, consoleGuard }) => {
    consoleGuard.allow(/status of 503/, 'the api refuses the order with 503 ORDERS_HALTED: the point of this test');
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();

    const deskSwitch = page.getByTestId('desk-kill-switch');
    await deskSwitch.getByRole('button', { name: 'Turn on' }).click();
    await expect(deskSwitch).toHaveAttribute('data-state', 'on');

    const dialog = await openPlaceOrder(desk);
    await expect(dialog.getByTestId('kill-switch-warning')).toHaveText(WARNING);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 1, price: 1300 });
    await reviewOrder(dialog);
    await dialog.getByTestId('confirm-order').click();
    await expect(dialog.getByTestId('order-result')).toContainText(/kill switch/i);
    expect(await sim.placeCount()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    await deskSwitch.getByRole('button', { name: 'Turn off' }).click();
    await expect(deskSwitch).toHaveAttribute('data-state', 'off');
    const again = await openPlaceOrder(desk);
    // Once the dialog has read the switch (off), there is no warning.
    await expect(again.locator('form[data-kill-switch]')).toHaveAttribute('data-kill-switch', 'off');
    await expect(again.getByTestId('kill-switch-warning')).toHaveCount(0);
  });

  test('turned on and off in another tab: the open Place Order dialog and the Account panel follow without a reload', async ({ desk, page }) => {
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();
    const dialog = await openPlaceOrder(desk);
    await expect(dialog.locator('form[data-kill-switch]')).toHaveAttribute('data-kill-switch', 'off');

    const otherTab = await page.context().newPage();
    try {
      await otherTab.goto(page.url());
      const otherSwitch = otherTab.getByTestId('desk-kill-switch');
      await otherSwitch.getByRole('button', { name: 'Turn on' }).click();
      await expect(otherSwitch).toHaveAttribute('data-state', 'on');

      await expect(dialog.getByTestId('kill-switch-warning')).toHaveText(WARNING);
      await expect(page.getByTestId('desk-kill-switch')).toHaveAttribute('data-state', 'on');

      await otherSwitch.getByRole('button', { name: 'Turn off' }).click();
      await expect(otherSwitch).toHaveAttribute('data-state', 'off');
      await expect(dialog.getByTestId('kill-switch-warning')).toHaveCount(0);
      await expect(page.getByTestId('desk-kill-switch')).toHaveAttribute('data-state', 'off');
    } finally {
      await otherTab.close();
    }
  });
});
