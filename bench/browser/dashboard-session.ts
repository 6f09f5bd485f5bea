import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { OrdersStack } from '../../apps/api/test/orders/orders-harness';
import { pageNow } from './paint-probe';

/** The browser benchmarks' shared set-up: Debian's Chromium, the built dashboard, the sign-in form, the page clock. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const WEB_DIST = join(__dirname, '..', '..', 'dist', 'apps', 'web', 'browser');

export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Signs the page in through the sign-in form and waits for the dashboard's top bar. */
export async function signIn(page: Page, s: OrdersStack, options: { live?: boolean } = {}): Promise<void> {
  await page.goto(`${s.stack.apiUrl}/sign-in`);
  await page.getByLabel('Login token').fill(s.stack.loginToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('top-bar').waitFor({ timeout: 30_000 });
  if (options.live) {
    await page.waitForFunction(() => document.querySelector('[data-testid="stream-label"]')?.textContent?.trim() === 'Live', null, { timeout: 30_000 });
  }
}

/**
 * The page's clock against ours: the reading with the shortest round trip; offset = page - our midpoint.
 * Both are performance.timeOrigin + performance.now() on one machine, so this should be ~0.
 */
export async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: NaN, uncertainty: Infinity };
  for (let i = 0; i < 20; i++) {
    const before = epochMs();
    const at = await page.evaluate(pageNow);
    const after = epochMs();
    if ((after - before) / 2 < best.uncertainty) best = { offset: at - (before + after) / 2, uncertainty: (after - before) / 2 };
  }
  return best;
}
