import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './support/desk';
import { E2E } from './support/e2e-env';
import { fillOrder, openPlaceOrder, orderRow, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, sim } from './support/sim';

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rupees = (value: number) => RUPEES.format(value);
/** "+₹1,234.50" / "−₹80.00" as the panels write P&L, back to a number. */
const signedRupees = (text: string) => Number(text.replace(/[₹,+\s]/g, '').replace('\u2212', '-'));

/** Connects with a token this test keeps (to ask the simulator itself what Upstox would say). */
async function connectKeepingToken(desk: Desk): Promise<string> {
  const accessToken = await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.page.getByTestId('stream-label')).toHaveText('Live');
  return accessToken;
}

async function blockPositionReads(page: Page): Promise<() => number> {
  let reads = 0;
  await page.route(
    (url) => url.pathname === '/api/positions',
    (route) => {
      reads++;
      return route.abort('failed');
    },
  );
  return () => reads;
}

test.describe('Market data: live prices, the chart, margin and charges', () => {
  test('a price set at the simulator moves the position\'s LTP and P&L on screen without a reload or a read', async ({ desk }) => {
    await connectKeepingToken(desk);
    const placed = await desk.api(
      'POST',
      '/api/orders',
      { instrumentKey: INSTRUMENTS.reliance.key, transactionType: 'BUY', quantity: 2, orderType: 'MARKET', product: 'D', validity: 'DAY', marketProtection: -1 },
      { 'Idempotency-Key': `md-${Date.now()}` },
    );
    expect(placed.status(), await placed.text()).toBe(201);
    const id = ((await placed.json()) as { orderIds: string[] }).orderIds[0];
    await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'complete');
    const row = desk.page.locator(`[data-testid=position-row][data-instrument-key="${INSTRUMENTS.reliance.key}"]`);
    await expect(row.getByTestId('position-quantity')).toHaveText('2');

    await sim.setPrice(INSTRUMENTS.reliance.key, 1500);
    await expect(row.getByTestId('position-ltp')).toHaveText(rupees(1500));
    const pnlAt1500 = signedRupees((await row.getByTestId('position-pnl').textContent()) ?? '');
    expect(Number.isFinite(pnlAt1500)).toBe(true);

    const positionReads = await blockPositionReads(desk.page);
    await sim.setPrice(INSTRUMENTS.reliance.key, 1512.5);
    await expect(row.getByTestId('position-ltp')).toHaveText(rupees(1512.5));
    // 2 shares x ₹12.50 more.
    await expect(row.getByTestId('position-pnl')).toHaveText(/₹/);
    await expect.poll(async () => signedRupees((await row.getByTestId('position-pnl').textContent()) ?? '')).toBeCloseTo(pnlAt1500 + 25, 2);
    expect(positionReads()).toBe(0);
  });

  test('the Place Order dialog charts today\'s candles with the limit line at the typed price', async ({ desk }) => {
    await connectKeepingToken(desk);
    await sim.setPrice(INSTRUMENTS.reliance.key, 1420.5);
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 10, price: 1400 });
    const chart = dialog.getByTestId('candle-chart');
    await expect(chart).toHaveAttribute('data-state', 'ready');
    await expect(chart.locator('[data-testid=chart-canvas] canvas').first()).toBeVisible();
    const summary = chart.getByTestId('chart-summary');
    await expect(summary).toContainText('Last ₹1,420.50');
    await expect(summary).toContainText('your limit ₹1,400.00 is 1.44 % below the last price');
    await expect(summary).toContainText("today's range ₹");
    await expect(chart).toHaveAttribute('data-limit-line', '1400.00');

    // The line follows the form.
    await dialog.getByLabel('Price (₹)', { exact: true }).fill('1431.25');
    await expect(chart).toHaveAttribute('data-limit-line', '1431.25');
    await expect(summary).toContainText('your limit ₹1,431.25 is 0.76 % above the last price');

    // The live last price moves the dialog's LTP and the chart's text.
    await sim.setPrice(INSTRUMENTS.reliance.key, 1425);
    await expect(dialog.getByTestId('dialog-ltp')).toHaveText('LTP ₹1,425.00');
    await expect(summary).toContainText('Last ₹1,425.00');

    await chart.getByRole('button', { name: '5 min' }).click();
    await expect(chart).toHaveAttribute('data-interval', '5minute');
    await expect(chart).toHaveAttribute('data-state', 'ready');
  });

  test('the confirmation shows the margin the simulator computes, against what is available, and the charges', async ({ desk }) => {
    const token = await connectKeepingToken(desk);
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 10, price: 1415 });
    await reviewOrder(dialog);

    const upstox = await fetch(`${E2E.simUrl}/v2/charges/margin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ instruments: [{ instrument_key: INSTRUMENTS.reliance.key, quantity: 10, product: 'D', transaction_type: 'BUY', price: 1415 }] }),
    });
    expect(upstox.status).toBe(200);
    const finalMargin = ((await upstox.json()) as { data: { final_margin: number } }).data.final_margin;

    const costs = dialog.getByTestId('order-costs');
    await expect(costs).toHaveAttribute('data-state', 'ready');
    await expect(costs.getByTestId('margin-required')).toHaveText(rupees(finalMargin));
    await expect(costs.getByTestId('margin-available')).toHaveText(/^₹[\d,]+\.\d\d$/);
    await expect(costs.getByTestId('charges-total')).toHaveText(/^₹[\d,]+\.\d\d$/);
    await expect(costs.getByTestId('charge-stampDuty')).toHaveText(/^₹[\d,]+\.\d\d$/);
    await expect(dialog.getByTestId('confirm-order')).toBeEnabled();
  });
});
