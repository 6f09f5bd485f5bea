import { expect, test } from './support/desk';
import { orderRow } from './support/orders-ui';
import { INSTRUMENTS } from './support/sim';

test.describe('A narrow screen (420 px, a phone held upright)', () => {
  test('the page does not scroll sideways (the wide tables scroll inside their panels), and "Live · Updated" stays one line', async ({ desk, page }) => {
    await page.setViewportSize({ width: 420, height: 900 });
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();
    await expect(page.getByTestId('stream-label')).toHaveText('Live');
    const placed = await desk.api(
      'POST',
      '/api/orders',
      { instrumentKey: INSTRUMENTS.reliance.key, transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', price: 1300, product: 'D', validity: 'DAY' },
      { 'Idempotency-Key': 'narrow-screen-1' },
    );
    expect(placed.status(), await placed.text()).toBe(201);
    const orderId = ((await placed.json()) as { orderIds: string[] }).orderIds[0];
    await expect(orderRow(desk, orderId)).toBeVisible();
    await expect(page.getByTestId('holding-row').first()).toBeVisible();

    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, 'the page is wider than the screen (px)').toBeLessThanOrEqual(420);
    // The holdings table is wider than the screen, and scrolls within its panel.
    const holdings = page.getByTestId('holdings-table');
    expect(await holdings.evaluate((t) => (t.parentElement as HTMLElement).scrollWidth > (t.parentElement as HTMLElement).clientWidth)).toBe(true);

    const updated = page.getByTestId('orders-updated');
    await expect(updated).toContainText('Updated');
    const lineHeight = await updated.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 20);
    const box = await updated.boundingBox();
    expect(box?.height, '"Live · Updated hh:mm:ss IST" wrapped (px high)').toBeLessThan(lineHeight * 1.5);
  });
});
