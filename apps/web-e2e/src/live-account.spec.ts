import type { Page, Route } from '@playwright/test';
import { expect, test, type Desk } from './support/desk';
import { orderRow, placeOrder } from './support/orders-ui';
import { INSTRUMENTS, sim } from './support/sim';

const ACCOUNT_READS = /\/api\/(orders|positions|holdings|trades|funds)(\/|\?|$)/;

/** From now on every account read over REST fails: whatever the page learns must come from the event stream. */
async function blockAccountReads(page: Page): Promise<{ blocked: () => number }> {
  let blocked = 0;
  await page.route(
    (url) => ACCOUNT_READS.test(url.pathname),
    (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      blocked++;
      return route.abort('failed');
    },
  );
  return { blocked: () => blocked };
}

async function connectedAndLive(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.page.getByTestId('stream-label')).toHaveText('Live');
}

test.describe('Live account: the dashboard follows Upstox without polling', () => {
  test('a fill made at the simulator appears in the order book and positions without a reload or any REST read', async ({ desk }) => {
    await connectedAndLive(desk);
    const id = await placeOrder(desk, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 3, price: 1400 });
    const row = orderRow(desk, id);
    await expect(row).toHaveAttribute('data-status-class', 'working');
    await expect(desk.page.getByTestId('positions-empty')).toBeVisible();

    const reads = await blockAccountReads(desk.page);
    await sim.fill(id, 3);

    await expect(row).toHaveAttribute('data-status-class', 'complete');
    await expect(row).toContainText('3/3');
    const position = desk.page.getByTestId('position-row').filter({ hasText: 'RELIANCE' });
    await expect(position.getByTestId('position-quantity')).toHaveText('3');
    expect(reads.blocked()).toBe(0);
  });

  test('a page load reads the order book, positions, holdings and funds once each, not again when updates go live', async ({ desk }) => {
    await connectedAndLive(desk);
    const reads: string[] = [];
    desk.page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'GET' && /^\/api\/(orders|positions|holdings|trades|funds)$/.test(path)) reads.push(path);
    });
    await desk.page.reload();
    await desk.expectConnected();
    await expect(desk.page.getByTestId('stream-label')).toHaveText('Live');
    for (const loading of ['orders-loading', 'positions-loading', 'holdings-loading']) await expect(desk.page.getByTestId(loading)).toHaveCount(0);
    await expect(desk.page.getByTestId('holdings-panel').getByTestId('holding-row')).toHaveCount(4);
    // A second read would start when the stream went live or the first read's answer landed, both before the page
    // showed them; a round trip to the page after that brings its request event here first.
    await desk.page.evaluate(() => new Promise(requestAnimationFrame));
    expect(reads.sort()).toEqual(['/api/funds', '/api/holdings', '/api/orders', '/api/positions']);
  });

  test('positions and holdings show P&L and totals; Exit pre-fills the opposite order and still asks to confirm', async ({ desk }) => {
    await connectedAndLive(desk);
    const holdings = desk.page.getByTestId('holdings-panel');
    await expect(holdings.getByTestId('holding-row')).toHaveCount(4);
    await expect(holdings.getByTestId('holdings-total-invested')).toHaveText(/₹/);

    const id = await placeOrder(desk, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 2 });
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'complete');
    const position = desk.page.getByTestId('position-row').filter({ hasText: 'RELIANCE' });
    await expect(position.getByTestId('position-quantity')).toHaveText('2');
    await sim.setPrice(INSTRUMENTS.reliance.key, 1500);
    await expect(desk.page.getByTestId('positions-total-pnl')).toHaveText(/\+/);

    await position.getByRole('button', { name: /Exit/ }).click();
    const dialog = desk.placeOrderDialog();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('selected-instrument')).toContainText('RELIANCE');
    await expect(dialog.getByRole('radio', { name: 'SELL', exact: true })).toBeChecked();
    await expect(dialog.getByLabel('Quantity', { exact: true })).toHaveValue('2');
    const placesBefore = await sim.placeCount();
    await dialog.getByRole('button', { name: 'Review order' }).click();
    await expect(dialog.getByTestId('order-summary')).toBeVisible();
    expect(await sim.placeCount()).toBe(placesBefore);
    await dialog.getByTestId('confirm-order').click();
    await expect(dialog.getByTestId('placed-order-id')).toHaveText(/^\d{15}$/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(position.getByTestId('position-quantity')).toHaveText('0');
  });

  test('the top bar says when live updates pause, and comes back by itself', async ({ desk }) => {
    await connectedAndLive(desk);
    await sim.feedFault('refuse', { count: 1000, status: 503 });
    await sim.feedFault('drop');
    await expect(desk.page.getByTestId('stream-label')).toHaveText('Live updates paused - reconnecting');
    await expect(desk.connectionLabel()).toHaveText('Connected');
    await sim.clearFeedFaults();
    await expect(desk.page.getByTestId('stream-label')).toHaveText('Live', { timeout: 20_000 });
  });
});
