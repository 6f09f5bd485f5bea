import { expect, type Locator, type Page } from '@playwright/test';

/** What has keyboard focus and how it shows: enough for a readable failure. */
export interface FocusStop {
  /** e.g. `button "Review order"`, `input#po-quantity`. */
  element: string;
  /** The element that draws the indicator (the focused one, or the label of a visually hidden radio). */
  drawnOn: string;
  indicator: string;
  /** Contrast of the indicator against what is behind it (WCAG 1.4.11 asks 3:1). */
  contrast: number;
}

/** WCAG 1.4.11 (non-text contrast): a focus indicator needs 3:1 against its surroundings. */
export const FOCUS_INDICATOR_MIN_CONTRAST = 3;

/**
 * The focused element as the user sees it: it matches :focus-visible, and it (or, for a visually hidden input, its
 * label) draws an outline or a box-shadow that is visible and at least 3:1 against the background it is drawn on.
 */
export async function expectVisibleFocus(page: Page): Promise<FocusStop> {
  const stop = await page.evaluate(describeFocus);
  expect(stop.problem, `focus on ${stop.element}`).toBeNull();
  expect(stop.contrast, `focus indicator on ${stop.drawnOn} (${stop.indicator})`).toBeGreaterThanOrEqual(FOCUS_INDICATOR_MIN_CONTRAST);
  return stop;
}

/** One Tab (or Shift+Tab) and the check that the new focus is visible; inside `within` when given. */
export async function tab(page: Page, options: { shift?: boolean; within?: Locator } = {}): Promise<FocusStop> {
  await page.keyboard.press(options.shift ? 'Shift+Tab' : 'Tab');
  if (options.within) await expectFocusInside(options.within);
  return expectVisibleFocus(page);
}

/** Tabs until `target` has focus (every stop on the way visible, and inside `within`); returns the stops. */
export async function tabTo(page: Page, target: Locator, options: { within?: Locator; maxStops?: number } = {}): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < (options.maxStops ?? 30); i++) {
    stops.push(await tab(page, options));
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
  }
  throw new Error(`Tab never reached the target; stops: ${stops.map((s) => s.element).join(' -> ')}`);
}

export async function expectFocusInside(container: Locator): Promise<void> {
  const where = await container.evaluate((c) => {
    const active = document.activeElement;
    return active && c.contains(active) ? null : `${active?.tagName.toLowerCase()}${active?.id ? `#${active.id}` : ''} "${(active?.textContent ?? '').trim().slice(0, 40)}"`;
  });
  expect(where, 'focus left the dialog').toBeNull();
}

/** Runs in the page: serialisable, so everything it needs is inside it. */
function describeFocus(): FocusStop & { problem: string | null } {
  const active = document.activeElement as HTMLElement | null;
  const nameOf = (el: Element): string => {
    const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name.replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
  };
  const empty = { element: 'nothing', drawnOn: 'nothing', indicator: 'none', contrast: 0 };
  if (!active || active === document.body) return { ...empty, problem: 'nothing has focus (the page body)' };
  const element = nameOf(active);
  if (!active.matches(':focus-visible')) return { ...empty, element, problem: 'does not match :focus-visible' };

  const rgba = (css: string): [number, number, number, number] => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]: number[]): number => {
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a: number[], b: number[]): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  const opacity = (el: Element | null): number => {
    let value = 1;
    for (let e = el; e; e = e.parentElement) value *= Number(getComputedStyle(e).opacity);
    return value;
  };
  const backgroundFrom = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const bg = rgba(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };

  const candidates = [active, active.closest('label'), active.parentElement].filter((e): e is HTMLElement => !!e);
  for (const el of candidates) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (opacity(el) < 0.5 || box.width === 0 || box.height === 0) continue;
    const outlineWidth = parseFloat(style.outlineWidth);
    if (style.outlineStyle !== 'none' && outlineWidth >= 1) {
      const colour = rgba(style.outlineColor);
      // An inset outline (negative offset) is drawn on the element's own background, else on what is around it.
      const behind = parseFloat(style.outlineOffset) < 0 ? backgroundFrom(el) : backgroundFrom(el.parentElement);
      return {
        element,
        drawnOn: nameOf(el),
        indicator: `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor} offset ${style.outlineOffset}`,
        contrast: ratio(colour, behind),
        problem: null,
      };
    }
    if (style.boxShadow !== 'none') {
      const colour = rgba(style.boxShadow);
      return { element, drawnOn: nameOf(el), indicator: `box-shadow ${style.boxShadow}`, contrast: ratio(colour, backgroundFrom(el.parentElement)), problem: null };
    }
  }
  return { ...empty, element, problem: 'no visible outline or box-shadow on it or its label' };
}
