import { expect, type Locator } from '@playwright/test';
import type { Desk } from './desk';

export type OrderTypeName = 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';

export interface OrderInput {
  search: string;
  /** The trading symbol of the option to pick in the results. */
  symbol: string;
  side?: 'BUY' | 'SELL';
  type?: OrderTypeName;
  quantity?: number;
  /** `null` empties the field (to test the form's rules). */
  price?: number | null;
  trigger?: number | null;
  /** The product code (D delivery, I intraday, ...); the form's default when absent. */
  product?: string;
}

/** Opens "Place Order" from the orders section. */
export async function openPlaceOrder(desk: Desk): Promise<Locator> {
  await desk.ordersSection().getByRole('button', { name: 'Place Order' }).click();
  const dialog = desk.placeOrderDialog();
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the edit step: instrument search, side, type, quantity, price and trigger. */
export async function fillOrder(dialog: Locator, order: OrderInput): Promise<void> {
  await dialog.getByRole('combobox', { name: 'Instrument' }).fill(order.search);
  const results = dialog.getByRole('listbox', { name: 'Matching instruments' });
  await results.getByRole('option').filter({ hasText: order.symbol }).first().click();
  await expect(dialog.getByTestId('selected-instrument')).toContainText(order.symbol);
  await dialog.getByRole('radio', { name: order.side ?? 'BUY', exact: true }).check();
  await dialog.getByRole('radio', { name: order.type ?? 'MARKET', exact: true }).check();
  if (order.product !== undefined) await dialog.getByLabel('Product', { exact: true }).selectOption(order.product);
  if (order.quantity !== undefined) await dialog.getByLabel('Quantity', { exact: true }).fill(String(order.quantity));
  if (order.price !== undefined) await dialog.getByLabel('Price (₹)', { exact: true }).fill(order.price === null ? '' : String(order.price));
  if (order.trigger !== undefined) {
    await dialog.getByLabel('Trigger price (₹)').fill(order.trigger === null ? '' : String(order.trigger));
  }
}

/** Review -> confirmation step, which shows exactly what will be sent. */
export async function reviewOrder(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Review order' }).click();
  await expect(dialog.getByTestId('order-summary')).toBeVisible();
}

/** Fills, reviews and confirms; returns the order id the result shows. */
export async function placeOrder(desk: Desk, order: OrderInput): Promise<string> {
  const dialog = await openPlaceOrder(desk);
  await fillOrder(dialog, order);
  await reviewOrder(dialog);
  await dialog.getByTestId('confirm-order').click();
  return closeWithPlacedOrderId(dialog);
}

/** Waits for "Order placed" with its Upstox order id, closes the dialog, returns the id. */
export async function closeWithPlacedOrderId(dialog: Locator): Promise<string> {
  const id = dialog.getByTestId('placed-order-id');
  await expect(id).toHaveText(/^\d{15}$/);
  const orderId = (await id.textContent())?.trim() ?? '';
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();
  return orderId;
}

export function orderRow(desk: Desk, orderId: string): Locator {
  return desk.page.locator(`[data-testid=order-row][data-order-id="${orderId}"]`);
}

/** Opens an order's details dialog from its row. */
export async function openOrder(desk: Desk, orderId: string): Promise<Locator> {
  await orderRow(desk, orderId).click();
  const dialog = desk.page.getByRole('dialog', { name: `Order ${orderId}` });
  await expect(dialog).toBeVisible();
  return dialog;
}
