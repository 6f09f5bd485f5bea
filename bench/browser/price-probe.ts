/**
 * What the price-to-paint benchmark runs inside the dashboard page (serialised by playwright: no imports, no
 * closures over this module).
 */
declare global {
  interface Window {
    __pricePainted: (record: { sample: number; paintedAt: number; shown: string }) => void;
  }
}

/**
 * Watches the positions row of `instrumentKey`: once its LTP cell shows a price within `tolerance` rupees of `target`,
 * waits for the next frame to be produced and reports the time (performance.timeOrigin + now) through the binding.
 */
export function armPrice(args: { sample: number; instrumentKey: string; target: number; tolerance: number }): string {
  const now = (): number => performance.timeOrigin + performance.now();
  const cell = (): Element | null =>
    document.querySelector(`[data-testid="position-row"][data-instrument-key="${args.instrumentKey}"] [data-testid="position-ltp"]`);
  const shown = (): number => Number((cell()?.textContent ?? '').replace(/[^0-9.]/g, ''));
  if (!cell()) return 'no position row for the instrument';
  const hit = (): boolean => Math.abs(shown() - args.target) <= args.tolerance;
  if (hit()) return 'already showing the target';
  const observer = new MutationObserver(() => {
    if (!hit()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => window.__pricePainted({ sample: args.sample, paintedAt: now(), shown: cell()?.textContent?.trim() ?? '' }), 0));
  });
  observer.observe(cell() as Element, { subtree: true, childList: true, characterData: true });
  return 'armed';
}
