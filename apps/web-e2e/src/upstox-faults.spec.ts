import { expect, test } from './support/desk';
import { fillOrder, openPlaceOrder, reviewOrder } from './support/orders-ui';
import { PLACE_ROUTE, sim } from './support/sim';

test.describe('Upstox slow or failing: a clear answer in the UI within the timeout', () => {
  test('a place call that never answers shows "Outcome unknown", then "not placed" once the api has checked; it is not resent, and the dashboard keeps working', async ({ desk }) => {
    await desk.connectWithMintedToken();
    await desk.page.reload();
    await desk.expectConnected();
    await sim.arm({ route: PLACE_ROUTE, kind: 'hang' });

    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    await reviewOrder(dialog);
    const started = Date.now();
    await dialog.getByTestId('confirm-order').click();

    const unknown = dialog.getByTestId('outcome-unknown');
    await expect(unknown).toContainText('Outcome unknown');
    await expect(unknown).toContainText('do not resubmit');
    // UPSTOX_TIMEOUT_MS is 3 s in this stack: the answer comes soon after, not after minutes.
    expect(Date.now() - started).toBeLessThan(9_000);
    // The dialog follows the api's reconciliation: Upstox's order book has no order with its tag once the settle
    // window (10 s after the failure) has passed, so it ends on "not placed", with Back to edit.
    await expect(dialog.getByTestId('error-message')).toContainText('The order was not placed', { timeout: 30_000 });
    await expect(unknown).toBeHidden();
    await expect(dialog.getByRole('button', { name: 'Back to edit' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    await desk.ordersSection().getByRole('button', { name: 'Refresh orders' }).click();
    await expect(desk.ordersSection().getByTestId('error-callout')).toBeHidden();
    await expect(desk.connectionLabel()).toHaveText('Connected');
    expect(await sim.placeCount()).toBe(1);
  });
});
