import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chooseEnvironment, chooseOptionB, dialogError, openConnectDialog } from './support/connect-ui';
import { expect, test } from './support/desk';
import { placeViaApi } from './support/orders-api';
import { fillOrder, openPlaceOrder, orderRow, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, sim } from './support/sim';

/**
 * The README's pictures of the main screens, 1280x800. They go to docs/screenshots/ when
 * UPDATE_SCREENSHOTS=1 (so an ordinary test run leaves the work tree alone), else to the test output.
 */
const DOCS_DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

async function shoot(page: Page, name: string, outputPath: (name: string) => string): Promise<void> {
  const path = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(DOCS_DIR, name) : outputPath(name);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
}

test.describe('Screenshots of the main screens', () => {
  test('dashboard, connect dialog, place order and an error', async ({ desk, page, consoleGuard }, testInfo) => {
    consoleGuard.allow(/status of 400/, 'error.png: Option B with a token Upstox does not know answers 400 TOKEN_INVALID');
    const outputPath = (name: string) => testInfo.outputPath(name);

    // connect-dialog.png: Option A with the simulator's demo app filled in.
    const connect = await openConnectDialog(desk);
    await chooseEnvironment(connect, 'simulator', (await sim.app()).client_id);
    await shoot(page, 'connect-dialog.png', outputPath);

    // error.png: Option B with a token Upstox does not know.
    await chooseOptionB(connect);
    await connect.getByLabel('Access Token').fill('an-expired-or-mistyped-token');
    await connect.getByTestId('connect-submit').click();
    await expect(dialogError(connect).title).toHaveText('Connection Failed');
    await shoot(page, 'error.png', outputPath);
    await connect.getByRole('button', { name: 'Cancel' }).click();

    // dashboard.png: connected to the simulator, orders in different states.
    await desk.connectWithMintedToken();
    const market = await placeViaApi(desk, { transactionType: 'BUY', quantity: 10, orderType: 'MARKET' });
    const limit = await placeViaApi(desk, { transactionType: 'BUY', quantity: 5, orderType: 'LIMIT', price: 1400 });
    const stop = await placeViaApi(desk, { transactionType: 'SELL', quantity: 5, orderType: 'SL-M', triggerPrice: 1395, product: 'I' });
    const cancelled = await placeViaApi(desk, { transactionType: 'BUY', quantity: 2, orderType: 'LIMIT', price: 1380 });
    const tcs = await placeViaApi(desk, {
      instrumentKey: INSTRUMENTS.tcs.key,
      transactionType: 'SELL',
      quantity: 3,
      orderType: 'MARKET',
      product: 'I', // an intraday short: a delivery sell of shares not held is rejected, as Upstox does
    });
    await expect.poll(async () => (await sim.orders()).find((o) => o.order_id === cancelled)?.status).toBe('open');
    expect((await desk.api('DELETE', `/api/orders/${cancelled}`)).status()).toBe(200);
    await page.reload();
    await desk.expectConnected();
    await expect(orderRow(desk, market)).toHaveAttribute('data-status-class', 'complete');
    await expect(orderRow(desk, tcs)).toHaveAttribute('data-status-class', 'complete');
    await expect(orderRow(desk, limit)).toHaveAttribute('data-status-class', 'working');
    await expect(orderRow(desk, stop).getByTestId('order-status')).toHaveText(/trigger pending/i);
    await expect(orderRow(desk, cancelled)).toHaveAttribute('data-status-class', 'cancelled');
    await expect(page.getByTestId('environment-badge')).toContainText('SIMULATED');
    await expect(page.getByTestId('funds-available')).not.toBeEmpty();
    // New positions are priced by the mirror's next read after the fill (about a second).
    await expect(page.getByTestId('position-ltp').filter({ hasText: '₹' })).toHaveCount(2);
    // At 1280 px the positions' Chart and Exit buttons are in view, not behind a sideways scroll.
    const overflow = await page.getByTestId('positions-table').evaluate((t) => (t.parentElement as HTMLElement).scrollWidth - (t.parentElement as HTMLElement).clientWidth);
    expect(overflow, 'positions table wider than its panel (px)').toBeLessThanOrEqual(0);
    await shoot(page, 'dashboard.png', outputPath);

    // place-order.png: the confirmation step of a filled form.
    const place = await openPlaceOrder(desk);
    await fillOrder(place, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 10, price: 1415 });
    await reviewOrder(place);
    await expect(place.getByTestId('summary-estimate')).toContainText('₹14,150.00');
    await shoot(page, 'place-order.png', outputPath);
  });

  test('place order with the day chart, margin and charges', async ({ desk, page }, testInfo) => {
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();
    await expect(page.getByTestId('stream-label')).toHaveText('Live');
    // A few price moves so the day's last candles have bodies.
    for (const price of [1412.3, 1418.9, 1409.75, 1421.4]) await sim.setPrice(INSTRUMENTS.reliance.key, price);

    // place-order-chart.png: the confirmation of a limit buy: the order on the chart, margin against funds, charges.
    const place = await openPlaceOrder(desk);
    await fillOrder(place, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 10, price: 1405 });
    await reviewOrder(place);
    await expect(place.getByTestId('candle-chart')).toHaveAttribute('data-state', 'ready');
    await expect(place.getByTestId('candle-chart')).toHaveAttribute('data-limit-line', '1405.00');
    await expect(place.getByTestId('order-costs')).toHaveAttribute('data-state', 'ready');
    // Tall enough for the whole confirmation (summary, chart, margin, charges) without scrolling the dialog.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await expect(place.getByTestId('charges-total')).toBeInViewport();
    await shoot(page, 'place-order-chart.png', (name) => testInfo.outputPath(name));
  });
});
