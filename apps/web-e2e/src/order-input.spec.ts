import type { Locator } from '@playwright/test';
import { expect, test, type Desk } from './support/desk';
import { closeWithPlacedOrderId, fillOrder, openPlaceOrder, orderRow, reviewOrder } from './support/orders-ui';
import { PLACE_ROUTE, sim } from './support/sim';

/** Nothing sits on top of the element's centre (e.g. the dialog's sticky final buttons): a trader can see it. */
async function expectUncovered(element: Locator): Promise<void> {
  const onTop = () =>
    element.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return top !== null && (top === el || el.contains(top));
    });
  await expect.poll(onTop).toBe(true);
}

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
}

test.describe('Place Order: one order per intent, invalid input stopped in the form', () => {
  test.beforeEach(async ({ desk }) => {
    await connected(desk);
  });

  test('a double-click on Confirm places exactly one order', async ({ desk }) => {
    // Keep the request in flight a while, so the second click lands while it is still pending.
    await sim.arm({ route: PLACE_ROUTE, kind: 'latency', latency_ms: 800 });
    const dialog = await openPlaceOrder(desk);
    await fillOrder(desk.placeOrderDialog(), { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    await reviewOrder(dialog);

    await dialog.getByTestId('confirm-order').dblclick();
    const orderId = await closeWithPlacedOrderId(dialog);

    await expect(orderRow(desk, orderId)).toHaveAttribute('data-status-class', 'complete');
    await expect(desk.orderRows()).toHaveCount(1);
    expect(await sim.placeCount()).toBe(1);
    expect(await sim.orders()).toHaveLength(1);
  });

  test('LIMIT without a price is stopped in the form, the field in view above the buttons', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 1, price: null });
    await dialog.getByRole('button', { name: 'Review order' }).click();

    await expect(dialog.locator('#po-price-error')).toHaveText('Price is required and must be greater than 0 for LIMIT orders.');
    await expect(dialog.getByLabel('Price (₹)', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Price (₹)', { exact: true })).toBeFocused();
    // Focus scrolled the field and its message into view, clear of the sticky Cancel / Review order row.
    await expectUncovered(dialog.getByLabel('Price (₹)', { exact: true }));
    await expectUncovered(dialog.locator('#po-price-error'));
    await expect(dialog.getByTestId('confirm-order')).toBeHidden();
    expect(await sim.placeCount()).toBe(0);
  });

  test('an F&O quantity that is not a multiple of the lot size is stopped in the form', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'NIFTY', symbol: 'NIFTY FUT', type: 'MARKET', quantity: 10 });
    await expect(dialog.getByTestId('lot-size-hint')).toHaveText('Lot size 75: the quantity must be a multiple of 75.');
    await dialog.getByRole('button', { name: 'Review order' }).click();

    await expect(dialog.locator('#po-quantity-error')).toHaveText('Quantity must be a multiple of the lot size 75.');
    await expect(dialog.getByTestId('confirm-order')).toBeHidden();
    expect(await sim.placeCount()).toBe(0);
  });

  test('an SL buy with its trigger above the price is stopped in the form', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'SL', quantity: 1, price: 1450, trigger: 1455 });
    await dialog.getByRole('button', { name: 'Review order' }).click();

    await expect(dialog.locator('#po-triggerPrice-error')).toHaveText('For an SL buy, the trigger price must not be above the price.');
    await expect(dialog.getByTestId('confirm-order')).toBeHidden();

    // Fixing it reaches the confirmation, which shows exactly what will be sent; still nothing sent.
    await dialog.getByLabel('Trigger price (₹)').fill('1445');
    await reviewOrder(dialog);
    await expect(dialog.getByTestId('summary-trigger')).toHaveText('₹1,445.00');
    await expect(dialog.getByTestId('summary-price')).toHaveText('₹1,450.00');
    expect(await sim.placeCount()).toBe(0);
  });

  test('a LIMIT price far from the market (a slipped digit) is flagged on the confirmation, which still lets the trader send it', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 1, price: 130 });
    await reviewOrder(dialog);

    const warning = dialog.getByTestId('summary-price-warning');
    await expect(warning).toContainText(/^Your limit price ₹130\.00 is \d+\.\d\d % below the last price \(₹[\d,]+\.\d\d\)\. The order waits until the price falls that far\./);
    await expect(warning).toContainText('Check it is the price you meant.');
    await expect(dialog.getByTestId('confirm-order')).toBeEnabled();
    expect(await sim.placeCount()).toBe(0);
  });

  test("an order above the desk's value limit is said on the confirmation, and Confirm meets the same refusal without reaching Upstox", async ({ desk, consoleGuard }) => {
    consoleGuard.allow(/status of 422/, 'POST /api/orders answers 422 RISK_LIMIT: the point of this test');
    const dialog = await openPlaceOrder(desk);
    // 800 x ₹1,400.00 = ₹11,20,000.00 at least: above the default ORDER_MAX_NOTIONAL of ₹10,00,000.00.
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 800, price: 1400 });
    await reviewOrder(dialog);

    const refusal = dialog.getByTestId('desk-limit-refusal');
    await expect(refusal).toContainText('This desk will refuse this order');
    await expect(refusal).toContainText(/This order is worth ₹[\d,]+\.\d\d \(800 × ₹[\d,]+\.\d\d, .+\), above the per-order value limit of ₹10,00,000\.00 \(ORDER_MAX_NOTIONAL\)\./);
    await expect(refusal).toContainText('Next step: Reduce the quantity');

    await dialog.getByTestId('confirm-order').click();
    await expect(dialog.getByTestId('order-result')).toContainText('above the per-order value limit of ₹10,00,000.00 (ORDER_MAX_NOTIONAL).');
    await expect(dialog.getByRole('button', { name: 'Back to edit' })).toBeVisible();
    expect(await sim.placeCount()).toBe(0);
  });
});
