import { expect, test, type Desk } from './support/desk';
import { placeViaApi } from './support/orders-api';
import { fillOrder, openOrder, openPlaceOrder, orderRow, placeOrder, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, sim } from './support/sim';

const reliance = { search: 'RELIANCE', symbol: 'RELIANCE' } as const;

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
}

async function simStatus(orderId: string): Promise<string | undefined> {
  return (await sim.orders()).find((o) => o.order_id === orderId)?.status;
}

test.describe('Orders of each type: place, fill, trigger, modify, cancel', () => {
  test.beforeEach(async ({ desk }) => {
    await connected(desk);
  });

  test('MARKET fills and shows complete', async ({ desk }) => {
    const id = await placeOrder(desk, { ...reliance, type: 'MARKET', quantity: 2 });
    const row = orderRow(desk, id);
    await expect(row).toHaveAttribute('data-status-class', 'complete');
    await expect(row).toContainText('2/2');
    await expect(row.getByTestId('order-status')).toHaveText(/complete/i);
    await expect(row).toHaveAttribute('aria-label', 'BUY 2 RELIANCE MARKET, complete');
    expect(await simStatus(id)).toBe('complete');
    expect(await sim.placeCount()).toBe(1);
  });

  test('an order Upstox accepts and then rejects (funds) turns the result red with the reason; Back to edit keeps the form', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { ...reliance, type: 'MARKET', quantity: 400 });
    await reviewOrder(dialog);
    await dialog.getByTestId('confirm-order').click();
    await expect(dialog.getByTestId('placed-order-id')).toHaveText(/^\d{15}$/);
    await expect(dialog.getByTestId('placed-title')).toHaveText('Upstox rejected the order after accepting it');
    await expect(dialog.getByTestId('placed-order-status')).toContainText(/rejected\s*You need to add Rs\. [\d.]+ in your account/);
    const id = String(await dialog.getByTestId('placed-order-id').textContent()).trim();
    expect(await simStatus(id)).toBe('rejected');

    await dialog.getByRole('button', { name: 'Back to edit' }).click();
    await expect(dialog.getByLabel('Quantity', { exact: true })).toHaveValue('400');
    await expect(dialog.getByTestId('selected-instrument')).toContainText('RELIANCE');
  });

  test("a script's order that Upstox rejects raises an alert over the book until dismissed; Show order opens it", async ({ desk }) => {
    const id = await placeViaApi(desk, { transactionType: 'BUY', quantity: 400, orderType: 'MARKET' });
    const alert = desk.ordersSection().getByTestId('rejection-alert');
    await expect(alert).toContainText('Upstox rejected an order');
    await expect(alert).toContainText(new RegExp(`BUY 400 RELIANCE, order ${id} \\(\\d{2} \\w{3}, \\d{2}:\\d{2}:\\d{2} IST\\): You need to add Rs\\.`));
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'rejected');

    await alert.getByRole('button', { name: 'Show order' }).click();
    const details = desk.page.getByRole('dialog', { name: `Order ${id}` });
    await expect(details).toBeVisible();
    await details.getByRole('button', { name: 'Close', exact: true }).last().click();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toBeHidden();
  });

  test('LIMIT rests open, then fills when the price crosses it', async ({ desk }) => {
    const id = await placeOrder(desk, { ...reliance, type: 'LIMIT', quantity: 1, price: 1400 });
    const row = orderRow(desk, id);
    await expect(row).toHaveAttribute('data-status-class', 'working');
    await expect(row.getByTestId('order-status')).toHaveText(/open/i);
    await expect(row).toContainText('0/1');
    expect(await simStatus(id)).toBe('open');

    // Its details are open as it fills: its fill appears there (the dialog follows the order).
    const details = await openOrder(desk, id);
    await expect(details.getByTestId('order-history')).toContainText(/open/i);
    await expect(details.getByTestId('order-fills')).toHaveCount(0);
    await sim.setPrice(INSTRUMENTS.reliance.key, 1399.5);
    await expect(details.getByTestId('order-fill')).toHaveCount(1);
    await expect(details.getByTestId('order-fill').locator('td').nth(1)).toHaveText('1');
    await expect(details.getByTestId('order-fill').locator('td').nth(2)).toHaveText(/^₹1,(399|400)\.\d\d$/); // at or better than the limit
    await details.getByRole('button', { name: 'Close' }).click();

    await expect(row).toHaveAttribute('data-status-class', 'complete'); // the list auto-refreshes while working
    await expect(row).toContainText('1/1');
    await expect(row).toContainText('₹1,400.00');
    expect(await simStatus(id)).toBe('complete');
  });

  test('SL and SL-M wait in trigger pending', async ({ desk }) => {
    const sl = await placeOrder(desk, { ...reliance, type: 'SL', quantity: 1, price: 1455, trigger: 1450 });
    // Intraday: a delivery sell of shares not held is rejected (as Upstox's risk checks do), not left waiting.
    const slm = await placeOrder(desk, { ...reliance, side: 'SELL', type: 'SL-M', quantity: 1, trigger: 1390, product: 'I' });
    for (const id of [sl, slm]) {
      await expect(orderRow(desk, id).getByTestId('order-status')).toHaveText(/trigger pending/i);
      expect(await simStatus(id)).toBe('trigger pending');
    }
    await expect(orderRow(desk, sl)).toContainText('₹1,450.00');
    await expect(orderRow(desk, slm)).toHaveAttribute('aria-label', 'SELL 1 RELIANCE SL-M, trigger pending');
    expect(await sim.placeCount()).toBe(2);
  });

  test('modifying a working LIMIT order changes its price (off-tick stopped in the form) and the history shows the modification', async ({ desk }) => {
    const id = await placeOrder(desk, { ...reliance, type: 'LIMIT', quantity: 3, price: 1400 });
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'working');

    const details = await openOrder(desk, id);
    await details.getByRole('button', { name: 'Modify' }).click();
    const form = details.getByTestId('modify-order-form');
    // A price off RELIANCE's ₹0.05 tick is stopped in the form (the instrument read from the api), not confirmed.
    await form.getByLabel('Price (₹)', { exact: true }).fill('1405.03');
    await form.getByRole('button', { name: 'Send modification' }).click();
    await expect(form.locator('#mo-price-error')).toHaveText('Price must be a multiple of the tick size ₹0.05.');
    await expect(form.getByRole('button', { name: 'Yes, send modification' })).toBeHidden();
    // A slipped digit is said in the confirmation, against the live last price the form leases.
    await form.getByLabel('Price (₹)', { exact: true }).fill('140.5');
    await form.getByRole('button', { name: 'Send modification' }).click();
    await expect(form.getByTestId('modify-price-warning')).toContainText(/^Your limit price ₹140\.50 is \d+\.\d\d % below the last price \(₹[\d,]+\.\d\d\)\./);
    await form.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel('Price (₹)', { exact: true }).fill('1405');
    await form.getByRole('button', { name: 'Send modification' }).click();
    // Money moves only after the confirmation: nothing is sent yet.
    await expect(form.getByRole('button', { name: 'Yes, send modification' })).toBeVisible();
    await expect(form.getByTestId('modify-changes')).toHaveText('Price ₹1,400.00 → ₹1,405.00');
    await expect(form.getByTestId('modify-price-warning')).toBeHidden();
    expect((await sim.calls())['PUT /v3/order/modify'] ?? 0).toBe(0);
    await form.getByRole('button', { name: 'Yes, send modification' }).click();

    await expect(details.getByTestId('order-facts')).toContainText('₹1,405.00');
    await expect(details.getByTestId('order-history')).toContainText(/modif/i);
    await details.getByRole('button', { name: 'Close' }).click();
    await expect(orderRow(desk, id)).toContainText('₹1,405.00');
    await expect(orderRow(desk, id).getByTestId('order-status')).toHaveText(/open/i);
    const atSim = (await sim.orders()).find((o) => o.order_id === id);
    expect(atSim?.price).toBe(1405);
    expect((await sim.calls())['PUT /v3/order/modify']).toBe(1);
  });

  test("an option's long symbol stays inside its row of the order book, whole in the tooltip", async ({ desk }) => {
    const id = await placeOrder(desk, { search: 'NIFTY CE', symbol: ' CE ', type: 'LIMIT', quantity: 75, price: 1, product: 'I' });
    const row = orderRow(desk, id);
    const symbol = row.locator('.orders-table__symbol');
    await expect(symbol).toContainText(/^NIFTY \d+ CE \d{2} [A-Z]{3} \d{2}$/);
    await expect(symbol).toHaveAttribute('title', /^NIFTY \d+ CE .* \(NSE_FO\|\d+\)$/);
    // Before, the symbol wrapped to three lines and ran over the next row.
    const belowRow = await symbol.evaluate((el) => el.getBoundingClientRect().bottom - (el.closest('[role="row"]') ?? el).getBoundingClientRect().bottom);
    expect(belowRow).toBeLessThanOrEqual(0);
    expect(await symbol.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  });

  test('cancelling a working order asks first, then shows cancelled', async ({ desk }) => {
    const id = await placeOrder(desk, { ...reliance, type: 'LIMIT', quantity: 1, price: 1380 });
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'working');

    const details = await openOrder(desk, id);
    await details.getByRole('button', { name: 'Cancel order' }).click();
    const confirmation = details.getByTestId('cancel-confirmation');
    await expect(confirmation).toContainText('Cancel this order?');
    await expect(confirmation).toContainText('BUY 1 of 1 RELIANCE (LIMIT)');
    expect((await sim.calls())['DELETE /v3/order/cancel'] ?? 0).toBe(0); // nothing sent before "Yes"
    await confirmation.getByRole('button', { name: 'Yes, cancel order' }).click();

    await expect(details.getByTestId('order-history')).toContainText(/cancelled/i);
    await expect(details.getByRole('button', { name: 'Modify' })).toBeHidden();
    await details.getByRole('button', { name: 'Close' }).click();
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'cancelled');
    expect(await simStatus(id)).toBe('cancelled');
    expect((await sim.calls())['DELETE /v3/order/cancel']).toBe(1);
  });
});
