import { join } from 'node:path';
import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { fillOrder, openPlaceOrder, reviewOrder } from './support/orders-ui';
import { sim } from './support/sim';

/** docs/screenshots/ when UPDATE_SCREENSHOTS=1 (an ordinary run leaves the work tree alone), else the test output. */
const DOCS_DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

function screenshotPath(name: string, outputPath: (name: string) => string): string {
  return process.env['UPDATE_SCREENSHOTS'] === '1' ? join(DOCS_DIR, name) : outputPath(name);
}

async function simControl(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${E2E.simUrl}/__sim/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, await response.text()).toBe(200);
}

/** The coming Saturday, 11:00 IST, after the simulator's now (a future day, so the token it mints is not dead yet). */
function nextSaturdayMorningIst(nowIso: string): string {
  const ist = new Date(Date.parse(nowIso) + 330 * 60_000);
  const days = (6 - ist.getUTCDay() + 7) % 7 || 7;
  const date = new Date(Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate() + days));
  return `${date.toISOString().slice(0, 10)}T11:00:00+05:30`;
}

/**
 * Market hours (issue 9 item 2) in the browser: the simulator with its market rules on and its clock on a Saturday.
 * Its market feed and status say NSE is closed; the api's own clock is the machine's, so the next open it names is
 * the machine's next session (a weekday at 09:15).
 */
test.describe('Market closed (issue 9 item 2)', () => {
  test('the top bar says NSE is closed with the next open; Place Order offers AMO pre-ticked and explained, and warns when it is unticked', async ({ desk, page }, testInfo) => {
    await simControl('market-rules', { enabled: true });
    await simControl('clock', { set: nextSaturdayMorningIst((await sim.clock()).now) });
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();

    await expect(page.getByTestId('market-phase')).toHaveText(/^NSE closed - opens (Mon|Tue|Wed|Thu|Fri) 09:15$/);
    await expect(page.getByTestId('market-phase')).toHaveAttribute('data-phase', 'closed');

    const dialog = await openPlaceOrder(desk);
    const amo = dialog.getByRole('checkbox', { name: 'After-market order (AMO)' });
    await expect(amo).toBeChecked();
    await expect(dialog.getByTestId('amo-explanation')).toHaveText('After-market order: sent to the exchange when it opens at 09:15');
    await expect(amo).toHaveAttribute('aria-describedby', 'po-amo-hint');
    await expect(dialog.getByTestId('regular-order-refused')).toHaveCount(0);
    await fillOrder(dialog, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'LIMIT', quantity: 5, price: 1400 });
    await expect(amo).toBeChecked();
    // The top bar's "NSE closed - opens ..." and the whole dialog with AMO ticked and its explanation (no scrolling).
    await page.setViewportSize({ width: 1280, height: 1100 });
    await expect(dialog.getByTestId('amo-explanation')).toBeInViewport();
    await page.screenshot({ path: screenshotPath('place-order-market-closed.png', (name) => testInfo.outputPath(name)), animations: 'disabled', caret: 'hide' });

    // Unticked by the trader: a regular order would be refused, said under the checkbox and again before sending.
    await amo.uncheck();
    await expect(dialog.getByTestId('regular-order-refused')).toHaveText(/^NSE is closed: Upstox refuses regular orders until 09:15 (Mon|Tue|Wed|Thu|Fri)$/);
    await reviewOrder(dialog);
    await expect(dialog.getByTestId('summary-regular-refused')).toContainText('NSE is closed: Upstox refuses regular orders until 09:15');
    await dialog.getByRole('button', { name: 'Back to edit' }).click();
    await expect(amo).not.toBeChecked();
    await amo.check();
    await reviewOrder(dialog);
    await expect(dialog.getByTestId('summary-regular-refused')).toHaveCount(0);
    await expect(dialog.getByTestId('order-summary')).toContainText('AMOYes');
    expect(await sim.placeCount()).toBe(0);
  });
});
