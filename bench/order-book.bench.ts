import { existsSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM_ARGS, signIn, WEB_DIST } from './browser/dashboard-session';
import { OrdersStack, startOrdersStack, waitFor } from '../apps/api/test/orders/orders-harness';
import { rawRequest } from '../apps/api/test/support/stack';
import { clearFilters, installBookProbe, ordersArrival, scrollBook, timeFilter } from './browser/order-book-probe';
import { ms, summarize } from './load/stats';
import { coresText, environmentLine, loadAverageText, writeResult } from './report';

/**
 * Issue 10 goal 3: a busy algo's day in the dashboard. BENCH_BOOK_ORDERS (10,000) orders are placed straight at the
 * simulator (as an algo on another Upstox channel would; the simulator's request limits are off for this, Upstox's
 * 2,000 writes per 30 minutes would take hours), so the desk learns them from the portfolio stream like any other.
 * Then Debian's Chromium opens the built dashboard and we measure, in the page:
 * - load: the `GET /api/orders` answer fully arrived -> the frame that first shows the order rows (goal 200 ms), for the
 *   first load after sign-in and BENCH_BOOK_LOAD_RUNS - 1 reloads: one load is one sample, and on a shared machine
 *   one sample can land anywhere from 125 to 205 ms;
 * - scrolling 10 screens of the book in quarter-screen steps, one per frame: long tasks over 50 ms (goal 0);
 * - filtering by status and by symbol: the control changed -> the frame showing the answer (goal 50 ms).
 * Build the dashboard first (`NX_DAEMON=false npx nx build web`).
 */
const ORDERS = Number(process.env['BENCH_BOOK_ORDERS'] ?? 10_000);
const FILTER_RUNS = Number(process.env['BENCH_BOOK_FILTER_RUNS'] ?? 5);
const LOAD_RUNS = Math.max(1, Number(process.env['BENCH_BOOK_LOAD_RUNS'] ?? 5));
const GOALS = { loadMs: 200, longTasks: 0, filterMs: 50 };
/** A folder to save Chromium CPU profiles of the filter runs in (.cpuprofile, open in DevTools), if any. */
const PROFILE_DIR = process.env['BENCH_BOOK_PROFILE_DIR'];
const SYMBOLS = [
  'NSE_EQ|INE002A01018', // RELIANCE
  'NSE_EQ|INE062A01020', // SBIN
  'NSE_EQ|INE009A01021', // INFY
  'NSE_EQ|INE467B01029', // TCS
  'NSE_EQ|INE154A01025', // ITC
  'NSE_EQ|INE040A01034', // HDFCBANK
];

const tick = (price: number): number => Math.round(price * 20) / 20;

/**
 * One order of the algo's day: mostly resting limits 5-10 % away from the last price (working), every 4th a market
 * order (complete), every 10th a limit far away.
 */
function algoOrder(i: number, lastPrices: Record<string, number>): Record<string, unknown> {
  const market = i % 4 === 0;
  // Mostly intraday sells (they block no cash in the simulator); the buys use up the demo account's ₹5,00,000 and
  // the rest of them are rejected for funds, as Upstox would.
  const side = i % 4 === 1 ? 'BUY' : 'SELL';
  const key = SYMBOLS[i % SYMBOLS.length];
  const away = 0.05 + (i % 6) / 100;
  const limit = i % 10 === 5 ? tick(lastPrices[key] * 3) : tick(lastPrices[key] * (side === 'BUY' ? 1 - away : 1 + away));
  return {
    quantity: 1 + (i % 5),
    // An intraday algo: delivery only for some buys (a delivery sell needs shares held and a CDSL authorisation).
    product: side === 'BUY' && i % 3 === 0 ? 'D' : 'I',
    validity: 'DAY',
    price: market ? 0 : limit,
    tag: `algo-${i}`,
    instrument_token: key,
    order_type: market ? 'MARKET' : 'LIMIT',
    transaction_type: side,
    disclosed_quantity: 0,
    trigger_price: 0,
    is_amo: false,
    slice: false,
    market_protection: market ? -1 : undefined,
  };
}

