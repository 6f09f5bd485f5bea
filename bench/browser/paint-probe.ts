/**
 * What the fill-to-paint benchmark runs inside the dashboard page. These functions are serialised by
 * playwright (Function.toString) and run in Chromium: no imports, no closures over this module.
 */

/** One fill as the page saw it; times are `performance.timeOrigin + performance.now()` (the machine clock, ms). */
export interface PaintRecord {
  orderId: string;
  /** The `order` event saying `complete` was dispatched by the page's EventSource (before the dashboard's own listener ran). */
  eventAt: number | null;
  /** The row's data-status-class became `complete` (MutationObserver callback, a microtask after Angular wrote it). */
  mutatedAt: number;
  /** The next requestAnimationFrame callback (the frame that shows the change is being produced). */
  frameAt: number;
  /** A setTimeout 0 scheduled in that callback: the frame has been produced. */
  paintedAt: number;
}

export interface ProbeState {
  /** EventSources the page opened (1 means the dashboard's stream never reconnected). */
  sources: number;
  /** First arrival of an `order` event with statusClass `complete`, per order id. */
  completeEventAt: Record<string, number>;
}

declare global {
  interface Window {
    __fillProbe: ProbeState;
    __fillPainted: (record: PaintRecord) => void;
  }
}

/**
 * Installed before the dashboard's code (addInitScript): every EventSource the page opens gets a listener of
 * ours, registered before the dashboard's, that notes when a `complete` order event arrives.
 */
export function installProbe(): void {
  const now = (): number => performance.timeOrigin + performance.now();
  const state: ProbeState = { sources: 0, completeEventAt: {} };
  window.__fillProbe = state;
  const Native = window.EventSource;
  class TimedEventSource extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      state.sources++;
      this.addEventListener('order', (event) => {
        const at = now();
        const order = JSON.parse((event as MessageEvent<string>).data) as { orderId: string; statusClass: string };
        if (order.statusClass === 'complete' && !(order.orderId in state.completeEventAt)) state.completeEventAt[order.orderId] = at;
      });
    }
  }
  window.EventSource = TimedEventSource;
}

/**
 * Arms the observer for one order (its row must be `working` now). When the row turns `complete`, waits for
 * the next frame and reports through the exposed `__fillPainted` binding (after the paint, so the report's
 * own traffic is not part of what is measured).
 */
export function armRow(orderId: string): string {
  const now = (): number => performance.timeOrigin + performance.now();
  const selector = `[data-testid="order-row"][data-order-id="${orderId}"]`;
  const status = (): string | null => document.querySelector(selector)?.getAttribute('data-status-class') ?? null;
  const before = status();
  if (before !== 'working') return `row ${orderId} is ${before ?? 'missing'}, not working`;
  const observer = new MutationObserver(() => {
    if (status() !== 'complete') return;
    const mutatedAt = now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const frameAt = now();
      setTimeout(() => {
        const paintedAt = now();
        window.__fillPainted({ orderId, eventAt: window.__fillProbe.completeEventAt[orderId] ?? null, mutatedAt, frameAt, paintedAt });
      }, 0);
    });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status-class'] });
  return 'armed';
}

/** Puts the row in the middle of the viewport: the change is painted where a trader would look. */
export function showRow(orderId: string): boolean {
  const row = document.querySelector(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  row?.scrollIntoView({ block: 'center' });
  return row !== null;
}

export function pageNow(): number {
  return performance.timeOrigin + performance.now();
}
