import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { INSTRUMENTS, PLACE_ROUTE, sim } from './support/sim';

/** A script's request: Node's fetch with only the Bearer key (no cookies, no Origin, no XSRF). */
async function withKey(key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${E2E.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': `key-e2e-${Date.now()}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

test.describe('API keys for scripts and bots', () => {
  test('a read-only key made in the dashboard reads orders, cannot trade, and stops working once revoked', async ({ desk, page }, testInfo) => {
    await desk.connectWithMintedToken();
    await page.reload();
    await desk.expectConnected();

    const panel = page.getByTestId('api-keys-panel');
    await expect(panel.getByRole('heading', { name: 'API keys' })).toBeVisible();
    await expect(panel.getByTestId('api-keys-loading')).toBeHidden();

    // Create a read-only key.
    const name = `e2e read-only ${Date.now()}`;
    await panel.getByRole('button', { name: 'New API key' }).click();
    const form = panel.getByRole('form', { name: 'New API key' });
    await form.getByLabel('Name').fill(name);
    const read = form.getByRole('checkbox', { name: /^read/ });
    const trade = form.getByRole('checkbox', { name: /^trade: can place, modify and cancel orders with real money/ });
    await expect(read).toBeChecked();
    await expect(trade).not.toBeChecked();
    await panel.screenshot({ path: testInfo.outputPath('api-keys-form-light.png') });
    await form.getByRole('button', { name: 'Create key' }).click();

    // The key, once, with a copy button and a curl example for this origin.
    const created = panel.getByTestId('api-key-created');
    await expect(created).toContainText('Copy it now: it will not be shown again');
    await expect(created).toBeFocused();
    const key = (await created.getByTestId('api-key-secret').innerText()).trim();
    expect(key).toMatch(/^desk_\S{20,}$/);
    await expect(created.getByRole('button', { name: 'Copy API key' })).toBeVisible();
    await expect(created.getByTestId('api-key-curl')).toHaveText(`curl -H "Authorization: Bearer ${key}" ${E2E.apiUrl}/api/orders`);
    const row = panel.getByTestId('api-key-row').filter({ hasText: name });
    await expect(row.getByTestId('api-key-state')).toHaveText('Active');
    await expect(row.getByTestId('api-key-scopes')).toHaveText('read');
    await expect(row.getByTestId('api-key-prefix')).toHaveText(`${key.slice(0, 12)}…`);
    await panel.screenshot({ path: testInfo.outputPath('api-keys-created-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: testInfo.outputPath('api-keys-created-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Never in web storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(key.slice(5));

    // A script with the key: reads work, trading is refused and never reaches Upstox.
    const list = await withKey(key, 'GET', '/api/orders');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const view = list.body as { orders: unknown; source: string };
    expect(Array.isArray(view.orders)).toBe(true);
    expect(view.source).toMatch(/^(stream|snapshot)$/);
    const place = await withKey(key, 'POST', '/api/orders', {
      instrumentKey: INSTRUMENTS.reliance.key,
      transactionType: 'BUY',
      orderType: 'MARKET',
      quantity: 1,
      product: 'D',
      validity: 'DAY',
    });
    expect(place.status, JSON.stringify(place.body)).toBe(403);
    expect((await sim.calls())[PLACE_ROUTE] ?? 0).toBe(0);

    // Dismissed: the key is gone from the page for good.
    await created.getByRole('button', { name: 'Done, I have copied it' }).click();
    await expect(created).toBeHidden();
    await expect(page.getByText(key)).toHaveCount(0);

    // Revoke asks first, then the same request is refused.
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    const confirmation = row.getByRole('alertdialog');
    await expect(confirmation).toContainText(`Revoke “${name}”?`);
    await panel.screenshot({ path: testInfo.outputPath('api-keys-confirm-light.png') });
    expect((await withKey(key, 'GET', '/api/orders')).status).toBe(200);
    await confirmation.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(row.getByTestId('api-key-state')).toHaveText('Revoked');
    await expect(row.getByTestId('api-key-last-used')).not.toHaveText('Never');
    await panel.screenshot({ path: testInfo.outputPath('api-keys-revoked-light.png') });
    await page.screenshot({ path: testInfo.outputPath('dashboard-with-api-keys.png'), fullPage: true });

    const after = await withKey(key, 'GET', '/api/orders');
    expect(after.status, JSON.stringify(after.body)).toBe(401);
  });
});