async function placeDirect(simUrl: string, token: string, count: number, lastPrices: Record<string, number>): Promise<{ placed: number; refused: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let next = 0;
  let placed = 0;
  let refused = 0;
  const post = (body: unknown): Promise<number> =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = request(
        `${simUrl}/v3/order/place`,
        { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(payload.length) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const status = await post(algoOrder(next++, lastPrices));
        if (status === 200) placed++;
        else refused++;
      }
    }),
  );
  agent.destroy();
  return { placed, refused };
}

/** The simulator's last prices of SYMBOLS (its LTP endpoint, as Upstox answers it: keyed SEGMENT:SYMBOL). */
async function lastPricesOf(s: OrdersStack): Promise<Record<string, number>> {
  const res = await rawRequest({
    method: 'GET',
    url: `${s.stack.simUrl}/v3/market-quote/ltp?instrument_key=${encodeURIComponent(SYMBOLS.join(','))}`,
    headers: { authorization: `Bearer ${s.accessToken}` },
  });
  const prices: Record<string, number> = {};
  for (const q of Object.values(res.body.data as Record<string, { instrument_token: string; last_price: number }>)) prices[q.instrument_token] = q.last_price;
  for (const key of SYMBOLS) if (!(prices[key] > 0)) throw new Error(`no last price for ${key}: ${res.text.slice(0, 200)}`);
  return prices;
}

/** One load of the dashboard's order book: its `GET /api/orders` answer fully arrived -> the frame showing the rows. */
async function measureLoad(page: Page): Promise<{ ms: number; arrival: { responseEnd: number; bytes: number } }> {
  await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => window.__book.firstRowsPaintedAt !== null, null, { timeout: 30_000 });
  const arrival = await page.evaluate(ordersArrival);
  const painted = await page.evaluate(() => window.__book.firstRowsPaintedAt as number);
  if (!arrival) throw new Error('no GET /api/orders in the page');
  return { ms: painted - arrival.responseEnd, arrival };
}

