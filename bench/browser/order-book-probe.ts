/**
 * What the order-book benchmark runs inside the dashboard page. Serialised by playwright (Function.toString):
 * no imports, no closures over this module.
 */

export interface BookProbe {
  /** Long tasks (> 50 ms) seen since the probe was installed: start (page clock) and duration, ms. */
  longTasks: { start: number; duration: number }[];
  /** The first frame produced after the first order row appeared (page clock, ms). */
  firstRowsPaintedAt: number | null;
  /** The stages of the first `GET /api/orders` (page clock, ms): see BookStages. */
  stages: BookStages;
}

/**
 * Where the first book load's time goes: its XHR's `load` event fired (the browser had handed over the text), the
 * first JSON.parse of over 1 MB (Angular's HttpClient parsing that answer) started and ended, and the first order row
 * was in the DOM. The next frame is `firstRowsPaintedAt`.
 */
export interface BookStages {
  loadEventAt: number | null;
  parseStartAt: number | null;
  parseEndAt: number | null;
  rowsInDomAt: number | null;
}

declare global {
  interface Window {
    __book: BookProbe;
  }
}

/** Installed before the dashboard's code: long tasks, and the frame that first shows order rows. */
export function installBookProbe(): void {
  const probe: BookProbe = { longTasks: [], firstRowsPaintedAt: null, stages: { loadEventAt: null, parseStartAt: null, parseEndAt: null, rowsInDomAt: null } };
  window.__book = probe;
  // Our listener goes on before the dashboard's (it adds its own after open()), so it marks the event's start.
  const open = XMLHttpRequest.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]): void {
    if (/\/api\/orders(\?|$)/.test(String(args[1])) && probe.stages.loadEventAt === null) {
      this.addEventListener('load', () => (probe.stages.loadEventAt ??= performance.now()));
    }
    open.apply(this, args);
  } as typeof XMLHttpRequest.prototype.open;
  const parse = JSON.parse;
  JSON.parse = function (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown {
    if (typeof text !== 'string' || text.length < 1_000_000 || probe.stages.parseStartAt !== null) return parse(text, reviver);
    const startedAt = performance.now();
    const value = parse(text, reviver);
    probe.stages.parseStartAt = startedAt;
    probe.stages.parseEndAt = performance.now();
    return value;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const watch = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="order-row"]')) return;
    watch.disconnect();
    probe.stages.rowsInDomAt = performance.now();
    requestAnimationFrame(() => setTimeout(() => (probe.firstRowsPaintedAt = performance.now()), 0));
  });
  document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { subtree: true, childList: true }));
}

/** When the first GET /api/orders answer had fully arrived (page clock, ms), and its size. */
export function ordersArrival(): { responseEnd: number; bytes: number } | null {
  const entry = performance
    .getEntriesByType('resource')
    .find((e) => /\/api\/orders(\?|$)/.test(e.name)) as PerformanceResourceTiming | undefined;
  return entry ? { responseEnd: entry.responseEnd, bytes: entry.encodedBodySize } : null;
}

/** Scrolls the order book's viewport down by `screens` screens in quarter-screen steps, one per frame. */
export async function scrollBook(screens: number): Promise<{ steps: number; scrolledPx: number; startedAt: number; endedAt: number; worstFrameMs: number }> {
  const viewport = document.querySelector('cdk-virtual-scroll-viewport') as HTMLElement | null;
  if (!viewport) throw new Error('the order book is not virtualised (no cdk-virtual-scroll-viewport)');
  const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
  const step = viewport.clientHeight / 4;
  const startedAt = performance.now();
  let last = await frame();
  let worstFrameMs = 0;
  for (let i = 0; i < screens * 4; i++) {
    viewport.scrollTop += step;
    const now = await frame();
    worstFrameMs = Math.max(worstFrameMs, now - last);
    last = now;
  }
  await frame();
  return { steps: screens * 4, scrolledPx: viewport.scrollTop, startedAt, endedAt: performance.now(), worstFrameMs };
}

/**
 * Changes one filter control and times it until the frame that shows the filtered rows has been produced.
 * `kind` status: the status select; text: the search box.
 */
export async function timeFilter(args: { kind: 'status' | 'text'; value: string }): Promise<{ ms: number; rows: number; shown: string }> {
  const selector = args.kind === 'status' ? '[data-testid="orders-filter-status"]' : '[data-testid="orders-filter-text"]';
  const control = document.querySelector(selector) as HTMLInputElement | HTMLSelectElement | null;
  if (!control) throw new Error(`no ${selector}`);
  const count = (): string => document.querySelector('[data-testid="orders-filter-count"]')?.textContent?.trim() ?? '';
  const before = count();
  const started = performance.now();
  control.value = args.value;
  control.dispatchEvent(new Event(args.kind === 'status' ? 'change' : 'input', { bubbles: true }));
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (count() !== before || performance.now() - started > 5_000) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - started, rows: document.querySelectorAll('[data-testid="order-row"]').length, shown: count() };
}

/** Back to every order (the Clear filters button), waiting for that frame. */
export async function clearFilters(): Promise<void> {
  (document.querySelector('[data-testid="orders-filter-clear"]') as HTMLButtonElement | null)?.click();
  await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

/**
 * The browser's floor for the same answer, in a page with nothing else (no Angular, no store, no rendering): one
 * `GET /api/orders` by a bare XHR and JSON.parse. Arrived -> parsed, and arrived -> the end of the task that
 * parsed it (Chromium finishes the response's text handling in that task). Page clock, ms.
 */
export async function bareBookLoad(): Promise<{ parsed: number; taskDone: number; bytes: number; orders: number }> {
  const body = await new Promise<{ orders: unknown[] }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/orders');
    xhr.onload = () =>
      xhr.status === 200 ? resolve(JSON.parse(xhr.responseText) as { orders: unknown[] }) : reject(new Error(`GET /api/orders: ${xhr.status} ${xhr.responseText.slice(0, 200)}`));
    xhr.onerror = () => reject(new Error('GET /api/orders failed'));
    xhr.send();
  });
  const parsedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const doneAt = performance.now();
  const entries = performance.getEntriesByType('resource').filter((e) => /\/api\/orders$/.test(e.name));
  const entry = entries[entries.length - 1] as PerformanceResourceTiming;
  return { parsed: parsedAt - entry.responseEnd, taskDone: doneAt - entry.responseEnd, bytes: entry.encodedBodySize, orders: body.orders.length };
}
