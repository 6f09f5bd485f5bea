import { expect, test } from './support/desk';
import { expectAccessibleInBothThemes } from './support/a11y';

const ALERT_TEXT = 'The dashboard was updated or the connection dropped, so this window could not open. Reload the page to continue.';
const PAGE_ALERT_TEXT = 'The dashboard was updated or the connection dropped, so this page could not open. Reload the page to continue.';
const CHUNK_REFUSED = /Failed to fetch dynamically imported module|ERR_FAILED|ERR_INTERNET_DISCONNECTED/;

/**
 * A dialog's code loads on its first open. When that load fails (a new build was served while the tab stayed open,
 * or the network dropped), the click must not end in silence: the trader is told, and Reload brings it back.
 */
test.describe('A dialog or page whose code cannot be loaded', () => {
  test('Place Order: an alert with Reload instead of nothing; after Reload the dialog opens', async ({ desk, page, consoleGuard }, testInfo) => {
    consoleGuard.allow(CHUNK_REFUSED, 'the dialog chunk is refused on purpose');
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();

    // The API keys panel loads its code once the page is idle: let it, so that only the dialog's load fails here.
    await expect(page.getByTestId('api-keys-panel')).toBeVisible();
    // From here on no more JavaScript arrives, as after a network drop.
    await page.route(/\.js$/, (route) => route.abort('internetdisconnected'));
    await desk.ordersSection().getByRole('button', { name: 'Place Order' }).click();
    const alert = page.getByRole('alert').filter({ hasText: ALERT_TEXT });
    await expect(alert).toBeVisible();
    await expect(desk.placeOrderDialog()).toBeHidden();
    // Scrolled to the end, nothing of the dashboard stays hidden under the alert (e.g. the last holdings row).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const { contentBottom, alertTop } = await page.evaluate(() => ({
      contentBottom: Math.max(...Array.from(document.querySelectorAll('section')).map((s) => s.getBoundingClientRect().bottom)),
      alertTop: (document.getElementById('desk-dialog-load-failure') as HTMLElement).getBoundingClientRect().top,
    }));
    expect(contentBottom).toBeLessThanOrEqual(alertTop);
    await page.screenshot({ path: testInfo.outputPath('dialog-load-failure.png') });
    await expectAccessibleInBothThemes(page, 'dialog load failure alert');

    await page.unroute(/\.js$/);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await desk.expectConnected();
    await expect(alert).toBeHidden();
    await desk.ordersSection().getByRole('button', { name: 'Place Order' }).click();
    await expect(desk.placeOrderDialog()).toBeVisible();
  });

  test('Sign out: the session ends, and the sign-in page that cannot load says so; Reload shows it', async ({ desk, consoleGuard }) => {
    // Signed in by the desk fixture; the page is all this test needs of it.
    const { page } = desk;
    consoleGuard.allow(CHUNK_REFUSED, 'the sign-in page chunk is refused on purpose');
    await expect(page.getByTestId('api-keys-panel')).toBeVisible();
    await page.route(/\.js$/, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    const alert = page.getByRole('alert').filter({ hasText: PAGE_ALERT_TEXT });
    await expect(alert).toBeVisible();

    await page.unroute(/\.js$/);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: /sign in/i })).toBeVisible();
    await expect(alert).toBeHidden();
  });
});
