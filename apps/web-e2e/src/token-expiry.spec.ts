import { dialogError } from './support/connect-ui';
import { expect, test, type Desk } from './support/desk';
import { fillOrder, openPlaceOrder, reviewOrder } from './support/orders-ui';
import { INSTRUMENTS, msPastNextTokenExpiry, sim } from './support/sim';

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.ordersSection().getByTestId('orders-empty')).toBeVisible();
}

async function expectExpired(desk: Desk): Promise<void> {
  await expect(desk.connectionLabel()).toHaveText('Expired - Reconnect');
  await expect(desk.page.getByTestId('connection-status')).toHaveAttribute('data-tone', 'warn');
  await expect(desk.page.getByTestId('connection-expired')).toContainText('Reconnect using the Connect button');
  await expect(desk.topBar().getByRole('button', { name: 'Connect Upstox' })).toBeVisible();
  await expect(desk.ordersSection().getByRole('button', { name: 'Place Order' })).toBeDisabled();
}

test.describe('Token expiry flips the status', () => {
  test('past 03:30 IST at Upstox: the live stream notices, the top bar shows "Expired - Reconnect" without a reload, orders are refused locally', async ({ desk }) => {
    await connected(desk);
    const { now } = await sim.clock();
    await sim.advanceClock(msPastNextTokenExpiry(now));

    // Upstox closes the token's stream; the desk's reconnect is refused (401), marks the connection expired and
    // pushes that to the page: no click, no reload, and no failed request in the browser.
    await expectExpired(desk);

    const placesBefore = await sim.placeCount();
    const response = await desk.api(
      'POST',
      '/api/orders',
      { instrumentKey: INSTRUMENTS.reliance.key, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'D', validity: 'DAY' },
      { 'Idempotency-Key': `expired-${Date.now()}` },
    );
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { code: string; nextStep?: string };
    expect(body.code).toBe('CONNECTION_EXPIRED');
    expect(body.nextStep).toContain('Reconnect using the Connect button');
    expect(await sim.placeCount()).toBe(placesBefore);
    expect(placesBefore).toBe(0);
  });

  test('a revoked token: the order in the dialog is refused with the reconnect message, 0 orders at Upstox', async ({ desk, consoleGuard }) => {
    consoleGuard.allow(/status of 401/, 'the order sent with a revoked token answers 401 CONNECTION_EXPIRED: the point of this test');
    await connected(desk);
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    await reviewOrder(dialog);

    await sim.revokeAll();
    // Upstox closes the revoked token's live stream; the desk's reconnect is refused (401) and marks the connection
    // expired, without any REST call (reads are served from the mirror meanwhile).
    await expect
      .poll(async () => ((await (await desk.api('GET', '/api/connection')).json()) as { state: string }).state)
      .toBe('expired');

    await dialog.getByTestId('confirm-order').click();
    const error = dialogError(dialog);
    await expect(error.title).toHaveText('Not authenticated');
    await expect(error.nextStep).toContainText('Reconnect using the Connect button');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expectExpired(desk);
    expect(await sim.placeCount()).toBe(0);
  });
});
