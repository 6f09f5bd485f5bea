import { join } from 'node:path';
import { chooseEnvironment, openConnectDialog } from './support/connect-ui';
import { expect, test, type Desk } from './support/desk';
import { E2E } from './support/e2e-env';
import { INSTRUMENTS, msPastNextTokenExpiry, sim } from './support/sim';

/** docs/screenshots/ when UPDATE_SCREENSHOTS=1 (an ordinary run leaves the work tree alone), else the test output. */
const DOCS_DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

function screenshotPath(name: string, outputPath: (name: string) => string): string {
  return process.env['UPDATE_SCREENSHOTS'] === '1' ? join(DOCS_DIR, name) : outputPath(name);
}

/** The simulator's app setting: token exchanges also hand out Upstox's read-only extended token. */
async function issueExtendedTokens(): Promise<void> {
  const response = await fetch(`${E2E.simUrl}/__sim/app`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ extended_token: true }),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** Option A in the real popup (the extended token comes with the token exchange only). */
async function connectWithOAuth(desk: Desk): Promise<void> {
  const dialog = await openConnectDialog(desk);
  await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
  const popupPromise = desk.page.waitForEvent('popup');
  await dialog.getByTestId('connect-submit').click();
  const popup = await popupPromise;
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Approve' }).click();
  await closed;
  await expect(dialog).toBeHidden();
  await desk.expectConnected();
}

test.describe('Read-only after the daily token dies (issue 9 item 4)', () => {
  test('past 03:30 IST with an extended token: the top bar says "Read-only until you reconnect", the book still loads, order buttons say "Reconnect to trade"', async ({ desk, page }, testInfo) => {
    const dailyTokenReads: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401 && /\/api\/profile\/(static-ip|kill-switch)$/.test(response.url())) dailyTokenReads.push(response.url());
    });
    await issueExtendedTokens();
    await connectWithOAuth(desk);
    const placed = await desk.api(
      'POST',
      '/api/orders',
      { instrumentKey: INSTRUMENTS.reliance.key, transactionType: 'BUY', quantity: 1, orderType: 'LIMIT', price: 1000, product: 'D', validity: 'DAY' },
      { 'Idempotency-Key': `read-only-${Date.now()}` },
    );
    expect(placed.status(), await placed.text()).toBe(201);
    await expect(desk.orderRows()).toHaveCount(1);

    const { now } = await sim.clock();
    await sim.advanceClock(msPastNextTokenExpiry(now));

    // Upstox closes the dead token's stream; the desk marks the connection expired and pushes it: no click, no reload.
    await expect(desk.connectionLabel()).toHaveText('Read-only until you reconnect');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-tone', 'warn');
    await expect(page.getByTestId('connection-user')).toContainText('Demo Trader');
    await expect(page.getByTestId('connection-read-only')).toContainText('Reconnect to trade');
    await expect(page.getByTestId('connection-expired')).toHaveCount(0);
    await expect(desk.topBar().getByRole('button', { name: 'Connect Upstox' })).toBeVisible();

    // A reload reads everything again, now with the extended token (the access token is dead at the simulator).
    await page.reload();
    await expect(desk.connectionLabel()).toHaveText('Read-only until you reconnect');
    await expect(desk.orderRows()).toHaveCount(1);
    for (const panel of ['positions', 'holdings']) {
      // Loaded (a table, or "none" today), never the "Connect Upstox to see ..." placeholder.
      await expect(page.locator(`[data-testid="${panel}-table"], [data-testid="${panel}-empty"][data-reason="none"]`)).toBeVisible();
      await expect(page.locator(`[data-testid="${panel}-empty"][data-reason="disconnected"]`)).toHaveCount(0);
    }
    const placeOrder = desk.ordersSection().getByRole('button', { name: 'Place Order' });
    await expect(placeOrder).toBeDisabled();
    await expect(placeOrder).toHaveAttribute('title', 'Reconnect to trade');
    await expect(desk.ordersSection().getByTestId('reconnect-to-trade')).toHaveText('Reconnect to trade');

    const shot = screenshotPath('read-only.png', (name) => testInfo.outputPath(name));
    // The top bar, the banner, the book with its disabled Place Order, positions and the funds (1280x590).
    await page.screenshot({ path: shot, animations: 'disabled', caret: 'hide', clip: { x: 0, y: 0, width: 1280, height: 590 } });

    await desk.orderRows().first().click();
    const details = page.getByRole('dialog');
    await expect(details.getByRole('button', { name: 'Modify' })).toBeDisabled();
    await expect(details.getByRole('button', { name: 'Cancel order' })).toBeDisabled();
    await expect(details.getByTestId('order-actions-blocked')).toHaveText('Reconnect to trade');
    expect(await sim.placeCount()).toBe(1);
    // The account panel does not ask for the static IPs or Upstox's kill switch while read-only: they need today's login.
    await expect(page.getByTestId('account-controls-read-only')).toContainText('reconnect');
    expect(dailyTokenReads).toEqual([]);
  });
});
