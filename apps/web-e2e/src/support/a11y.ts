import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** WCAG 2.0 and 2.1, levels A and AA: the rules the issue asks for (no best-practice or AAA rules). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/**
 * Rules switched off for every audit, each with its reason. Empty on purpose: a rule goes here only with a
 * comment that says why it cannot apply to the desk, never to make a failing screen pass.
 */
const DISABLED_RULES: readonly string[] = [];

export interface AuditOptions {
  /** CSS selector of the part to audit (e.g. an open dialog); the whole page when absent. */
  include?: string;
  /**
   * Text that must be among what axe measured and passed for contrast (a piece of each element's HTML, e.g.
   * `pill--rejected`): the colours the issue names are checked on purpose, not skipped because they were absent or
   * undecidable (axe leaves text on gradients or images "incomplete").
   */
  contrastOf?: readonly string[];
}

/**
 * Runs axe-core on what the page shows now and fails with one readable entry per failing element: the rule,
 * its impact, where the element is (selector and HTML) and axe's summary of how to fix it. `screen` names the
 * screen and theme in the message and in the attached JSON results.
 */
export async function expectAccessible(page: Page, screen: string, options: AuditOptions = {}): Promise<void> {
  await settle(page);
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (DISABLED_RULES.length) builder = builder.disableRules([...DISABLED_RULES]);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  await test.info().attach(`axe ${screen}.json`, { body: JSON.stringify(results, null, 2), contentType: 'application/json' });

  const failures = results.violations.flatMap((violation) =>
    violation.nodes.map((node) =>
      [
        `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`,
        `  element: ${node.target.join(' ')}`,
        `  html:    ${oneLine(node.html, 240)}`,
        `  fix:     ${oneLine(node.failureSummary ?? violation.description, 400)}`,
        `  rule:    ${violation.helpUrl}`,
      ].join('\n'),
    ),
  );
  expect(failures.length, `axe (WCAG 2.1 A/AA) on ${screen}: ${failures.length} violation(s)\n\n${failures.join('\n\n')}\n`).toBe(0);
  const measured = results.passes.find((rule) => rule.id === 'color-contrast')?.nodes.map((node) => node.html) ?? [];
  const unmeasured = (options.contrastOf ?? []).filter((piece) => !measured.some((html) => html.includes(piece)));
  expect(unmeasured, `${screen}: text whose contrast axe did not measure and pass`).toEqual([]);
  // Rules axe could not decide (e.g. text on a gradient) are listed for a human, not failed.
  const undecided = results.incomplete.filter((rule) => rule.id === 'color-contrast').flatMap((rule) => rule.nodes.map((n) => n.target.join(' ')));
  if (undecided.length) test.info().annotations.push({ type: 'axe: contrast to check by eye', description: `${screen}: ${undecided.join(', ')}` });
}

/** The same screen in the other colour scheme (the app follows prefers-color-scheme; there is no toggle). */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
}

/** Audits the current screen in both themes and leaves the page in light. */
export async function expectAccessibleInBothThemes(page: Page, screen: string, options: AuditOptions = {}): Promise<void> {
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await expectAccessible(page, `${screen} (${theme})`, options);
  }
  await useTheme(page, 'light');
}

/** Finite animations and transitions (a dialog opening, a colour change) finish before colours are measured. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
