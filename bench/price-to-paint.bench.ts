import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { simSubscriptions } from '../apps/api/test/market/market-harness';
import { OrdersStack, RELIANCE, startOrdersStack, waitFor } from '../apps/api/test/orders/orders-harness';
import { CHROMIUM_ARGS, clockOffset, epochMs, signIn, WEB_DIST } from './browser/dashboard-session';
import { armPrice } from './browser/price-probe';
import { ms, summarize } from './load/stats';
import { coresText, environmentLine, loadAverageText, writeResult } from './report';

/**
 * Issue 12 figure: a price change at the simulator -> the number painted in Chromium, with BENCH_PRICE_INSTRUMENTS
 * (200) instruments subscribed and ticking. The desk holds a RELIANCE position (its LTP is on screen in the
 * positions panel) and leases interest in 200 more instruments (the simulator's benchInstruments), which its market
 * data feed subscribes; the simulator's seeded walk moves every instrument every BENCH_PRICE_TICK_MS (500 ms). Then,
 * BENCH_PRICE_SAMPLES (50) times: t0, `POST /__sim/price` RELIANCE ±₹40 from where it is, and the page reports when
 * the LTP cell shows it (within ₹5: the walk may move it a few ticks meanwhile) and the next frame was produced.
 * Goal: p95 <= 250 ms. Build the dashboard first (`NX_DAEMON=false npx nx build web`).
 */
const INSTRUMENTS = Number(process.env['BENCH_PRICE_INSTRUMENTS'] ?? 200);
const SAMPLES = Number(process.env['BENCH_PRICE_SAMPLES'] ?? 50);
const TICK_MS = Number(process.env['BENCH_PRICE_TICK_MS'] ?? 500);
const GOAL_P95_MS = 250;
const LEASE_SIZE = 20;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const benchKey = (n: number): string => `NSE_EQ|INEZZ${String(n).padStart(5, '0')}01`;

describe('price to paint benchmark', () => {
  it(`${SAMPLES} price changes with ${INSTRUMENTS} instruments ticking -> painted in Chromium`, async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`No built dashboard in ${WEB_DIST}: run \`NX_DAEMON=false npx nx build web\` first.`);
    const loadBefore = loadAverageText();
    let s: OrdersStack | null = null;
    let browser: Browser | null = null;
    const latencies: number[] = [];
    const misses: string[] = [];
    let subscribed = 0;
    let chromiumVersion = '';
    let coalesceMs = '';
    try {
      const stack = await startOrdersStack({
        sim: { benchInstruments: INSTRUMENTS },
        env: { MARKET_INTEREST_TTL_MS: '600000', LOG_LEVEL: 'warn', DESK_READ_RATE_LIMIT_PER_SECOND: '100000' },
      });
      s = stack;
      coalesceMs = s.stack.env['MARKET_QUOTE_COALESCE_MS'] ?? '250 (the default)';
      const bought = await s.place({ instrumentKey: RELIANCE, transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'I', validity: 'DAY' });
      if (bought.status !== 201) throw new Error(`buy: ${bought.status} ${bought.text}`);
      for (let first = 1; first <= INSTRUMENTS; first += LEASE_SIZE) {
        const keys = Array.from({ length: Math.min(LEASE_SIZE, INSTRUMENTS - first + 1) }, (_, i) => benchKey(first + i));
        const lease = await s.browser.api('POST', '/api/market/interest', { instrumentKeys: keys });
        if (lease.status !== 201) throw new Error(`lease: ${lease.status} ${lease.text}`);
      }
      subscribed = (await waitFor('every instrument subscribed', async () => {
        const keys = await simSubscriptions(stack.sim);
        return keys && keys.length >= INSTRUMENTS + 1 ? keys : null;
      }, 30_000)).length;
      await s.sim.call('POST', 'market-feed', { tick_ms: TICK_MS });

      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      chromiumVersion = browser.version();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const painted = new Map<number, (r: { paintedAt: number; shown: string }) => void>();
      await page.exposeFunction('__pricePainted', (r: { sample: number; paintedAt: number; shown: string }) => painted.get(r.sample)?.(r));
      await signIn(page, s, { live: true });
      await page.locator(`[data-testid="position-row"][data-instrument-key="${RELIANCE}"]`).waitFor({ timeout: 30_000 });
      const offset = await clockOffset(page);
      await sleep(2_000); // the walk running, quote events flowing

      for (let sample = 0; sample < SAMPLES; sample++) {
        const current = Number((await page.locator(`[data-testid="position-row"][data-instrument-key="${RELIANCE}"] [data-testid="position-ltp"]`).textContent())?.replace(/[^0-9.]/g, ''));
        const target = Math.round((current + (sample % 2 === 0 ? 40 : -40)) * 20) / 20;
        const seen = new Promise<{ paintedAt: number; shown: string }>((resolve) => painted.set(sample, resolve));
        const armed = await page.evaluate(armPrice, { sample, instrumentKey: RELIANCE, target, tolerance: 5 });
        if (armed !== 'armed') throw new Error(`sample ${sample}: ${armed}`);
        const t0 = epochMs();
        await s.sim.price(RELIANCE, target);
        const result = await Promise.race([seen, sleep(5_000).then(() => null)]);
        if (result) latencies.push(result.paintedAt - offset.offset - t0);
        else misses.push(`sample ${sample}: ₹${target} not shown within 5 s`);
        await sleep(300 + (sample % 7) * 37); // spread the changes over the coalescing window
      }
    } finally {
      await browser?.close();
      await s?.close();
    }
    const r = summarize(latencies);
    const met = r.p95 <= GOAL_P95_MS && misses.length === 0;
    const lines = [
      '# Price to paint benchmark (issue 12)',
      '',
      `${environmentLine()}; ${coresText()}; Chromium ${chromiumVersion}; load average before ${loadBefore}, after ${loadAverageText()}; dashboard built ${statSync(join(WEB_DIST, 'index.html')).mtime.toISOString()}.`,
      '',
      `- ${subscribed} instruments subscribed on the desk's market data feed (a RELIANCE position plus ${INSTRUMENTS} leased), the simulator's walk moving every instrument every ${TICK_MS} ms; quote coalescing MARKET_QUOTE_COALESCE_MS ${coalesceMs}.`,
      `- ${SAMPLES} changes: \`POST /__sim/price\` RELIANCE ±₹40, t0 just before the call; the page reports the frame after the positions panel's LTP cell shows it.`,
      '',
      `| Figure | Goal | p50 | p95 | max | |`,
      '|---|---|---|---|---|---|',
      `| Price set at the simulator -> painted | p95 ≤ ${GOAL_P95_MS} ms | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${met ? 'met' : 'missed'} |`,
      '',
      ...(misses.length ? misses.map((m) => `- missed: ${m}`) : ['Every change was painted.']),
    ];
    console.log(`wrote ${writeResult('price-to-paint', lines)}`);
    expect({ misses, p95Met: r.p95 <= GOAL_P95_MS }).toEqual({ misses: [], p95Met: true });
  });
});
