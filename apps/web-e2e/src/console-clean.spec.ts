import { chooseEnvironment, openConnectDialog } from './support/connect-ui';
import { Desk, expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { sim } from './support/sim';

/**
 * The browser console stays clean from the very first load: without a session the dashboard asks
 * GET /api/session, which answers {authenticated: false} (an HTTP 401 there would print an error on every
 * fresh start). Every other spec gets the same check from the automatic consoleGuard fixture.
 */
test.describe('A clean browser console', () => {
  test('first load without a session: the sign-in page, then the dashboard and the guide, 0 console errors', async ({ page, consoleGuard }) => {
    const sessionAnswers: number[] = [];
    page.on('response', (response) => {
      if (response.url() === `${E2E.apiUrl}/api/session` && response.request().method() === 'GET') sessionAnswers.push(response.status());
    });
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel('Login token')).toBeVisible();
    expect(sessionAnswers).toEqual([200]);
    expect(consoleGuard.problems).toEqual([]);

    await page.getByLabel('Login token').fill(E2E.loginToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const desk = new Desk(page);
    await expect(desk.topBar()).toBeVisible();
    // An earlier spec may have left Upstox connected: start the guide from "Disconnected". Off the dashboard while
    // that connection is removed: a page syncing with it would race the removal (its reads meet "not connected").
    await page.goto('about:blank');
    await desk.disconnect();
    await page.goto('/');
    await expect(desk.connectionLabel()).toHaveText('Disconnected');
    const dialog = await openConnectDialog(desk);
    await chooseEnvironment(dialog, 'simulator', (await sim.app()).client_id);
    await dialog.getByRole('tab', { name: /Option B/ }).click();
    await dialog.getByRole('tab', { name: /Option A/ }).click();
    expect(consoleGuard.problems).toEqual([]);
  });

  test('the guard sees console errors, uncaught errors and HTTP errors (so its 0 means something)', async ({ desk, consoleGuard }) => {
    await desk.page.evaluate(async () => {
      console.error('planted console error');
      setTimeout(() => {
        throw new Error('planted page error');
      });
      // What the old 401 of GET /api/session did on every fresh start: Chromium logs the failed load.
      await fetch('/api/no-such-route-planted');
    });
    // The SPA's global error listener reports an uncaught error as a console error ("ERROR Error: ..."); a page
    // without one would raise a pageerror: the guard takes both.
    await expect.poll(() => consoleGuard.problems.length).toBe(3);
    expect(consoleGuard.problems.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Failed to load resource: the server responded with a status of 404'),
        expect.stringContaining('planted console error'),
        expect.stringContaining('planted page error'),
      ]),
    );
    consoleGuard.allow(/planted|status of 404/, 'this test plants them to show the guard catches them');
  });
});
