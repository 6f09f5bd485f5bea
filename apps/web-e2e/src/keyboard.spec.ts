import { THEMES, useTheme } from './support/a11y';
import { expect, test, type Desk } from './support/desk';
import { expectFocusInside, expectVisibleFocus, tab, tabTo, type FocusStop } from './support/focus';
import { orderRow } from './support/orders-ui';
import { sim } from './support/sim';

/**
 * Keyboard only: no click, no fill. Every control Tab lands on shows a focus indicator of 3:1 or more (checked in
 * both themes), the dialog keeps focus inside while open and gives it back to the control that opened it.
 */

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
}

/** Replaces a field's value by typing, as a keyboard user does (select all, type). */
async function retype(desk: Desk, text: string): Promise<void> {
  await desk.page.keyboard.press('ControlOrMeta+A');
  await desk.page.keyboard.type(text);
}

for (const theme of THEMES) {
  test(`Place Order with the keyboard only, to a placed order (${theme})`, async ({ desk, page }) => {
    await useTheme(page, theme);
    await connected(desk);
    const opener = desk.ordersSection().getByRole('button', { name: 'Place Order' });
    const dialog = desk.placeOrderDialog();

    // From the top of the page to "Place Order", then Enter.
    await page.locator('body').focus();
    const toOpener = await tabTo(page, opener);
    expect(toOpener[0].element, 'the first stop is the skip link').toContain('Skip to content');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();

    // The instrument search has focus: type, move through the results with the arrow keys, Enter picks.
    const search = dialog.getByRole('combobox', { name: 'Instrument' });
    await expect(search).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.type('RELIANCE');
    const options = dialog.getByRole('listbox', { name: 'Matching instruments' }).getByRole('option');
    await expect(options.first()).toBeVisible();
    const symbols = await options.locator('.combo__symbol').allTextContents();
    const wanted = symbols.findIndex((s) => s.trim() === 'RELIANCE');
    expect(wanted, `RELIANCE among ${symbols.join(', ')}`).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('ArrowDown'); // and back round to it: the arrows move through the list
    for (let i = 0; i < (wanted - 1 + symbols.length) % symbols.length; i++) await page.keyboard.press('ArrowDown');
    await expect(search).toHaveAttribute('aria-activedescendant', `po-instrument-option-${wanted}`);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('selected-instrument')).toContainText('RELIANCE');
    await expect(dialog.getByTestId('order-summary')).toBeHidden(); // Enter picked, it did not submit

    // BUY stays; the order type moves from MARKET to LIMIT with the arrow key.
    const stops: FocusStop[] = [];
    stops.push(...(await tabTo(page, dialog.getByRole('radio', { name: 'BUY', exact: true }), { within: dialog })));
    stops.push(...(await tabTo(page, dialog.getByRole('radio', { name: 'MARKET', exact: true }), { within: dialog })));
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('radio', { name: 'LIMIT', exact: true })).toBeChecked();
    stops.push(await expectVisibleFocus(page));

    stops.push(...(await tabTo(page, dialog.getByLabel('Quantity', { exact: true }), { within: dialog })));
    await retype(desk, '2');
    stops.push(...(await tabTo(page, dialog.getByLabel('Price (₹)', { exact: true }), { within: dialog })));
    await retype(desk, '1400');
    stops.push(...(await tabTo(page, dialog.getByRole('button', { name: 'Review order' }), { within: dialog })));
    expect(stops.map((s) => s.element).join(' | ')).toMatch(/po-product.*po-price.*po-validity.*After-market order.*Cancel.*Review order/);
    await page.keyboard.press('Enter');

    // The confirmation: focus moves into it, Tab reaches "Confirm BUY", Enter places the order.
    const summary = dialog.getByTestId('order-summary');
    await expect(summary).toContainText('LIMIT');
    await expect(dialog.getByTestId('summary-quantity')).toHaveText('2');
    await expect(dialog.getByTestId('summary-price')).toHaveText('₹1,400.00');
    await expectFocusInside(dialog);
    expect(await sim.placeCount()).toBe(0);
    await tabTo(page, dialog.getByTestId('confirm-order'), { within: dialog });
    await page.keyboard.press('Enter');
    const placedId = dialog.getByTestId('placed-order-id');
    await expect(placedId).toHaveText(/^\d{15}$/);
    const orderId = (await placedId.innerText()).trim();
    await expectFocusInside(dialog);

    // Focus is trapped: more Tabs than the dialog has controls, both ways, never leave it.
    const forward: string[] = [];
    for (let i = 0; i < 8; i++) forward.push((await tab(page, { within: dialog })).element);
    for (let i = 0; i < 8; i++) await tab(page, { shift: true, within: dialog });
    expect(new Set(forward).size, `Tab went round: ${forward.join(' -> ')}`).toBeLessThan(forward.length);

    // Close with the keyboard: focus goes back to "Place Order".
    await tabTo(page, dialog.getByRole('button', { name: 'Close', exact: true }).last(), { within: dialog });
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expectVisibleFocus(page);

    await expect(orderRow(desk, orderId)).toHaveAttribute('aria-label', 'BUY 2 RELIANCE LIMIT, open');
    expect(await sim.placeCount()).toBe(1);
    expect((await sim.orders()).find((o) => o.order_id === orderId)).toMatchObject({ price: 1400, quantity: 2, order_type: 'LIMIT' });
  });
}

test('order details with the keyboard: open from the row, cancel with its confirmation, Escape gives focus back', async ({ desk, page }) => {
  await connected(desk);
  const response = await desk.api(
    'POST',
    '/api/orders',
    { instrumentKey: 'NSE_EQ|INE002A01018', transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', price: 1380, product: 'D', validity: 'DAY' },
    { 'Idempotency-Key': `keyboard-${Date.now()}` },
  );
  expect(response.status(), await response.text()).toBe(201);
  const orderId = ((await response.json()) as { orderIds: string[] }).orderIds[0];
  const row = orderRow(desk, orderId);
  await expect(row).toHaveAttribute('data-status-class', 'working');

  await page.locator('body').focus();
  await tabTo(page, row);
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: `Order ${orderId}` });
  await expect(details).toBeVisible();
  await expectFocusInside(details);

  await tabTo(page, details.getByRole('button', { name: 'Cancel order' }), { within: details });
  await page.keyboard.press('Enter');
  const confirmation = details.getByTestId('cancel-confirmation');
  await expect(confirmation).toBeVisible();
  await expectFocusInside(confirmation);
  await tabTo(page, confirmation.getByRole('button', { name: 'Yes, cancel order' }), { within: details });
  await page.keyboard.press('Enter');
  await expect(details.getByTestId('order-history')).toContainText(/cancelled/i);
  await expectFocusInside(details);

  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(row).toBeFocused();
  await expect(row).toHaveAttribute('data-status-class', 'cancelled');
  expect((await sim.calls())['DELETE /v3/order/cancel']).toBe(1);
});
