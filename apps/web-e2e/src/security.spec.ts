import { randomBytes } from 'node:crypto';
import type { Page, Response } from '@playwright/test';
import { chooseEnvironment, chooseOptionB, openConnectDialog } from './support/connect-ui';
import { loggedResponses } from './support/api-log';
import { ATTACK_KINDS, startAttackerSite } from './support/attacker-site';
import { expect, test } from './support/desk';
import { E2E } from './support/e2e-env';
import { placeOrder } from './support/orders-ui';
import { sim } from './support/sim';

/** Everything the browser keeps or shows that a script or another user of the machine could read. */
async function browserSurfaces(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '')
        .map((key) => `${key}=${storage.getItem(key) ?? ''}`)
        .join('\n');
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    const cacheNames = 'caches' in window ? await caches.keys() : [];
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookie: document.cookie,
      indexedDbNames: databases.map((d) => d.name ?? '').join('\n'),
      cacheStorageNames: cacheNames.join('\n'),
      html: document.documentElement.outerHTML,
      inputValues: Array.from(document.querySelectorAll('input, textarea'))
        .map((el) => (el as HTMLInputElement).value)
        .join('\n'),
      eventStream: ((window as unknown as { __deskEvents?: string[] }).__deskEvents ?? []).join('\n'),
    };
  });
}

/**
 * Records every event the page receives on GET /api/events (that response never ends, so its body cannot be read
 * like the others): the canaries must not travel on it either.
 */
async function recordEventStream(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.EventSource;
    const seen: string[] = ((window as unknown as { __deskEvents?: string[] }).__deskEvents = []);
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        for (const type of ['order', 'trade', 'position', 'holding', 'funds', 'connection', 'resync']) {
          this.addEventListener(type, (e) => seen.push(`${type} ${(e as MessageEvent<string>).data}`));
        }
      }
    };
  });
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Every body the page received (documents, JS, CSS, api JSON), keyed "type METHOD url". */
async function responseBodies(responses: Response[]): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const response of responses) {
    const request = response.request();
    // The event stream stays open: what it carried is recorded in the page (recordEventStream).
    if ((response.headers()['content-type'] ?? '').startsWith('text/event-stream')) continue;
    // Redirects have no body; they still count as seen (with nothing in them).
    bodies[`${request.resourceType()} ${request.method()} ${response.url()}`] = await response.text().catch(() => '');
  }
  return bodies;
}

/** "name xN in where" for every canary found anywhere: the figure must be an empty list. */
function findCanaries(canaries: Record<string, string>, places: Record<string, string>): string[] {
  return Object.entries(canaries).flatMap(([name, canary]) =>
    Object.entries(places)
      .map(([where, text]) => ({ where, n: occurrences(text, canary) }))
      .filter(({ n }) => n > 0)
      .map(({ where, n }) => `${name} x${n} in ${where}`),
  );
}

test.describe('SECURITY figures at the browser level', () => {
  test('canary secrets: 0 occurrences in storage, cookies, IndexedDB, the page, its JS/CSS and every api response', async ({ desk, page }) => {
    const app = await sim.app();
    const { access_token: accessToken } = await sim.mintToken();
    const canarySecret = `CANARY-secret-${randomBytes(12).toString('hex')}`;
    const canaries = { apiSecret: canarySecret, accessToken };

    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await recordEventStream(page);
    const sentBodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/connection/token')) sentBodies.push(request.postData() ?? '');
    });
    await page.reload();

    const dialog = await openConnectDialog(desk);
    await chooseOptionB(dialog);
    await chooseEnvironment(dialog, 'simulator', app.client_id);
    await dialog.getByLabel('API Secret').fill(canarySecret);
    await dialog.getByLabel('Access Token').fill(accessToken);
    await dialog.getByTestId('connect-submit').click();
    await expect(dialog).toBeHidden();
    await desk.expectConnected();
    await placeOrder(desk, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    await expect.poll(() => page.evaluate(() => ((window as unknown as { __deskEvents?: string[] }).__deskEvents ?? []).join('\n'))).toContain('order ');
    const eventsBeforeReload = await page.evaluate(() => ((window as unknown as { __deskEvents?: string[] }).__deskEvents ?? []).join('\n'));
    await page.reload();
    await desk.expectConnected();

    const surfaces = await browserSurfaces(page);
    const loaded = await responseBodies(responses);
    const keys = Object.keys(loaded);
    expect(keys.filter((k) => k.startsWith('script ')).length, 'the page loaded its JS').toBeGreaterThan(0);
    expect(keys.filter((k) => k.startsWith('stylesheet ')).length, 'the page loaded its CSS').toBeGreaterThan(0);
    expect(keys.some((k) => k.includes('/api/connection'))).toBe(true);
    expect(surfaces['eventStream'], 'the reloaded page opened the event stream').toContain('connection ');

    expect(findCanaries(canaries, { ...surfaces, ...loaded, eventsBeforeReload })).toEqual([]);
    // Positive control: both canaries did pass through this browser, to the api only.
    expect(sentBodies).toHaveLength(1);
    expect(occurrences(sentBodies[0], canarySecret)).toBe(1);
    expect(occurrences(sentBodies[0], accessToken)).toBe(1);
  });

  test('cross-site order attempts from another origin: 0 orders reach Upstox', async ({ desk, context }) => {
    await desk.connectWithMintedToken();
    await desk.page.reload();
    await desk.expectConnected();

    const target = `${E2E.apiUrl}/api/orders`;
    const attacker = await startAttackerSite(target);
    const sent: string[] = [];
    context.on('request', (request) => {
      // The dashboard's own reads of the order book (same origin) are not attempts.
      if (request.url().startsWith(target) && request.frame().page() !== desk.page) sent.push(`${request.method()} ${request.resourceType()}`);
    });
    const since = new Date();
    try {
      const evil = await context.newPage();
      await evil.goto(attacker.url);
      const result = await evil.evaluate(() => (window as unknown as { attack(): Promise<Record<string, unknown>> }).attack());
      expect(result['beacon']).toBe(true); // the browser queued it
      await evil.close();
    } finally {
      await attacker.close();
    }
    expect(sent).toHaveLength(ATTACK_KINDS.length);

    // Every attempt reached the api (its log shows each, cross-site) and was refused there.
    const attempts = () =>
      loggedResponses(since).filter((r) => r.url.startsWith('/api/orders') && r.headers['sec-fetch-site'] === 'cross-site');
    await expect.poll(() => attempts().length).toBe(ATTACK_KINDS.length);
    const contentTypes = attempts().map((a) => (a.headers['content-type'] ?? '').split(';')[0]);
    expect(contentTypes).toEqual(
      expect.arrayContaining(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']),
    );
    expect(attempts().filter((a) => a.method === 'GET')).toHaveLength(1);
    for (const attempt of attempts()) {
      expect(attempt.status, `${attempt.method} ${attempt.headers['content-type']}`).toBeGreaterThanOrEqual(400);
    }

    expect(await sim.placeCount()).toBe(0);
    expect(await sim.orders()).toHaveLength(0);

    // Positive control: the same browser, from the dashboard itself, can place an order.
    await placeOrder(desk, { search: 'RELIANCE', symbol: 'RELIANCE', type: 'MARKET', quantity: 1 });
    expect(await sim.placeCount()).toBe(1);
  });
});
