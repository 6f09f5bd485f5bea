import { existsSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM_ARGS, signIn, WEB_DIST } from './browser/dashboard-session';
import { OrdersStack, startOrdersStack, waitFor } from '../apps/api/test/orders/orders-harness';
import { rawRequest } from '../apps/api/test/support/stack';
import { bareBookLoad, clearFilters, installBookProbe, ordersArrival, scrollBook, timeFilter } from './browser/order-book-probe';
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
 * Each load is split into stages (the browser handing over the text, JSON.parse, the dashboard's own work, the frame),
 * and after each one a bare page in a context of its own reads the same answer: the floor no page can beat here.
 * Build the dashboard first (`NX_DAEMON=false npx nx build web`).
 */
const ORDERS = Number(process.env['BENCH_BOOK_ORDERS'] ?? 10_000);
const FILTER_RUNS = Number(process.env['BENCH_BOOK_FILTER_RUNS'] ?? 5);
const LOAD_RUNS = Math.max(1, Number(process.env['BENCH_BOOK_LOAD_RUNS'] ?? 5));
const GOALS = { loadMs: 200, longTasks: 0, filterMs: 50 };
/** A folder to save Chromium CPU profiles in (.cpuprofile, open in DevTools), if any: the load after sign-in, the first reload, the filter runs. */
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

/** A load's time split: arrived -> load event -> parse start -> parse end -> first row in the DOM -> frame (ms each). */
interface LoadStages {
  toLoadEvent: number;
  toParse: number;
  parse: number;
  toRowsInDom: number;
  toFrame: number;
}
const STAGE_NAMES: Record<keyof LoadStages, string> = {
  toLoadEvent: "answer arrived (`responseEnd`) -> the XHR's `load` event: the browser hands the text over",
  toParse: 'load event -> JSON.parse starts (Angular HttpClient)',
  parse: 'JSON.parse of the answer',
  toRowsInDom: "parsed -> first order row in the DOM: the store, the filters, Angular's change detection, the virtual scroller",
  toFrame: 'first row in the DOM -> the next frame (the probe waits one frame)',
};

/** One load of the dashboard's order book: its `GET /api/orders` answer fully arrived -> the frame showing the rows. */
async function measureLoad(page: Page): Promise<{ ms: number; arrival: { responseEnd: number; bytes: number }; stages: LoadStages | null }> {
  await page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => window.__book.firstRowsPaintedAt !== null, null, { timeout: 30_000 });
  const arrival = await page.evaluate(ordersArrival);
  const { painted, stages } = await page.evaluate(() => ({ painted: window.__book.firstRowsPaintedAt as number, stages: window.__book.stages }));
  if (!arrival) throw new Error('no GET /api/orders in the page');
  const { loadEventAt, parseStartAt, parseEndAt, rowsInDomAt } = stages;
  const split =
    loadEventAt === null || parseStartAt === null || parseEndAt === null || rowsInDomAt === null
      ? null
      : {
          toLoadEvent: loadEventAt - arrival.responseEnd,
          toParse: parseStartAt - loadEventAt,
          parse: parseEndAt - parseStartAt,
          toRowsInDom: rowsInDomAt - parseEndAt,
          toFrame: painted - rowsInDomAt,
        };
  return { ms: painted - arrival.responseEnd, arrival, stages: split };
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
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
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
      const loadStages = [first.stages];
      // The floor, side by side: after each dashboard load (and a pause for its other first reads), the same answer
      // read by a bare page of the same origin, signed in with the same cookie. Its own context: its own renderer
      // process, so it does not share a main thread with the dashboard.
      const bareContext = await browser.newContext();
      await bareContext.addCookies(await context.cookies());
      const bare = await bareContext.newPage();
      await bare.goto(`${s.stack.apiUrl}/api/health`);
      await page.bringToFront();
      const bareRun = async (): Promise<Awaited<ReturnType<typeof bareBookLoad>>> => {
        await page.waitForTimeout(1_000);
        return bare.evaluate(bareBookLoad);
      };
      const bareRuns = [await bareRun()];
      for (let run = 1; run < LOAD_RUNS; run++) {
        const profiled = run === 1 && loadCdp !== null;
        if (profiled) await loadCdp.send('Profiler.start');
        await page.reload();
        const next = await measureLoad(page);
        if (profiled && PROFILE_DIR) {
          const { profile } = await loadCdp.send('Profiler.stop');
          writeFileSync(join(PROFILE_DIR, 'order-book-reload.cpuprofile'), JSON.stringify(profile));
        }
        loadRuns.push(next.ms);
        loadStages.push(next.stages);
        bareRuns.push(await bareRun());
      }
      await bareContext.close();
      const bareParsed = summarize(bareRuns.map((r) => r.parsed));
      const bareDone = summarize(bareRuns.map((r) => r.taskDone));
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
        '',
        '## The browser\'s floor (same run, side by side)',
        '',
        `After each dashboard load above, a second page of the same origin with nothing else in it (no Angular, store or rendering) read the same answer (${bareRuns[0].orders} orders, ${(bareRuns[0].bytes / 1024).toFixed(0)} kB) by a bare XHR and JSON.parse: arrived -> parsed p50 ${ms(bareParsed.p50)} (each: ${bareRuns.map((r) => ms(r.parsed, 0)).join(', ')}); arrived -> the end of the task that parsed it p50 ${ms(bareDone.p50)} (each: ${bareRuns.map((r) => ms(r.taskDone, 0)).join(', ')}). No page can show rows sooner than that plus a frame; the dashboard's load p50 is ${ms(load.p50 - bareDone.p50)} above it.`,
        '',
        '## Where a load\'s time went (the same loads, in the page)',
        '',
        `Each load, in the order above (after sign-in first). JSON.parse is timed by wrapping it in the page; "-" where a stage was not seen.`,
        '',
        `| Stage | ${loadStages.map((_, i) => (i === 0 ? 'after sign-in' : `reload ${i}`)).join(' | ')} | p50 |`,
        `|---|${loadStages.map(() => '---').join('|')}|---|`,
        ...(Object.keys(STAGE_NAMES) as (keyof LoadStages)[]).map((key) => {
          const values = loadStages.map((st) => (st ? st[key] : null));
          const seen = values.filter((v): v is number => v !== null);
          return `| ${STAGE_NAMES[key]} | ${values.map((v) => (v === null ? '-' : ms(v, 0))).join(' | ')} | ${seen.length ? ms(summarize(seen).p50) : '-'} |`;
        }),
      );
    } finally {
      await browser?.close();
      await s?.close();
    }
    console.log(`wrote ${writeResult('order-book', lines)}`);
    expect(verdict).toEqual({ load: true, scroll: true, filterStatus: true, filterSymbol: true });
  });
});