describe('order book benchmark', () => {
  it(`${ORDERS} orders: load, scroll and filter in Chromium`, async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`No built dashboard in ${WEB_DIST}: run \`NX_DAEMON=false npx nx build web\` first.`);
    const loadBefore = loadAverageText();
    let s: OrdersStack | null = null;
    let browser: Browser | null = null;
    const lines: string[] = [];
    let verdict: Record<string, boolean> = {};
    try {
      s = await startOrdersStack({ sim: { rateLimits: false }, env: { DESK_READ_RATE_LIMIT_PER_SECOND: '100000', LOG_LEVEL: 'warn' } });
      const seedStarted = Date.now();
      const lastPrices = await lastPricesOf(s);
      const seeded = await placeDirect(s.stack.simUrl, s.accessToken, ORDERS, lastPrices);
      const desk = s.browser;
      await waitFor(`${seeded.placed} orders in the desk's order book`, async () => ((await desk.api('GET', '/api/orders')).body?.orders?.length ?? 0) >= seeded.placed, 180_000);
      const seedMs = Date.now() - seedStarted;
      const book = (await s.browser.api('GET', '/api/orders')).body.orders as { statusClass: string; statusMessage: string | null }[];
      const statuses: Record<string, number> = {};
      const rejections: Record<string, number> = {};
      for (const o of book) {
        statuses[o.statusClass] = (statuses[o.statusClass] ?? 0) + 1;
        // Grouped by reason: the amounts in Upstox's messages ("add Rs. 1039.75") differ per order.
        const reason = (o.statusMessage ?? '?').replace(/Rs\. [\d,.]+/g, 'Rs. N');
        if (o.statusClass === 'rejected') rejections[reason] = (rejections[reason] ?? 0) + 1;
      }

      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(installBookProbe);
      const loadCdp = PROFILE_DIR ? await page.context().newCDPSession(page) : null;
      if (loadCdp) {
        await loadCdp.send('Profiler.enable');
        await loadCdp.send('Profiler.start');
      }
      await signIn(page, s);
      const first = await measureLoad(page);
      const arrival = first.arrival;
      const longTasksAtLoad = await page.evaluate(() => window.__book.longTasks.filter((t) => t.duration > 50));
      if (loadCdp && PROFILE_DIR) {
        const { profile } = await loadCdp.send('Profiler.stop');
        writeFileSync(join(PROFILE_DIR, 'order-book-load.cpuprofile'), JSON.stringify(profile));
      }
      const loadRuns = [first.ms];
      for (let run = 1; run < LOAD_RUNS; run++) {
        await page.reload();
        loadRuns.push((await measureLoad(page)).ms);
      }
      const load = summarize(loadRuns);

      await page.waitForTimeout(1_000); // let the first sync settle before scrolling
      const scroll = await page.evaluate(scrollBook, 10);
      const scrollLongTasks = await page.evaluate(
        ({ from, to }) => window.__book.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to && t.duration > 50),
        { from: scroll.startedAt, to: scroll.endedAt },
      );

      const cdp = PROFILE_DIR ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const byStatus: number[] = [];
      const bySymbol: number[] = [];
      let statusShown = '';
      let symbolShown = '';
      for (let run = 0; run < FILTER_RUNS; run++) {
        const st = await page.evaluate(timeFilter, { kind: 'status' as const, value: 'complete' });
        byStatus.push(st.ms);
        statusShown = st.shown;
        await page.evaluate(clearFilters);
        const sy = await page.evaluate(timeFilter, { kind: 'text' as const, value: 'SBIN' });
        bySymbol.push(sy.ms);
        symbolShown = sy.shown;
        await page.evaluate(clearFilters);
      }
      if (cdp && PROFILE_DIR) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(PROFILE_DIR, 'order-book-filters.cpuprofile'), JSON.stringify(profile));
      }
      const status = summarize(byStatus);
      const symbol = summarize(bySymbol);
      verdict = {
        load: load.p50 <= GOALS.loadMs,
        scroll: scrollLongTasks.length <= GOALS.longTasks,
        filterStatus: status.max <= GOALS.filterMs,
        filterSymbol: symbol.max <= GOALS.filterMs,
      };
      const met = (ok: boolean): string => (ok ? 'met' : 'missed');
      lines.push(
        '# Order book benchmark (issue 10, goal 3)',
        '',
        `${environmentLine()}; ${coresText()}; Chromium ${browser.version()}; load average before ${loadBefore}, after ${loadAverageText()}; dashboard built ${statSync(join(WEB_DIST, 'index.html')).mtime.toISOString()}.`,
        '',
        `- ${seeded.placed} orders placed straight at the simulator in ${(seedMs / 1000).toFixed(1)} s including the desk learning them from the portfolio stream (${seeded.refused} refused); status classes in the desk's book: ${JSON.stringify(statuses)}; rejections: ${JSON.stringify(rejections)}.`,
        `- The first \`GET /api/orders\` answer: ${(arrival.bytes / 1024).toFixed(0)} kB on the wire.`,
        '',
        '| Figure | Goal | Result | |',
        '|---|---|---|---|',
        `| Answer arrived -> frame showing the rows: the load after sign-in and ${LOAD_RUNS - 1} reloads | ≤ ${GOALS.loadMs} ms | p50 ${ms(load.p50)}, max ${ms(load.max)} (after sign-in ${ms(first.ms)}; each: ${loadRuns.map((v) => ms(v, 0)).join(', ')}) | ${met(verdict['load'])} |`,
        `| Long tasks > 50 ms while scrolling 10 screens (${scroll.steps} steps, ${scroll.scrolledPx.toFixed(0)} px) | ${GOALS.longTasks} | ${scrollLongTasks.length} (worst frame gap ${ms(scroll.worstFrameMs)}) | ${met(verdict['scroll'])} |`,
        `| Filter by status (complete), ${FILTER_RUNS} runs | ≤ ${GOALS.filterMs} ms | p50 ${ms(status.p50)}, max ${ms(status.max)} (${statusShown}) | ${met(verdict['filterStatus'])} |`,
        `| Filter by symbol (search "SBIN"), ${FILTER_RUNS} runs | ≤ ${GOALS.filterMs} ms | p50 ${ms(symbol.p50)}, max ${ms(symbol.max)} (${symbolShown}) | ${met(verdict['filterSymbol'])} |`,
        '',
        `Long tasks during the page load (sign-in to first rows): ${longTasksAtLoad.map((t) => ms(t.duration, 0)).join(', ') || 'none'}.`,
      );
    } finally {
      await browser?.close();
      await s?.close();
    }
    console.log(`wrote ${writeResult('order-book', lines)}`);
    expect(verdict).toEqual({ load: true, scroll: true, filterStatus: true, filterSymbol: true });
  });
});
